import { describe, expect, it } from 'vitest';
import { FractionSyntaxError } from '../errors/fraction-syntax-error.js';
import { Fraction } from './fraction.js';

describe('Fraction.parse', () => {
  it.each([
    ['1/1048576', '1', '1048576'],
    ['0.5', '0.5', '1'],
    ['1e-9', '1e-9', '1'],
    [' 3 ', '3', '1'],
    ['-1/2', '-1', '2'],
    ['+.25', '0.25', '1'],
    ['1_000', '1000', '1'],
    ['2.5E3', '2500', '1'],
    ['7.', '7', '1'],
  ])('accepts %j as Python Fraction() does', (text, numerator, denominator) => {
    const fraction = Fraction.parse(text);
    expect(fraction.numerator.toString()).toBe(numerator);
    expect(fraction.denominator.toString()).toBe(denominator);
  });

  it('keeps a YAML float as the decimal the operator wrote', () => {
    expect(Fraction.parse(0.1).toString()).toBe('0.1');
    expect(Fraction.parse(1e-9).toString()).toBe('1e-9');
    expect(Fraction.parse(3600).toString()).toBe('3600');
  });

  it.each([
    ['1/0', 'division by zero in "1/0"'],
    ['abc', 'expected a number or a fraction such as "1/1048576", "0.5" or "1e-9", got "abc"'],
    ['1/2.5', 'got "1/2.5"'],
    ['1/-2', 'got "1/-2"'],
    ['', 'got ""'],
    ['0x10', 'got "0x10"'],
  ])('rejects %j', (text, message) => {
    expect(() => Fraction.parse(text)).toThrow(FractionSyntaxError);
    expect(() => Fraction.parse(text)).toThrow(message);
  });

  it.each([
    [true, 'got boolean true'],
    [null, 'got null'],
    [[1], 'got a list'],
    [Number.POSITIVE_INFINITY, 'expected a finite number, got Infinity'],
    [Number.NaN, 'expected a finite number, got NaN'],
  ])('rejects the non-number %j', (value, message) => {
    expect(() => Fraction.parse(value)).toThrow(message);
  });

  it('prints itself as numerator/denominator', () => {
    expect(Fraction.parse('1/1048576').toString()).toBe('1/1048576');
    expect(JSON.stringify({ factor: Fraction.parse('1/3') })).toBe('{"factor":"1/3"}');
    expect(Fraction.ONE.isOne()).toBe(true);
    expect(Fraction.parse('2/2').isOne()).toBe(true);
    expect(Fraction.ZERO.isZero()).toBe(true);
  });
});
