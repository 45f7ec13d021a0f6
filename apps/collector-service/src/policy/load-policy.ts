import { existsSync } from 'node:fs';
import { Policy } from './policy.js';
import { readPolicyFile } from './read-policy-file.js';

export interface LoadPolicyOptions {
  /** The policy file (`[oslo_policy] policy_file`, resolved); without it, CloudKitty's defaults. */
  file?: string;
  /**
   * The file is oslo's default (`policy.yaml`) rather than one the operator named: when it does not
   * exist, the defaults apply, as oslo.policy does. A named file that does not exist is an error.
   */
  missingIsDefaults?: boolean;
}

/**
 * CloudKitty's default rules overridden by the policy file's, every rule parsed and every `rule:` followed.
 * Throws PolicyFileError (the file), PolicyRuleError (a rule's text) or PolicyReferenceError (a `rule:`),
 * each naming the file, the rule and its line.
 */
export function loadPolicy(options: LoadPolicyOptions = {}): Policy {
  const { file } = options;
  if (file === undefined || (options.missingIsDefaults === true && !existsSync(file))) return Policy.build();
  return Policy.build(readPolicyFile(file), { file });
}
