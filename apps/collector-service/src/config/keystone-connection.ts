import {
  type ConfSectionConfig,
  KeystoneConfigError,
  loadFromConfSection,
} from '@kitty-collect/keystone-auth';
import type { ConfReader } from './conf-reader.js';
import type { ConfigProblem } from './config-problem.js';
import { readableConfPath } from './paths.js';

/**
 * A Keystone connection as a section describes it: the auth plugin (built, not yet used: nothing is sent
 * to Keystone while validating), the session and adapter options, and where each option came from.
 */
export interface KeystoneConnection extends ConfSectionConfig {
  /** The section holding the session and adapter options (`collector_aetos`). */
  section: string;
}

const FILE_OPTIONS = [
  ['caFile', 'cafile'],
  ['certFile', 'certfile'],
  ['keyFile', 'keyfile'],
] as const;

/**
 * keystone-auth's loader for `[section]` (with `auth_section` indirection). It stops at the first problem
 * it meets, which becomes one problem here, located in the section it names. TLS files are checked for
 * readability now, so that `config check` reports them rather than the first request.
 */
export function loadKeystoneConnection(reader: ConfReader, section: string): KeystoneConnection | undefined {
  if (!reader.has(section)) {
    reader.report(
      section,
      undefined,
      'section is missing: give the Keystone options (auth_type, auth_url, username, …) or auth_section',
    );
    return undefined;
  }
  let loaded: ConfSectionConfig;
  try {
    loaded = loadFromConfSection(reader.ini, section, { source: reader.file });
  } catch (error) {
    if (!(error instanceof KeystoneConfigError)) throw error;
    reader.problems.push(keystoneProblem(reader, section, error));
    return undefined;
  }
  let ok = true;
  for (const [field, option] of FILE_OPTIONS) {
    const path = loaded.sessionOptions[field];
    if (path === undefined) continue;
    const resolved = readableConfPath(reader, section, option, path);
    if (resolved === undefined) ok = false;
    else loaded.sessionOptions[field] = resolved;
  }
  return ok ? { ...loaded, section } : undefined;
}

/** The loader's error as a problem, at the section, line or variable it names. */
function keystoneProblem(reader: ConfReader, section: string, error: KeystoneConfigError): ConfigProblem {
  const { option, line, variable, problem } = error;
  return reader.problemAt({ section: error.section ?? section, option, line, variable }, problem);
}
