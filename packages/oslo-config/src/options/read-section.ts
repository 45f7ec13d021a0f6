import type { z } from 'zod';
import { OptionValueError } from '../errors/option-value-error.js';
import type { IniFile } from '../ini/ini-file.js';
import type { OptionProblem } from '../location.js';
import { withoutSecretValue } from './secret-options.js';

/**
 * `option → value` of `[section]` (the last of a repeated key), leaving out empty values: an empty value
 * means "not set", so the option's default applies (as oslo reads an empty IntOpt as None).
 */
export function sectionValues(ini: IniFile, section: string): Record<string, string> {
  const record = ini.toRecord(section) ?? {};
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== ''));
}

export type SectionResult<T> = { ok: true; value: T } | { ok: false; problems: OptionProblem[] };

/**
 * `[section]` validated by an object schema of option types (keys are option names). Every issue becomes
 * a located problem: the option's line, or the variable that set it. An option whose name says it holds a
 * secret (`password`, `*_secret`, `token`…) never has its value in its problem, whatever its type.
 */
export function readSection<Schema extends z.ZodType>(
  ini: IniFile,
  section: string,
  schema: Schema,
): SectionResult<z.output<Schema>> {
  const values = sectionValues(ini, section);
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = parsed.error.issues.map((issue) => {
    const option = typeof issue.path[0] === 'string' ? issue.path[0] : undefined;
    const problem =
      option === undefined ? issue.message : withoutSecretValue(issue.message, option, values[option]);
    return { ...ini.locate(section, option), problem };
  });
  return { ok: false, problems };
}

/**
 * One option read with its type; a refused value (or a missing required one) throws OptionValueError,
 * without the value when the option's name says it is a secret.
 */
export function readOption<Type extends z.ZodType>(
  ini: IniFile,
  section: string,
  option: string,
  type: Type,
): z.output<Type> {
  const value = sectionValues(ini, section)[option];
  const parsed = type.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new OptionValueError({
    ...ini.locate(section, option),
    option,
    problem: withoutSecretValue(parsed.error.issues[0]?.message ?? 'invalid value', option, value),
  });
}
