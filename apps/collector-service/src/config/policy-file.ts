import {
  loadPolicy,
  type Policy,
  PolicyFileError,
  PolicyReferenceError,
  PolicyRuleError,
} from '../policy/index.js';
import type { ConfReader } from './conf-reader.js';
import type { ConfigProblem } from './config-problem.js';
import { resolveConfPath } from './paths.js';
import { OSLO_POLICY_SECTION, osloPolicySectionSchema } from './sections/oslo-policy.js';

/**
 * `[oslo_policy] policy_file`, resolved like every path of cloudkitty.conf, and the policy it holds over
 * CloudKitty's defaults. oslo's default file may be absent (the defaults apply, as in oslo.policy); a
 * file the operator named must exist. A problem of the policy file is reported at its rule's line.
 */
export function readConfPolicy(reader: ConfReader): Policy | undefined {
  const section = reader.parse(OSLO_POLICY_SECTION, osloPolicySectionSchema);
  if (section === undefined) return undefined;
  const named = reader.record(OSLO_POLICY_SECTION).policy_file !== undefined;
  const file = resolveConfPath(reader, OSLO_POLICY_SECTION, 'policy_file', section.policyFile);
  try {
    return loadPolicy({ file, missingIsDefaults: !named });
  } catch (error) {
    if (error instanceof PolicyFileError && error.code !== undefined) {
      // The option is what is wrong: name it, as for every unreadable file option.
      reader.report(OSLO_POLICY_SECTION, 'policy_file', `cannot read ${file} (${error.code})`);
      return undefined;
    }
    if (
      !(
        error instanceof PolicyFileError ||
        error instanceof PolicyRuleError ||
        error instanceof PolicyReferenceError
      )
    ) {
      throw error;
    }
    const problem: ConfigProblem = { file: error.file ?? file, message: error.problem };
    if (error.line !== undefined) problem.line = error.line;
    reader.problems.push(problem);
    return undefined;
  }
}
