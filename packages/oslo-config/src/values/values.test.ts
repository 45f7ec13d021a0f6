import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { booleanValue } from './boolean-value.js';
import { choiceValue } from './choice-value.js';
import { dictValue, listValue } from './collection-values.js';
import { floatValue, integerValue, secondsValue } from './number-values.js';
import { required, textValue } from './text-value.js';

const messageOf = (result: { error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe('oslo.config value types', () => {
  it('Boolean: oslo words, any case, nothing else', () => {
    for (const word of ['true', 'True', 'YES', 'on', '1', ' yes '])
      expect(booleanValue().parse(word)).toBe(true);
    for (const word of ['false', 'False', 'no', 'OFF', '0']) expect(booleanValue().parse(word)).toBe(false);
    expect(messageOf(booleanValue().safeParse('y'))).toBe(
      'expected true or false (also yes/no, on/off, 1/0), got "y"',
    );
  });

  it('Integer: optional sign and digits, bounds', () => {
    expect(integerValue('a number').parse(' +42 ')).toBe(42);
    expect(integerValue('a number').parse('-3')).toBe(-3);
    expect(messageOf(integerValue('a number').safeParse('4.5'))).toBe('expected a number, got "4.5"');
    expect(messageOf(integerValue('a number').safeParse('99999999999999999999'))).toBe(
      'expected a number, got "99999999999999999999" (too large)',
    );
    expect(messageOf(integerValue('a number', { max: 9 }).safeParse('10'))).toBe('must be at most 9, got 10');
  });

  it('seconds: positive decimals', () => {
    expect(secondsValue().parse('2.5')).toBe(2.5);
    expect(secondsValue().parse('1e2')).toBe(100);
    expect(messageOf(secondsValue().safeParse('10s'))).toBe('expected a number of seconds, got "10s"');
    expect(messageOf(secondsValue().safeParse('-1'))).toBe('must be a positive number of seconds, got "-1"');
  });

  it('List: comma-separated, stripped, empty items dropped', () => {
    expect(listValue().parse(' a, b ,,c,')).toEqual(['a', 'b', 'c']);
    expect(listValue().parse(',')).toEqual([]);
  });

  it('Dict: key:value pairs, split at the first colon, last repeated key wins', () => {
    expect(dictValue().parse('flavor_name: m1.small , instance:web-1:9100, ,flavor_name:m1.large')).toEqual({
      flavor_name: 'm1.large',
      instance: 'web-1:9100',
    });
    expect(dictValue().parse('empty:')).toEqual({ empty: '' });
    expect(messageOf(dictValue().safeParse('a:1,b'))).toBe(
      'expected key:value pairs separated by commas, got "b"',
    );
    expect(messageOf(dictValue().safeParse(':1'))).toBe('a key is empty in ":1"');
  });

  it('quotes long values shortened', () => {
    expect(messageOf(integerValue('n').safeParse('x'.repeat(100)))).toBe(
      `expected n, got "${'x'.repeat(60)}…"`,
    );
  });
});

describe('native values (clouds.yaml, code)', () => {
  it('Boolean takes booleans; anything else is named by kind', () => {
    expect(booleanValue().parse(true)).toBe(true);
    expect(booleanValue().parse(false)).toBe(false);
    expect(messageOf(booleanValue().safeParse(['yes']))).toBe(
      'expected true or false (also yes/no, on/off, 1/0), got a list',
    );
  });

  it('numbers take numbers', () => {
    expect(secondsValue().parse(2.5)).toBe(2.5);
    expect(integerValue().parse(8)).toBe(8);
    expect(floatValue().parse(-0.5)).toBe(-0.5);
    expect(messageOf(secondsValue().safeParse(0))).toBe('must be a positive number of seconds, got 0');
    expect(messageOf(secondsValue().safeParse(true))).toBe('expected a number of seconds, got a boolean');
    expect(messageOf(integerValue().safeParse(4.5))).toBe('expected an integer, got 4.5');
    expect(messageOf(floatValue('a ratio', { min: 0, max: 1 }).safeParse('1.5'))).toBe(
      'must be at most 1, got 1.5',
    );
  });

  it('List takes a list of text; Text refuses anything but text, by kind only', () => {
    expect(listValue().parse([' internal', 'public '])).toEqual(['internal', 'public']);
    expect(messageOf(listValue().safeParse(3))).toBe('expected a comma-separated list, got a number');
    expect(textValue().parse(' as written ')).toBe(' as written ');
    expect(messageOf(textValue().safeParse(true))).toBe('expected text, got a boolean (quote it in YAML)');
    expect(messageOf(textValue().safeParse({ a: 1 }))).toBe('expected text, got a mapping');
  });
});

describe('choices, required, secrets', () => {
  const collector = choiceValue(['prometheus', 'aetos'], {
    notes: { gnocchi: 'a CloudKitty collector that kitty-collect does not implement' },
  });

  it('a choice, blanks ignored; a noted value says why it is refused', () => {
    expect(collector.parse(' aetos ')).toBe('aetos');
    expect(messageOf(collector.safeParse('gnocchi'))).toBe(
      'expected one of prometheus, aetos, got "gnocchi" (a CloudKitty collector that kitty-collect does not implement)',
    );
    expect(messageOf(collector.safeParse('Prometheus'))).toBe(
      'expected one of prometheus, aetos, got "Prometheus"',
    );
    expect(messageOf(collector.safeParse('constructor'))).toBe(
      'expected one of prometheus, aetos, got "constructor"',
    );
  });

  it('required: the message when missing, the type otherwise; optional and default as zod', () => {
    const schema = z.object({
      sources: required(listValue(), 'is required: the scope ids'),
      period: integerValue().default(3600),
      region: textValue().optional(),
    });
    expect(schema.safeParse({}).error?.issues).toEqual([
      expect.objectContaining({ path: ['sources'], message: 'is required: the scope ids' }),
    ]);
    expect(schema.parse({ sources: 'a,b' })).toEqual({ sources: ['a', 'b'], period: 3600 });
  });

  it('a secret is never shown, and never travels in the issue', () => {
    const secret = 'S3cret-Value';
    const refused = [
      booleanValue({ secret: true }),
      integerValue('a number', { secret: true }),
      floatValue('a number', { secret: true }),
      secondsValue({ secret: true }),
      dictValue({ secret: true }),
      choiceValue(['a'], { secret: true }),
    ].map((type) => type.safeParse(`${secret},x`));
    for (const result of refused) {
      expect(result.success).toBe(false);
      expect(JSON.stringify(result.error?.issues)).not.toContain(secret);
    }
    expect(messageOf(integerValue('a port', { secret: true, max: 9 }).safeParse('10'))).toBe(
      'must be at most 9',
    );
    expect(messageOf(dictValue({ secret: true }).safeParse(`${secret}`))).toBe(
      'expected key:value pairs separated by commas',
    );
  });
});
