import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { isOptionName } from './option-names.js';
import type { OptionPlace, OptionSet } from './option-set.js';

/** The session's own errors name camelCase fields in snake_case (`ca_file`); operators write keystoneauth's names. */
const SESSION_FIELD_OPTIONS: Readonly<Record<string, string>> = {
  ca_file: 'cafile',
  cert_file: 'certfile',
  key_file: 'keyfile',
};

/**
 * Where the option an error names came from: the option itself, else its `_id`/`_name` sibling (a scope
 * conflict names project_name even when project_id was the one given), else where it would have been read.
 */
export function sourceOf(set: OptionSet, option: string): OptionPlace {
  const candidates = [option, option.replace(/_name$/, '_id'), option.replace(/_id$/, '_name')];
  for (const candidate of candidates) {
    const entry = isOptionName(candidate) ? set.entries.get(candidate) : undefined;
    if (entry !== undefined) return entry.place;
  }
  return set.whereMissing(option);
}

/**
 * The same error, told where the option came from. Plugins and the session validate their own options
 * but know nothing of files or variables; the loaders do.
 */
export function withSource(error: KeystoneConfigError, set: OptionSet): KeystoneConfigError {
  const option = SESSION_FIELD_OPTIONS[error.option] ?? error.option;
  return new KeystoneConfigError(option, error.problem, { ...sourceOf(set, option), cause: error });
}

/** Runs `build`, re-sourcing any KeystoneConfigError it throws. */
export function sourced<T>(set: OptionSet, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof KeystoneConfigError) throw withSource(error, set);
    throw error;
  }
}
