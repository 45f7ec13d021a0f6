import type { ValueOptions } from './option-type.js';

const MAX_QUOTED = 60;

/** The value as a message shows it: quoted, shortened when long. */
export function quote(value: string): string {
  return JSON.stringify(value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value);
}

/** What a value is, for messages that must not show the value itself. */
export function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

/** `, got "1h"` (text quoted, a number as it is, anything else by kind), or nothing for a secret. */
export function got(value: unknown, options: ValueOptions = {}): string {
  if (options.secret === true) return '';
  if (typeof value === 'string') return `, got ${quote(value)}`;
  if (typeof value === 'number') return `, got ${value}`;
  return `, got ${kindOf(value)}`;
}
