import { Decimal } from 'decimal.js';
import { ExactDecimal } from '../decimal/exact-decimal.js';
import type { PyNumber } from './python-value.js';

/**
 * Python compares int, float and Decimal by their exact values: `Decimal('0.1') == 0.1` is False (the float
 * is 0.1000000000000000055…), `2**53 + 1 == 2.0**53` is False, `Decimal('1') == 1` is True. Every finite
 * number here is `sign · coefficient · 2^exp2 · 10^exp10`, compared with bigints.
 */
interface Finite {
  sign: -1 | 0 | 1;
  coefficient: bigint;
  exp2: number;
  exp10: number;
}

/** A literal like `1e400` is a float infinity in Python; NaN can only come from a Decimal. */
type Exact = Finite | { infinite: -1 | 1 } | 'nan';

const FLOAT_BITS = new DataView(new ArrayBuffer(8));
const LOG10_2 = Math.log10(2);

function floatExact(value: number): Exact {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return { infinite: value > 0 ? 1 : -1 };
  if (value === 0) return { sign: 0, coefficient: 0n, exp2: 0, exp10: 0 };
  FLOAT_BITS.setFloat64(0, value);
  const high = FLOAT_BITS.getUint32(0);
  const low = FLOAT_BITS.getUint32(4);
  const exponent = (high >>> 20) & 0x7ff;
  const mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  const sign = high >>> 31 === 1 ? -1 : 1;
  // Subnormals have no implicit leading bit.
  return exponent === 0
    ? { sign, coefficient: mantissa, exp2: -1074, exp10: 0 }
    : { sign, coefficient: mantissa | (1n << 52n), exp2: exponent - 1075, exp10: 0 };
}

const EXPONENTIAL = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/;

function decimalExact(value: Decimal): Exact {
  if (value.isNaN()) return 'nan';
  if (!value.isFinite()) return { infinite: value.isNegative() ? -1 : 1 };
  if (value.isZero()) return { sign: 0, coefficient: 0n, exp2: 0, exp10: 0 };
  // Every significant digit, once: decimal.js keeps no trailing zeros.
  const match = EXPONENTIAL.exec(value.toExponential());
  if (match === null) throw new Error(`internal error: unexpected decimal form ${value.toExponential()}`);
  const fraction = match[3] ?? '';
  return {
    sign: match[1] === '-' ? -1 : 1,
    coefficient: BigInt(`${match[2]}${fraction}`),
    exp2: 0,
    exp10: Number(match[4]) - fraction.length,
  };
}

function exactOf(value: PyNumber): Exact {
  if (typeof value === 'boolean')
    return { sign: value ? 1 : 0, coefficient: value ? 1n : 0n, exp2: 0, exp10: 0 };
  if (typeof value === 'bigint') {
    const sign = value > 0n ? 1 : value < 0n ? -1 : 0;
    return { sign, coefficient: value < 0n ? -value : value, exp2: 0, exp10: 0 };
  }
  if (typeof value === 'number') return floatExact(value);
  return decimalExact(value);
}

/** `-1`, `0` or `1` as `a` is below, equal to or above `b`; undefined when either is NaN (unordered). */
export function compareNumbers(a: PyNumber, b: PyNumber): -1 | 0 | 1 | undefined {
  // Rounding to the nearest double never reverses an order, so different doubles decide at once; equal
  // ones (Decimal('0.1') and 0.1, or two equal values) are compared exactly.
  const nearestA = nearestDouble(a);
  const nearestB = nearestDouble(b);
  if (nearestA < nearestB) return -1;
  if (nearestA > nearestB) return 1;
  const x = exactOf(a);
  const y = exactOf(b);
  if (x === 'nan' || y === 'nan') return undefined;
  const rankX = 'infinite' in x ? x.infinite * 2 : x.sign;
  const rankY = 'infinite' in y ? y.infinite * 2 : y.sign;
  if (rankX !== rankY || 'infinite' in x || 'infinite' in y) return Math.sign(rankX - rankY) as -1 | 0 | 1;
  if (!('sign' in x) || !('sign' in y) || x.sign === 0) return 0;
  const magnitude = compareMagnitudes(x, y);
  return x.sign === 1 ? magnitude : (-magnitude as -1 | 0 | 1);
}

