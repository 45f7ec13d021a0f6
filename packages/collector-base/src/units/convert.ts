import type { Decimal } from 'decimal.js';
import { divideRounded, hasNineDigitsAtMost } from '../decimal/exact-decimal.js';
import type { Fraction } from '../decimal/fraction.js';

/**
 * `qty * factor + offset` as CloudKitty computes it, on exact decimals: the product is rounded to
 * 9 significant digits (half-up), then the sum is rounded the same way.
 */
export function convertUnit(qty: Decimal, factor: Fraction, offset: Fraction): Decimal {
  // A step that multiplies by one or adds zero only rounds, which a value of at most 9 significant
  // digits (every sample, once parsed) does not change: most rating types skip the decimal work.
  const scaled =
    factor.isOne() && hasNineDigitsAtMost(qty)
      ? qty
      : divideRounded(qty.times(factor.numerator), factor.denominator);
  if (offset.isZero() && hasNineDigitsAtMost(scaled)) return scaled;
  return divideRounded(scaled.times(offset.denominator).plus(offset.numerator), offset.denominator);
}
