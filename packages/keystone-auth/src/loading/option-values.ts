import { z } from 'zod';

// oslo.config's Boolean type (oslo_config/types.py): case-insensitive words, anything else is an error.
const TRUE_WORDS: ReadonlySet<string> = new Set(['true', '1', 'on', 'yes']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['false', '0', 'off', 'no']);

/** What a value is, for messages that must not show the value itself (it may be a secret). */
export function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

/** `true`/`false` or one of oslo's words for them, as read from INI files and `OS_*` variables. */
export function parseFlag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/** Text, exactly as written (INI and environment values always are; the clouds.yaml reader keeps numbers as text). */
export const textValue = z.unknown().transform((value, ctx): string => {
  if (typeof value === 'string') return value;
  ctx.issues.push({
    code: 'custom',
    input: undefined,
    message: `expected text, got ${kindOf(value)}${typeof value === 'boolean' ? ' (quote it in YAML)' : ''}`,
  });
  return z.NEVER;
});

export const flagValue = z.unknown().transform((value, ctx): boolean => {
  const flag = parseFlag(value);
  if (flag !== undefined) return flag;
  ctx.issues.push({
    code: 'custom',
    input: undefined,
    message: `expected true or false (also yes/no, on/off, 1/0), got ${typeof value === 'string' ? JSON.stringify(value) : kindOf(value)}`,
  });
  return z.NEVER;
});

/** Seconds: a positive number, or its text (`30`, `2.5`). keystoneauth's conf option is an integer; decimals are accepted. */
export const secondsValue = z.unknown().transform((value, ctx): number => {
  const seconds =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : Number.NaN;
  if (Number.isFinite(seconds) && seconds > 0) return seconds;
  ctx.issues.push({
    code: 'custom',
    input: undefined,
    message: `expected a positive number of seconds, got ${typeof value === 'string' ? JSON.stringify(value) : kindOf(value)}`,
  });
  return z.NEVER;
});

/** oslo's ListOpt: comma-separated text, or (from YAML or code) a list of text. */
export const listValue = z.unknown().transform((value, ctx): string[] => {
  const items =
    typeof value === 'string'
      ? value.split(',')
      : Array.isArray(value) && value.every((item) => typeof item === 'string')
        ? (value as string[])
        : undefined;
  if (items !== undefined) return items.map((item) => item.trim()).filter((item) => item !== '');
  ctx.issues.push({
    code: 'custom',
    input: undefined,
    message: `expected a comma-separated list, got ${kindOf(value)}`,
  });
  return z.NEVER;
});