/**
 * The exact value as text that equal numbers share whatever their type: `1`, `1.0`, `True` and
 * `Decimal('1.00')` are `1e0`; `0.5` and `Decimal('0.5')` are `5e-1` (a float's binary value is a finite
 * decimal). Undefined for NaN. Linear in the digits, so a dict of many numeric keys is built in one pass.
 */
export function numberKey(value: PyNumber): string | undefined {
  const exact = exactOf(value);
  if (exact === 'nan') return undefined;
  if ('infinite' in exact) return exact.infinite > 0 ? 'inf' : '-inf';
  if (exact.sign === 0) return '0';
  // c · 2^e2 · 10^e10 with e2 < 0 is c · 5^-e2 · 10^(e2 + e10): all in powers of ten.
  const digits =
    exact.exp2 >= 0
      ? (exact.coefficient << BigInt(exact.exp2)).toString()
      : (exact.coefficient * 5n ** BigInt(-exact.exp2)).toString();
  const exponent = exact.exp10 + Math.min(exact.exp2, 0);
  const significant = digits.replace(/0+$/, '');
  return `${exact.sign < 0 ? '-' : ''}${significant}e${exponent + digits.length - significant.length}`;
}

/** The double nearest to the value (JavaScript rounds bigints and decimal strings correctly). */
function nearestDouble(value: PyNumber): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean' || typeof value === 'bigint') return Number(value);
  return value.toNumber();
}

/** |x| against |y|, both non-zero: by their decimal orders of magnitude when far apart, else exactly. */
function compareMagnitudes(x: Finite, y: Finite): -1 | 0 | 1 {
  const orderX = decimalOrder(x);
  const orderY = decimalOrder(y);
  // Each order is within 1 of log10|v| (plus float noise): two apart decides, and skips huge powers.
  if (orderX + 2 < orderY) return -1;
  if (orderY + 2 < orderX) return 1;
  const exp2 = Math.min(x.exp2, y.exp2);
  const exp10 = Math.min(x.exp10, y.exp10);
  const scaled = (v: Finite) => v.coefficient * 2n ** BigInt(v.exp2 - exp2) * 10n ** BigInt(v.exp10 - exp10);
  const a = scaled(x);
  const b = scaled(y);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** About log10|v|, within one (the number of digits of the coefficient stands for its logarithm). */
function decimalOrder(v: Finite): number {
  return v.coefficient.toString().length - 1 + v.exp2 * LOG10_2 + v.exp10;
}

/**
 * Python's unary `-` and `+`: a bool becomes an int; a Decimal is rounded to the default context's 28
 * significant digits, half-even (`-Decimal('1.0000000000000000000000000000001')` is `-1.000…0`, 28 digits).
 */
export function negate(value: PyNumber): PyNumber {
  if (typeof value === 'boolean') return value ? -1n : 0n;
  if (typeof value === 'bigint' || typeof value === 'number') return -value;
  return contextRound(value).neg();
}

export function positive(value: PyNumber): PyNumber {
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (typeof value === 'bigint' || typeof value === 'number') return value;
  return contextRound(value);
}

const PYTHON_CONTEXT_DIGITS = 28;

function contextRound(value: Decimal): Decimal {
  const exact = new ExactDecimal(value);
  if (!exact.isFinite()) return exact;
  // Python drops the sign of a zero result of - and +.
  if (exact.isZero()) return new ExactDecimal(0);
  return exact.toSignificantDigits(PYTHON_CONTEXT_DIGITS, Decimal.ROUND_HALF_EVEN);
}
