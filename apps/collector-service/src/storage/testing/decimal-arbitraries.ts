import { type Decimal, ExactDecimal, roundSignificant } from '@kitty-collect/collector-base';
import fc from 'fast-check';

/** A Prometheus sample (a float64, written as JS writes it) after the collectors' 9-digit rounding. */
const sampleDecimal = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .map((value) => roundSignificant(new ExactDecimal(String(value))));

/** A decimal posted through the API (POST /v2/dataframes): up to 30 digits, an exponent up to ±40. */
const postedDecimal = fc
  .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: -40, max: 40 }))
  .map(([digits, exponent]) => new ExactDecimal(`${digits}e${exponent}`));

const usual = fc
  .constantFrom('0', '0.1', '1e-9', '2e-9', '1e+21', '1.5', '-0.5')
  .map((text) => new ExactDecimal(text));

/** The decimals the storage is given: quantities and prices as the collectors and the API make them. */
export const storedDecimal: fc.Arbitrary<Decimal> = fc.oneof(sampleDecimal, postedDecimal, usual);

/**
 * Decimals whose sums stay within ExactDecimal's 200 significant digits (9-digit samples from 1e-60 to
 * 1e60, API decimals): the range where the storages' sums are exact, hence equal. Beyond it the SQLite
 * storage rounds each partial sum, in the order it reads the rows.
 */
export const summableDecimal: fc.Arbitrary<Decimal> = fc.oneof(
  fc
    .tuple(fc.integer({ min: -999_999_999, max: 999_999_999 }), fc.integer({ min: -68, max: 52 }))
    .map(([digits, exponent]) => roundSignificant(new ExactDecimal(`${digits}e${exponent}`))),
  postedDecimal,
  usual,
);
