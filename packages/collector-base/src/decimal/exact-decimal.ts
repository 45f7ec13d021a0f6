import { Decimal } from 'decimal.js';

/**
 * Intermediate products stay exact: a 9-digit quantity times a factor written with up to ~190 digits
 * never reaches this precision, so rounding happens only where CloudKitty rounds.
 */
export const ExactDecimal = Decimal.clone({ precision: 200, rounding: Decimal.ROUND_HALF_UP });

/** CloudKitty keeps 9 significant digits, rounding half away from zero (Python's ROUND_HALF_UP). */
export const SIGNIFICANT_DIGITS = 9;

/** Division whose quotient is correctly rounded to 9 significant digits, half-up. */
const NineDigitDecimal = Decimal.clone({ precision: SIGNIFICANT_DIGITS, rounding: Decimal.ROUND_HALF_UP });

/** Whether rounding to 9 significant digits would leave the value as it is (decimals are immutable). */
export function hasNineDigitsAtMost(value: Decimal): boolean {
  return value instanceof ExactDecimal && value.isFinite() && value.sd() <= SIGNIFICANT_DIGITS;
}

export function roundSignificant(value: Decimal): Decimal {
  if (hasNineDigitsAtMost(value)) return value;
  return new ExactDecimal(value).toSignificantDigits(SIGNIFICANT_DIGITS, Decimal.ROUND_HALF_UP);
}

/** `dividend / divisor`, rounded once to 9 significant digits from the exact quotient. */
export function divideRounded(dividend: Decimal, divisor: Decimal): Decimal {
  return new ExactDecimal(NineDigitDecimal.div(dividend, divisor));
}

export { Decimal };
