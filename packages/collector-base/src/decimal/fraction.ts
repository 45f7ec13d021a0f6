import type { Decimal } from 'decimal.js';
import { quoteValue } from '../conf/quote-value.js';
import { FractionSyntaxError } from '../errors/fraction-syntax-error.js';
import { ExactDecimal } from './exact-decimal.js';

/**
 * The textual forms Python's `fractions.Fraction()` accepts: an integer, a decimal with optional exponent,
 * or `numerator/denominator` with integer parts; optional sign, surrounding spaces and digit underscores.
 */
const FRACTION_TEXT =
  /^\s*([-+]?)(?=\d|\.\d)(\d*|\d+(?:_\d+)*)(?:\/(\d+(?:_\d+)*)|(?:\.(\d*|\d+(?:_\d+)*))?(?:[eE]([-+]?\d+(?:_\d+)*))?)\s*$/;

/**
 * An exact rational number `numerator / denominator` (a metrics.yml `factor` or `offset`).
 * The numerator may be a decimal; the denominator is a positive integer.
 */
export class Fraction {
  static readonly ONE = new Fraction(new ExactDecimal(1), new ExactDecimal(1));
  static readonly ZERO = new Fraction(new ExactDecimal(0), new ExactDecimal(1));

  private constructor(
    readonly numerator: Decimal,
    readonly denominator: Decimal,
  ) {}

  /** Accepts a finite number or any string `Fraction()` would accept; rejects a zero denominator. */
  static parse(input: unknown): Fraction {
    if (typeof input === 'number') {
      if (!Number.isFinite(input)) throw new FractionSyntaxError(`expected a finite number, got ${input}`);
      // The shortest round-trip text of the float is what the operator wrote in YAML.
      return new Fraction(new ExactDecimal(String(input)), new ExactDecimal(1));
    }
    if (typeof input !== 'string') {
      throw new FractionSyntaxError(
        `expected a number or a fraction string such as "1/1048576", got ${describeType(input)}`,
      );
    }
    const match = FRACTION_TEXT.exec(input);
    if (!match) {
      throw new FractionSyntaxError(
        `expected a number or a fraction such as "1/1048576", "0.5" or "1e-9", got ${quoteValue(input)}`,
      );
    }
    const [, sign = '', integerPart = '', denominatorText, fractionPart, exponent] = match;
    const clean = (text: string) => text.replaceAll('_', '');
    if (denominatorText !== undefined) {
      const denominator = new ExactDecimal(clean(denominatorText));
      if (denominator.isZero()) throw new FractionSyntaxError(`division by zero in ${quoteValue(input)}`);
      return new Fraction(new ExactDecimal(`${sign}${clean(integerPart)}`), denominator);
    }
    const mantissa = `${sign}${clean(integerPart) || '0'}.${clean(fractionPart ?? '') || '0'}`;
    const text = exponent === undefined ? mantissa : `${mantissa}e${clean(exponent)}`;
    return new Fraction(new ExactDecimal(text), new ExactDecimal(1));
  }

  isOne(): boolean {
    return this.numerator.eq(this.denominator);
  }

  isZero(): boolean {
    return this.numerator.isZero();
  }

  toString(): string {
    const numerator = this.numerator.toString();
    return this.denominator.eq(1) ? numerator : `${numerator}/${this.denominator.toString()}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** `the string "abc"`, `a list`, `number 5`: what a message says was found, user text truncated. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${quoteValue(value)}`;
  return `${typeof value} ${String(value)}`;
}
