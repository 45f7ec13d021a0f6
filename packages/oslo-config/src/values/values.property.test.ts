import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { booleanValue } from './boolean-value.js';
import { choiceValue } from './choice-value.js';
import { dictValue, listValue } from './collection-values.js';
import { floatValue, integerValue, secondsValue } from './number-values.js';

const TRUE_WORDS = ['true', '1', 'on', 'yes'];
const FALSE_WORDS = ['false', '0', 'off', 'no'];
const blanks = fc.constantFrom('', ' ', '  ', '\t');

describe('Boolean', () => {
  it('every oslo word, in any case and with blanks around it, reads as its boolean', () => {
    const word = fc.oneof(
      fc.constantFrom(...TRUE_WORDS).map((text) => [text, true] as const),
      fc.constantFrom(...FALSE_WORDS).map((text) => [text, false] as const),
    );
    const written = word.chain(([text, meaning]) =>
      fc.tuple(fc.mixedCase(fc.constant(text)), fc.constant(meaning)),
    );
    fc.assert(
      fc.property(written, blanks, blanks, ([text, meaning], before, after) => {
        expect(booleanValue().parse(`${before}${text}${after}`)).toBe(meaning);
        expect(booleanValue().parse(meaning)).toBe(meaning);
      }),
    );
  });

  it('any other text is refused', () => {
    const other = fc
      .string({ maxLength: 10 })
      .filter((text) => ![...TRUE_WORDS, ...FALSE_WORDS].includes(text.trim().toLowerCase()));
    fc.assert(
      fc.property(other, (text) => {
        expect(booleanValue().safeParse(text).success).toBe(false);
      }),
    );
  });
});

describe('List and Dict', () => {
  const item = fc
    .string({ minLength: 1, maxLength: 8 })
    .map((text) => text.replace(/[,:]/g, '').trim())
    .filter((text) => text !== '');

  it('List: joined with commas (and any blanks), the items come back; a list of text gives the same', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 6 }), blanks, (items, blank) => {
        expect(listValue().parse(items.join(`${blank},${blank}`))).toEqual(items);
        expect(listValue().parse(items)).toEqual(items);
      }),
    );
  });

  it('Dict: key:value pairs come back as a record, the last of a repeated key winning', () => {
    const pair = fc.tuple(
      item,
      fc.oneof(
        fc.constant(''),
        item,
        fc.tuple(item, item).map(([a, b]) => `${a}:${b}`),
      ),
    );
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 6 }), blanks, (pairs, blank) => {
        const text = pairs.map(([key, value]) => `${blank}${key}${blank}:${blank}${value}`).join(',');
        expect(dictValue().parse(text)).toEqual(Object.fromEntries(pairs));
      }),
    );
  });
});

describe('numbers', () => {
  it('Integer: a safe integer written out reads back, and bounds hold', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer(), fc.integer(), (value, a, b) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        expect(integerValue().parse(String(value))).toBe(value);
        const bounded = integerValue('n', { min, max }).safeParse(` ${value} `);
        expect(bounded.success).toBe(value >= min && value <= max);
      }),
    );
  });

  it('Float and seconds: a finite number written out reads back; seconds are positive', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(floatValue().parse(String(value))).toBe(value === 0 ? 0 : value); // String(-0) is '0'
        expect(secondsValue().safeParse(String(value)).success).toBe(value > 0);
      }),
    );
  });
});

describe('messages', () => {
  const types = [
    booleanValue(),
    integerValue(),
    floatValue(),
    secondsValue(),
    dictValue(),
    choiceValue(['public', 'internal', 'admin']),
  ];
  const secretTypes = [
    booleanValue({ secret: true }),
    integerValue('n', { secret: true, min: 1 }),
    floatValue('n', { secret: true, max: 0 }),
    secondsValue({ secret: true }),
    dictValue({ secret: true }),
    choiceValue(['public'], { secret: true }),
  ];
  const marked = fc.string({ maxLength: 200 }).map((text) => `Zq9${text}`);

  it('quote a refused value cut at 60 characters', () => {
    fc.assert(
      fc.property(marked, fc.constantFrom(...types), (text, type) => {
        const message = type.safeParse(text).error?.issues[0]?.message ?? '';
        const quoted = /"(Zq9.*)"/s.exec(message)?.[1];
        if (quoted !== undefined) expect(JSON.parse(`"${quoted}"`).length).toBeLessThanOrEqual(61);
      }),
    );
  });

  it('never show the value of a secret option', () => {
    fc.assert(
      fc.property(marked, fc.constantFrom(...secretTypes), (text, type) => {
        const result = type.safeParse(text);
        if (!result.success) expect(JSON.stringify(result.error.issues)).not.toContain('Zq9');
      }),
    );
  });
});
