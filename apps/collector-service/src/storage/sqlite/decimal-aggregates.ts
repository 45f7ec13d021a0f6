import { type Decimal, ExactDecimal } from '@kitty-collect/collector-base';
import type { Database } from 'better-sqlite3';
import { StorageError } from '../errors/storage-error.js';

/**
 * Aggregates over the decimal TEXT of `points.qty` and `points.price`. SQLite has no decimal type: its
 * sum(), min(), max() and avg() read TEXT as a binary float (REAL), which would change the amounts
 * billed (`0.1 + 0.2` → 0.30000000000000004). These run in JS with `ExactDecimal`, so sums, minima and
 * maxima are exact (up to its precision: 200 significant digits, far beyond 9-digit quantities), and an
 * average is the exact sum divided by the count, rounded half-up to 200 significant digits.
 * Each answers decimal text, or NULL over no row.
 */
export const DECIMAL_AGGREGATES = {
  SUM: 'decimal_sum',
  MIN: 'decimal_min',
  MAX: 'decimal_max',
  AVG: 'decimal_avg',
} as const;

interface Average {
  sum: Decimal;
  count: number;
}

/**
 * Registers the aggregates on a connection (once is enough; again replaces them). `directOnly`: SQL of
 * the file itself (a trigger, a view) cannot call them, only our statements.
 */
export function registerDecimalAggregates(db: Database): void {
  const options = { deterministic: true, directOnly: true } as const;
  const folds: [string, (kept: Decimal, next: Decimal) => Decimal][] = [
    [DECIMAL_AGGREGATES.SUM, (sum, next) => sum.plus(next)],
    [DECIMAL_AGGREGATES.MIN, (least, next) => (next.lessThan(least) ? next : least)],
    [DECIMAL_AGGREGATES.MAX, (greatest, next) => (next.greaterThan(greatest) ? next : greatest)],
  ];
  for (const [name, fold] of folds) {
    db.aggregate<Decimal | null>(name, {
      ...options,
      start: null,
      step: (kept, value: unknown) => (kept === null ? decimalOf(value) : fold(kept, decimalOf(value))),
      result: text,
    });
  }
  // The exact sum and the count; the quotient, rounded at ExactDecimal's precision, only at the end.
  db.aggregate<Average | null>(DECIMAL_AGGREGATES.AVG, {
    ...options,
    start: null,
    step: (average, value: unknown) =>
      average === null
        ? { sum: decimalOf(value), count: 1 }
        : { sum: average.sum.plus(decimalOf(value)), count: average.count + 1 },
    result: (average) => (average === null ? null : text(average.sum.div(average.count))),
  });
}

function text(value: Decimal | null): string | null {
  return value === null ? null : value.toString();
}

/** A stored decimal; anything else means the file was edited by hand. */
function decimalOf(value: unknown): Decimal {
  if (typeof value === 'string') {
    try {
      const decimal = new ExactDecimal(value);
      if (decimal.isFinite()) return decimal;
    } catch {
      // Reported below, with the value.
    }
  }
  throw new StorageError(`Unreadable decimal in points: ${JSON.stringify(value)}`);
}
