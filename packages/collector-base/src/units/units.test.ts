import { describe, expect, it } from 'vitest';
import { ExactDecimal } from '../decimal/exact-decimal.js';
import { Fraction } from '../decimal/fraction.js';
import { convertUnit } from './convert.js';
import { mutate } from './mutate.js';
import { MutateMap } from './mutate-map.js';
import { parseSample } from './sample.js';

const finite = (text: string) => {
  const parsed = parseSample(text);
  if (parsed.kind !== 'finite') throw new Error(`expected a finite sample, got ${text}`);
  return parsed.value;
};
const convert = (raw: string, factor: string | number = 1, offset: string | number = 0) =>
  convertUnit(finite(raw), Fraction.parse(factor), Fraction.parse(offset)).toString();

describe('parseSample', () => {
  it.each([
    ['42', '42'],
    ['0.00001', '0.00001'],
    ['1e-05', '0.00001'],
    ['1e-07', '1e-7'],
    ['1e+21', '1e+21'],
    ['1.23456789012', '1.23456789'],
    ['123456789.5', '123456790'],
    ['-123456789.5', '-123456790'],
    ['1.234567885', '1.23456789'],
    ['-2.5', '-2.5'],
    ['108000000000000', '108000000000000'],
    ['108000000000001', '108000000000000'],
  ])('rounds %s to 9 significant digits half-up: %s', (raw, expected) => {
    expect(finite(raw).toString()).toBe(expected);
  });

  it.each(['NaN', '+Inf', '-Inf'])('reports %s as non-finite', (raw) => {
    expect(parseSample(raw)).toEqual({ kind: 'non-finite', text: raw });
  });

  it('refuses text that is not a number', () => {
    expect(() => parseSample('12abc')).toThrow('Sample value "12abc" is not a decimal number');
  });
});

describe('convertUnit', () => {
  it('converts 2^50 bytes with factor 1/1073741824 to exactly 1048576 GiB', () => {
    expect(convert('1125899906842624', '1/1073741824')).toBe('1048576');
  });

  it('keeps fractions exact: 1.5 * 1/3 is 0.5, not 0.499999999', () => {
    expect(convert('1.5', '1/3')).toBe('0.5');
    expect(convert('1', '1/3')).toBe('0.333333333');
    expect(convert('2', '2/3')).toBe('1.33333333');
  });

  it('rounds the product and then the sum, each to 9 digits (not once at the end)', () => {
    // exact: 2 * 0.50000000245 + 0.0000000002 = 1.0000000051 → 1.00000001 if rounded once;
    // CloudKitty rounds the product first (1.0000000049 → 1), then the sum (1.0000000002 → 1).
    expect(convert('2', '0.50000000245', '0.0000000002')).toBe('1');
  });

  it('rounds an exact tie half away from zero', () => {
    expect(convert('1234567895', '1/10')).toBe('123456790');
    expect(convert('-1234567895', '1/10')).toBe('-123456790');
    expect(convert('0.5', '1/2', '1234567890.25')).toBe('1234567890');
  });

  it('applies factor and offset, with YAML floats and fraction strings', () => {
    expect(convert('3600000000000', '1e-9')).toBe('3600');
    expect(convert('10', 0.1, -1)).toBe('0');
    expect(convert('10', '1/4', '1/2')).toBe('3');
    expect(convert('1e-07', 1, 0)).toBe('1e-7');
  });

  it('still rounds with factor 1 and offset 0 a quantity of more than 9 significant digits', () => {
    expect(convert('1073741824', 1, 0)).toBe('1073741820');
    expect(convert('1073741824', '2/2', '0/5')).toBe('1073741820');
    expect(convert('0.12345678951', 1, 0)).toBe('0.12345679');
  });

  it('returns a 9-digit quantity itself when factor is 1 and offset 0 (decimals are immutable)', () => {
    const qty = new ExactDecimal('123456789');
    expect(convertUnit(qty, Fraction.ONE, Fraction.ZERO)).toBe(qty);
    expect(convertUnit(qty, Fraction.parse('1/2'), Fraction.ZERO).toString()).toBe('61728394.5');
  });
});

describe('mutate', () => {
  const d = (text: string) => new ExactDecimal(text);

  it.each([
    ['NUMBOOL', '0', '0'],
    ['NUMBOOL', '-3.2', '1'],
    ['NOTNUMBOOL', '0', '1'],
    ['NOTNUMBOOL', '0.0001', '0'],
    ['FLOOR', '2.7', '2'],
    ['FLOOR', '-2.5', '-3'],
    ['CEIL', '2.1', '3'],
    ['CEIL', '-2.5', '-2'],
    ['NONE', '2.5', '2.5'],
  ] as const)('%s(%s) = %s', (mode, qty, expected) => {
    expect(mutate(d(qty), mode).toString()).toBe(expected);
  });

  it('MAP matches keys by numeric value and gives 0 when absent', () => {
    const map = new MutateMap([
      [d('0.10'), d('7')],
      [d('11'), d('0.5')],
      [d('1e1'), d('3')],
    ]);
    expect(mutate(d('0.1'), 'MAP', map).toString()).toBe('7');
    expect(mutate(d('11'), 'MAP', map).toString()).toBe('0.5');
    expect(mutate(d('10'), 'MAP', map).toString()).toBe('3');
    expect(mutate(d('12'), 'MAP', map).toString()).toBe('0');
    expect(mutate(d('1'), 'MAP').toString()).toBe('0');
  });
});
