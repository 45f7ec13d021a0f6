import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalNumber, JsonNumber, stringifyWire } from './wire-json.js';

describe('decimalNumber', () => {
  it.each([
    ['1', '1'],
    ['1.000000000', '1.000000000'],
    ['123456789.123456789', '123456789.123456789'],
    ['1e-9', '1e-9'],
    ['-0', '-0'],
    ['.5', '0.5'],
    ['+2', '2'],
    ['1.', '1'],
    ['007.50', '7.50'],
    [' 3 ', '3'],
    ['2E+21', '2e+21'],
  ])('%j → %s', (text, json) => {
    expect(decimalNumber(text).text).toBe(json);
  });

  it.each(['', '.', 'abc', '1.2.3', 'NaN', 'Infinity', '0x10', '1e'])('refuses %j', (text) => {
    expect(() => decimalNumber(text)).toThrow(RangeError);
  });

  it('is valid JSON with the value of the decimal, for any decimal text', () => {
    const decimal = fc
      .tuple(
        fc.constantFrom('', '-', '+'),
        fc.stringMatching(/^\d{1,30}$/),
        fc.option(fc.stringMatching(/^\d{0,30}$/)),
      )
      .map(([sign, whole, fraction]) => `${sign}${whole}${fraction === null ? '' : `.${fraction}`}`);
    fc.assert(
      fc.property(decimal, (text) => {
        const json = decimalNumber(text).text;
        expect(JSON.parse(json)).toBe(Number(text));
      }),
    );
  });
});

describe('stringifyWire', () => {
  it('writes JsonNumbers digit for digit inside JSON.stringify’s output', () => {
    expect(
      stringifyWire({ qty: new JsonNumber('123456789.123456789'), list: [new JsonNumber('1e-9'), 'x'] }),
    ).toBe('{"qty":123456789.123456789,"list":[1e-9,"x"]}');
  });

  it('equals JSON.stringify for plain JSON values (undefined members, toJSON, nesting)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(stringifyWire(value)).toBe(JSON.stringify(value));
      }),
    );
    const date = new Date('2026-01-01T00:00:00Z');
    const value = { a: undefined, b: [undefined, 1], c: date, d: null };
    expect(stringifyWire(value)).toBe(JSON.stringify(value));
  });
});
