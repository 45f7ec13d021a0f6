import { withoutSecretValue } from '@kitty-collect/oslo-config';
import type { z } from 'zod';
import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import type { OptionName } from './option-names.js';
import type { OptionSet } from './option-set.js';
import { sourceOf } from './option-source.js';

/**
 * Validates the values of the named options in a set, naming the first bad option and its source; a
 * secret option's value never appears in the problem (oslo-config's `withoutSecretValue`).
 */
export function parseOptions<Schema extends z.ZodType>(
  schema: Schema,
  names: readonly OptionName[],
  set: OptionSet,
): z.output<Schema> {
  const record: Record<string, unknown> = {};
  for (const name of names) {
    const entry = set.entries.get(name);
    if (entry !== undefined) record[name] = entry.value;
  }
  const parsed = schema.safeParse(record);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const option = typeof issue?.path[0] === 'string' ? issue.path[0] : (names[0] ?? 'options');
  const problem = withoutSecretValue(issue?.message ?? 'invalid', option, record[option]);
  throw new KeystoneConfigError(option, problem, sourceOf(set, option));
}
