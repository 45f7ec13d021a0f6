import { type Decimal, ExactDecimal } from '@kitty-collect/collector-base';
import { StorageError } from '../errors/storage-error.js';

/**
 * A decimal as NUMERIC input: plain digits, never exponent notation (PostgreSQL refuses an exponent beyond
 * ±1000, while the plain form of the same value is accepted up to its limits of 131072 digits before the
 * point and 16383 after it).
 */
export function numericParameter(value: Decimal): string {
  return value.toFixed();
}

/**
 * NUMERIC output as the SQLite storage answers the same value: `ExactDecimal#toString()`, which SQLite
 * stored and returns as is (`2e-9`, `1e+21`, `1.5`), where PostgreSQL writes every digit and keeps the
 * scale of its inputs (`0.000000002`, `1000000000000000000000`, a sum `3.0`). Null stays null (an
 * aggregate over no row).
 */
export function storedDecimalText(text: unknown): string | null {
  return text === null ? null : decimalOf(text).toString();
}

/**
 * A NUMERIC sum rounded as the SQLite storage's sums are, to ExactDecimal's precision (200 significant
 * digits, half-up), so that both answer the same text. A sum needs more digits only when its terms lie
 * more than 200 orders of magnitude apart; SQLite then rounds each partial sum, PostgreSQL only the exact
 * total, and the two may differ in the last digit.
 */
export function sumOf(text: unknown): Decimal {
  return decimalOf(text).toSignificantDigits(ExactDecimal.precision);
}

function decimalOf(text: unknown): Decimal {
  if (typeof text !== 'string') throw new StorageError(`Unreadable decimal in points: ${String(text)}`);
  return new ExactDecimal(text);
}
