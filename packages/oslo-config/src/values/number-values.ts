import { type OptionType, optionType, refuse, type ValueOptions } from './option-type.js';
import { got } from './shown-value.js';

export interface BoundsOptions extends ValueOptions {
  min?: number;
  max?: number;
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A number, or its text when it matches `pattern` (surrounding blanks ignored); NaN otherwise. */
function numberOf(value: unknown, pattern: RegExp): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && pattern.test(value.trim()) ? Number(value.trim()) : Number.NaN;
}

/** A finite number, or its decimal text (`60`, `2.5`, `1e2`). */
function decimalOf(value: unknown): number | undefined {
  const number = numberOf(value, DECIMAL);
  return Number.isFinite(number) ? number : undefined;
}

function checkBounds(value: number, options: BoundsOptions): number | ReturnType<typeof refuse> {
  const shown = options.secret === true ? '' : `, got ${value}`;
  if (options.min !== undefined && value < options.min)
    return refuse(`must be at least ${options.min}${shown}`);
  if (options.max !== undefined && value > options.max)
    return refuse(`must be at most ${options.max}${shown}`);
  return value;
}

/**
 * oslo's Integer (IntOpt) with its `min`/`max`: an optional sign and digits, or an integer. `what` names
 * the expected value in messages: `expected a whole number of seconds, got "1h"`.
 */
export function integerValue(what = 'an integer', options: BoundsOptions = {}): OptionType<number> {
  return optionType((value) => {
    const integer = numberOf(value, INTEGER);
    if (!Number.isInteger(integer)) return refuse(`expected ${what}${got(value, options)}`);
    if (!Number.isSafeInteger(integer)) return refuse(`expected ${what}${got(value, options)} (too large)`);
    return checkBounds(integer, options);
  });
}

/** oslo's Float (FloatOpt) with `min`/`max`: decimal text (`2.5`, `1e-3`) or a finite number. */
export function floatValue(what = 'a number', options: BoundsOptions = {}): OptionType<number> {
  return optionType((value) => {
    const number = decimalOf(value);
    if (number === undefined) return refuse(`expected ${what}${got(value, options)}`);
    return checkBounds(number, options);
  });
}

/** A duration in seconds: a positive decimal (`60`, `2.5`), as CloudKitty's and keystoneauth's timeouts. */
export function secondsValue(options: ValueOptions = {}): OptionType<number> {
  return optionType((value) => {
    const seconds = decimalOf(value);
    if (seconds === undefined) return refuse(`expected a number of seconds${got(value, options)}`);
    if (seconds <= 0) return refuse(`must be a positive number of seconds${got(value, options)}`);
    return seconds;
  });
}
