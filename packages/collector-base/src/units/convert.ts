import type { Decimal } from 'decimal.js';
import { divideRounded } from '../decimal/exact-decimal.js';
import type { Fraction } from '../decimal/fraction.js';

/**
 * `qty * factor + offset` as CloudKitty computes it, on exact decimals: the product is rounded to
 * 9 significant digits (half-up), then the sum is rounded the same way.
 */
export function convertUnit(qty: Decimal, factor: Fraction, offset: Fraction): Decimal {
  const scaled = divideRounded(qty.times(factor.numerator), factor.denominator);
  return divideRounded(scaled.times(offset.denominator).plus(offset.numerator), offset.denominator);
}
