import { Decimal } from 'decimal.js';
import { quoteValue } from '../conf/quote-value.js';
import { numberKey } from './exact-number.js';
import { typeError } from './python-error.js';

/**
 * A Python value as the expressions see it: `None` is null, `bool` boolean, `int` bigint (unbounded, as
 * Python's), `float` number, `Decimal` a decimal.js Decimal, `str` string, lists and tuples
 * {@link PySequence}, dicts {@link PyDict}.
 */
export type PyValue = null | boolean | bigint | number | Decimal | string | PySequence | PyDict;

/** bool, int, float or Decimal: the values Python compares numerically with each other. */
export type PyNumber = boolean | bigint | number | Decimal;

export class PySequence {
  constructor(
    readonly type: 'list' | 'tuple',
    readonly items: readonly PyValue[],
  ) {}
}

/**
 * A dict, read-only (no expression of the subset can change one). String keys, all that a data point
 * holds, are kept apart and looked up directly; the others (numbers, None, tuples from a literal) by their
 * `hashKey`, under which `1`, `1.0`, `True` and `Decimal('1')` are one key, as in Python.
 */
export class PyDict {
  readonly #strings: Readonly<Record<string, PyValue>>;
  /** Keys that are not strings, by `hashKey`, with their values. */
  readonly #others: ReadonlyMap<string, readonly [PyValue, PyValue]>;

  /** `strings` is read by own properties only, so `constructor` or `__proto__` are ordinary keys. */
  constructor(
    strings: Readonly<Record<string, PyValue>>,
    others: ReadonlyMap<string, readonly [PyValue, PyValue]> = new Map(),
  ) {
    this.#strings = strings;
    this.#others = others;
  }

  get size(): number {
    return Object.keys(this.#strings).length + this.#others.size;
  }

  stringValue(key: string): PyValue | undefined {
    return Object.hasOwn(this.#strings, key) ? this.#strings[key] : undefined;
  }

  otherValue(hash: string): PyValue | undefined {
    return this.#others.get(hash)?.[1];
  }

  *entries(): Generator<readonly [PyValue, PyValue]> {
    for (const key of Object.keys(this.#strings)) yield [key, this.#strings[key] as PyValue];
    yield* this.#others.values();
  }
}

export function isPyNumber(value: PyValue): value is PyNumber {
  return (
    typeof value === 'boolean' ||
    typeof value === 'bigint' ||
    typeof value === 'number' ||
    Decimal.isDecimal(value)
  );
}

/** Python's `type(value).__name__` (with the module for Decimal), as its error messages write it. */
export function typeName(value: PyValue): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'float';
  if (typeof value === 'string') return 'str';
  if (value instanceof PySequence) return value.type;
  if (value instanceof PyDict) return 'dict';
  return 'decimal.Decimal';
}

/** Python's `bool(value)`: zero, empty and None are false. */
export function isTruthy(value: PyValue): boolean {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value !== 0n;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (value instanceof PySequence) return value.items.length > 0;
  if (value instanceof PyDict) return value.size > 0;
  // Decimal('NaN') is true in Python, as a float NaN.
  return value.isNaN() || !value.isZero();
}

/** A short form of a value for messages (`KeyError: "host"`): strings JSON-quoted and truncated. */
export function describeValue(value: PyValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return quoteValue(value);
  if (typeof value === 'bigint') {
    const text = value.toString();
    return text.length > 64 ? `an int of ${text.length} digits` : text;
  }
  if (typeof value === 'number') return floatRepr(value);
  if (value instanceof PySequence || value instanceof PyDict) return `a ${typeName(value)}`;
  return `Decimal('${value.toString()}')`;
}

function floatRepr(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value.toFixed(0)}.0`;
  return String(value);
}

/**
 * A key for a dict that equal values share (Python's hash and `==` together): `None`, numbers by their
 * exact value (`numberKey`), str, tuples of those. Lists and dicts raise Python's TypeError; undefined for a
 * NaN, which equals nothing.
 */
export function hashKey(value: PyValue): string | undefined {
  if (value === null) return 'None';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof PyDict) throw typeError("unhashable type: 'dict'");
  if (value instanceof PySequence) {
    if (value.type === 'list') throw typeError("unhashable type: 'list'");
    const keys = value.items.map(hashKey);
    return keys.includes(undefined) ? undefined : `(${keys.join(',')})`;
  }
  const key = numberKey(value);
  return key === undefined ? undefined : `#${key}`;
}
