import { describe, expect, test } from 'vitest';
import { pyFloatRepr, pyJsonDumps } from './json-dumps.js';
import { PyJsonDecodeError, pyJsonLoads } from './json-loads.js';
import { pyRepr } from './repr.js';
import { pyFloat, pyInt, toPyValue } from './value.js';
import { xmlTextAscii } from './xml.js';

// Expected strings were printed by CPython 3.11 (Debian bookworm): repr(x), json.dumps(x).
describe('pyFloatRepr', () => {
  test.each([
    [0.1, '0.1'],
    [1.0, '1.0'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [1.2345678901234568e17, '1.2345678901234568e+17'],
    [1e-4, '0.0001'],
    [1e-5, '1e-05'],
    [0.00012, '0.00012'],
    [1.5e300, '1.5e+300'],
    [-2.5, '-2.5'],
    [1767488400.5, '1767488400.5'],
    [5e-324, '5e-324'],
    [1e21, '1e+21'],
    [100.0, '100.0'],
    [12345.678, '12345.678'],
  ])('%s', (value, expected) => {
    expect(pyFloatRepr(value)).toBe(expected);
  });
});

describe('pyJsonDumps / pyJsonLoads', () => {
  test('separators, ensure_ascii and int/float kept apart, like json.dumps', () => {
    const value = pyJsonLoads('{"a":"x\\u007f\u00e9\u{1F600}\\t\\"\\\\/","b":[1,2.0,null,true],"c":{}}');
    expect(pyJsonDumps(value)).toBe(
      '{"a": "x\\u007f\\u00e9\\ud83d\\ude00\\t\\"\\\\/", "b": [1, 2.0, null, true], "c": {}}',
    );
  });

  test('a Prometheus answer keeps its keys, values and order; only whitespace changes', () => {
    const raw =
      '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"up","b":"2","a":"1"},"value":[1767488400.5,"1"]}]}}';
    const dumped = pyJsonDumps(pyJsonLoads(raw));
    expect(dumped).toBe(
      '{"status": "success", "data": {"resultType": "vector", "result": [{"metric": {"__name__": "up", "b": "2", "a": "1"}, "value": [1767488400.5, "1"]}]}}',
    );
    expect(JSON.parse(dumped)).toEqual(JSON.parse(raw));
  });

  test('big integers stay exact', () => {
    expect(pyJsonDumps(pyJsonLoads('[12345678901234567890]'))).toBe('[12345678901234567890]');
  });

  test.each([
    ['<html>', 'Expecting value: line 1 column 1 (char 0)'],
    ['\n  {"a" 1}', "Expecting ':' delimiter: line 2 column 8 (char 8)"],
  ])('decode errors read like Python: %j', (text, message) => {
    expect(() => pyJsonLoads(text)).toThrow(PyJsonDecodeError);
    expect(() => pyJsonLoads(text)).toThrow(message);
  });
});

describe('pyRepr (what WSME writes for a text result in XML)', () => {
  test('quotes, escapes and printable characters like repr()', () => {
    const value = toPyValue({
      a: "it's",
      b: 'say "hi" it\'s',
      c: '\x7f\xe9\u200b\u{1F600}\n\xa0',
      d: 'both " and \'',
    });
    expect(pyRepr(value)).toBe(
      `{'a': "it's", 'b': 'say "hi" it\\'s', 'c': '\\x7f\u00e9\\u200b\u{1F600}\\n\\xa0', 'd': 'both " and \\''}`,
    );
    expect(pyRepr([pyFloat(1e21), pyFloat(1e-7), pyFloat(1.5), true, null, pyInt(3n)])).toBe(
      '[1e+21, 1e-07, 1.5, True, None, 3]',
    );
  });

  test('XML text escapes markup and writes non-ASCII as character references', () => {
    expect(xmlTextAscii("<a> & 'ü' \u{1F600}")).toBe("&lt;a&gt; &amp; '&#252;' &#128512;");
  });
});
