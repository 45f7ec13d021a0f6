import type { Decimal } from 'decimal.js';
import { ExactDecimal, roundSignificant } from '../decimal/exact-decimal.js';

const NON_FINITE = new Set(['NaN', '+Inf', '-Inf', 'Inf', 'inf', '+inf', '-inf', 'nan']);
const DECIMAL_TEXT = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

export type ParsedSample = { kind: 'finite'; value: Decimal } | { kind: 'non-finite'; text: string };

/**
 * A Prometheus sample value (always a string in the HTTP API) as an exact decimal rounded to
 * 9 significant digits; NaN and infinities are reported apart so callers can skip them.
 */
export function parseSample(text: string): ParsedSample {
  if (NON_FINITE.has(text)) return { kind: 'non-finite', text };
  if (!DECIMAL_TEXT.test(text)) {
    throw new TypeError(`Sample value ${JSON.stringify(text)} is not a decimal number`);
  }
  return { kind: 'finite', value: roundSignificant(new ExactDecimal(text)) };
}
