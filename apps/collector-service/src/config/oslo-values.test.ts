import { describe, expect, it } from 'vitest';
import { dictValue, flagValue, integerValue, listValue, secondsValue } from './oslo-values.js';

const messageOf = (result: { error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe('oslo.config value types', () => {
  it('Boolean: oslo words, any case, nothing else', () => {
    for (const word of ['true', 'True', 'YES', 'on', '1', ' yes '])
      expect(flagValue().parse(word)).toBe(true);
    for (const word of ['false', 'False', 'no', 'OFF', '0']) expect(flagValue().parse(word)).toBe(false);
    expect(messageOf(flagValue().safeParse('y'))).toBe(
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
