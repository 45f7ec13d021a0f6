import { describe, expect, it } from 'vitest';
import { SkipExpressionError } from '../errors/skip-expression-error.js';
import { MAX_SKIP_EXPRESSION_LENGTH, MAX_SKIP_EXPRESSION_NESTING } from './limits.js';
import { parseSkipExpression } from './parse-skip-expression.js';

function refusal(text: string): SkipExpressionError {
  try {
    parseSkipExpression(text);
  } catch (error) {
    if (error instanceof SkipExpressionError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

describe('parseSkipExpression: the supported subset', () => {
  it('parses the field example into .get calls and a comparison', () => {
    const parsed = parseSkipExpression('datapoint.get("vol", {}).get("qty", 0) == 0');
    expect(parsed.text).toBe('datapoint.get("vol", {}).get("qty", 0) == 0');
    expect(String(parsed)).toBe(parsed.text);
    expect(parsed.root).toMatchObject({
      kind: 'compare',
      first: {
        kind: 'get',
        target: {
          kind: 'get',
          target: { kind: 'datapoint', position: 1 },
          key: { kind: 'constant', value: 'vol' },
          fallback: { kind: 'dict', entries: [] },
          position: 10,
        },
        key: { kind: 'constant', value: 'qty' },
        fallback: { kind: 'constant', value: 0n },
        position: 25,
      },
      rest: [{ op: '==', operand: { kind: 'constant', value: 0n }, position: 40 }],
    });
  });

  it.each([
    // literals
    ['0', { kind: 'constant', value: 0n }],
    ['1_000', { kind: 'constant', value: 1000n }],
    ['0x1F', { kind: 'constant', value: 31n }],
    ['0o17', { kind: 'constant', value: 15n }],
    ['0b101', { kind: 'constant', value: 5n }],
    ['123456789012345678901234567890', { kind: 'constant', value: 123456789012345678901234567890n }],
    ['1.5', { kind: 'constant', value: 1.5 }],
    ['.5', { kind: 'constant', value: 0.5 }],
    ['5.', { kind: 'constant', value: 5 }],
    ['1e3', { kind: 'constant', value: 1000 }],
    ['1E-3', { kind: 'constant', value: 0.001 }],
    ['1e400', { kind: 'constant', value: Number.POSITIVE_INFINITY }],
    ["'str'", { kind: 'constant', value: 'str' }],
    ['"str"', { kind: 'constant', value: 'str' }],
    ['\'a\' "b"', { kind: 'constant', value: 'ab' }],
    ["'''a'b'''", { kind: 'constant', value: "a'b" }],
    ["'\\n\\t\\\\\\'\\x41\\101\\u00e9\\U0001F600\\q'", { kind: 'constant', value: "\n\t\\'AAé😀\\q" }],
    ["r'\\d'", { kind: 'constant', value: '\\d' }],
    ["u'x'", { kind: 'constant', value: 'x' }],
    ['True', { kind: 'constant', value: true }],
    ['False', { kind: 'constant', value: false }],
    ['None', { kind: 'constant', value: null }],
    ['{}', { kind: 'dict', entries: [] }],
    [
      "{'a': 1, 2: None,}",
      {
        kind: 'dict',
        entries: [
          [{ value: 'a' }, { value: 1n }],
          [{ value: 2n }, { value: null }],
        ],
      },
    ],
    ['[]', { kind: 'sequence', type: 'list', items: [] }],
    ['[1, 2,]', { kind: 'sequence', type: 'list', items: [{ value: 1n }, { value: 2n }] }],
    ['()', { kind: 'sequence', type: 'tuple', items: [] }],
    ['(1,)', { kind: 'sequence', type: 'tuple', items: [{ value: 1n }] }],
    ['(1)', { kind: 'constant', value: 1n }],
    // the name, .get and subscripts
    ['datapoint', { kind: 'datapoint' }],
    ['ｄatapoint', { kind: 'datapoint' }],
    ["datapoint.get('vol')", { kind: 'get', key: { value: 'vol' }, fallback: undefined }],
    ["datapoint['vol']['qty']", { kind: 'subscript', target: { kind: 'subscript' }, key: { value: 'qty' } }],
    ["datapoint['a', 1]", { kind: 'subscript', key: { kind: 'sequence', type: 'tuple' } }],
    // operators
    ['1 < 2 <= 3 > 0 >= 0 == 0 != 1', { kind: 'compare', rest: { length: 6 } }],
    ["'a' in datapoint", { kind: 'compare', rest: [{ op: 'in' }] }],
    ["'a' not in datapoint", { kind: 'compare', rest: [{ op: 'not in' }] }],
    ['1 and 2 and 3', { kind: 'bool', op: 'and', operands: { length: 3 } }],
    ['1 or 2 and 3', { kind: 'bool', op: 'or', operands: [{ value: 1n }, { kind: 'bool', op: 'and' }] }],
    ['not 1 == 2', { kind: 'not', operand: { kind: 'compare' } }],
    ['-1', { kind: 'unary', op: '-', operand: { value: 1n } }],
    ['+-1', { kind: 'unary', op: '+', operand: { kind: 'unary', op: '-' } }],
    ['-1 < 2', { kind: 'compare', first: { kind: 'unary' } }],
    // layout Python allows
    ['  1 # a comment', { kind: 'constant', value: 1n }],
    ['\n1\n\n', { kind: 'constant', value: 1n }],
    ['(1 ==\n 1)', { kind: 'compare' }],
    ['1 == \\\n 1', { kind: 'compare' }],
  ])('%j', (text, shape) => {
    expect(parseSkipExpression(text).root).toMatchObject(shape);
  });
});

describe('parseSkipExpression: refused constructs, named with their column', () => {
  it.each([
    ['lambda: True', 'lambda', 1],
    ["datapoint['vol']['qty'] + 1 > 2", 'arithmetic +', 25],
    ["datapoint['vol']['qty'] - 1 > 2", 'arithmetic -', 25],
    ['1 * 2', 'arithmetic *', 3],
    ['1 / 2', 'arithmetic /', 3],
    ['1 // 2', 'arithmetic //', 3],
    ['1 % 2', 'arithmetic %', 3],
    ['2 ** 3', 'arithmetic **', 3],
    ['1 @ 2', 'matrix multiplication @', 3],
    ['1 | 2', 'bitwise |', 3],
    ['1 & 2', 'bitwise &', 3],
    ['1 ^ 2', 'bitwise ^', 3],
    ['~1', 'bitwise ~', 1],
    ['1 << 2', 'shift <<', 3],
    ['1 >> 2', 'shift >>', 3],
    ['1 if datapoint else 0', 'if-expression', 3],
    ['[x for x in datapoint]', 'comprehension', 4],
    ['{k: 1 for k in datapoint}', 'comprehension', 7],
    ['datapoint is None', 'is', 11],
    ['datapoint is not None', 'is not', 11],
    ['(x := 1)', 'walrus :=', 4],
    ["f'{datapoint}'", 'f-string', 1],
    ["b'x'", 'bytes literal', 1],
    ["__import__('os').system('rm -rf /')", 'call of __import__', 1],
    ['len(datapoint)', 'call of len', 1],
    ['datapoint.keys()', 'call of .keys()', 11],
    ['datapoint.__class__', 'attribute .__class__', 11],
    ['datapoint.get', '.get without a call', 11],
    ['datapoint.get()', '.get with no argument', 11],
    ["datapoint.get('a', 1, 2)", '.get with 3 arguments', 11],
    ["datapoint.get(key='a')", 'keyword argument', 15],
    ["datapoint.get('a')('b')", 'call', 19],
    ['qty > 0', 'name qty', 1],
    ['Ｔrue', 'name Ｔrue', 1],
    ['os', 'name os', 1],
    ['{1, 2}', 'set', 1],
    ["datapoint['a'][1:2]", 'slice', 17],
    ['[*datapoint]', 'unpacking *', 2],
    ['{**datapoint}', 'unpacking **', 2],
    ['...', 'Ellipsis ...', 1],
    ['1j', 'complex number', 1],
    ['1, 2', 'tuple without parentheses', 2],
    ['datapoint = 1', 'assignment =', 11],
    ['datapoint += 1', 'augmented assignment +=', 11],
    ['import os', 'import', 1],
    ['await datapoint', 'await', 1],
    ['(yield)', 'yield', 2],
    ["'\\N{DIGIT ONE}'", 'named Unicode escape \\N{…}', 2],
    ["'\\ud800'", 'surrogate escape \\ud800', 2],
  ])('%j: %s at column %d', (text, construct, position) => {
    const error = refusal(text);
    expect(error).toMatchObject({ expression: text, construct, position });
    expect(error.message).toMatch(
      new RegExp(`^unsupported construct '${escapeRegExp(construct)}' at column ${position}\\b`),
    );
  });

  it('says what the subset has, for names and calls', () => {
    expect(refusal('qty > 0').message).toBe(
      "unsupported construct 'name qty' at column 1: the only names are datapoint, True, False and None",
    );
    expect(refusal('len(datapoint) == 0').message).toBe(
      "unsupported construct 'call of len' at column 1: the only call is .get(key) or .get(key, default)",
    );
  });
});

describe('parseSkipExpression: syntax errors', () => {
  it.each([
    ['', 'empty expression', 1],
    ['   # only a comment', 'empty expression', 20],
    ["datapoint.get('vol'", "expected ')'", 20],
    ["datapoint['vol'", "expected ']'", 16],
    ["{'a' 1}", "unexpected number (expected ':')", 6],
    ["'unterminated", 'unterminated string literal', 1],
    ["'''open", 'unterminated triple-quoted string literal', 1],
    ["'a\nb'", 'unterminated string literal', 1],
    ["'\\x4'", 'truncated \\xXX escape', 2],
    ["'\\U00110000'", 'illegal Unicode character in \\U00110000', 2],
    ['01', 'leading zeros in decimal integer literals are not permitted', 1],
    ['1_', 'invalid number literal', 1],
    ['1abc', 'invalid number literal', 1],
    ['1 <> 2', "invalid syntax '<>' (Python 3 writes !=)", 3],
    ['1 == == 2', "unexpected '=='", 6],
    ['1 == not 2', "unexpected 'not'", 6],
    ['1 2', 'unexpected number', 3],
    ['1\n2', 'unexpected number', 3],
    ['1; 2', "unexpected ';' (a skip_datapoints_expression is one expression)", 2],
    [')', "unexpected ')'", 1],
    ['$', "unexpected character '$'", 1],
    ['1 == \u00a02', 'unexpected character U+00A0', 6],
    ['1 \\ 2', 'unexpected character after line continuation character', 3],
    ['datapoint.', "expected an attribute name after '.'", 11],
    ['\ud800', 'lone surrogate U+D800', 1],
  ])('%j: %s at column %d', (text, reason, position) => {
    const error = refusal(text);
    expect(error).toMatchObject({ expression: text, reason, position, construct: undefined });
    expect(error.message).toBe(`${reason} at column ${position}`);
  });
});

describe('parseSkipExpression: bounds', () => {
  it(`refuses more than ${MAX_SKIP_EXPRESSION_LENGTH} characters before reading them`, () => {
    const text = `${'datapoint and '.repeat(400)}datapoint`;
    expect(text.length).toBeGreaterThan(MAX_SKIP_EXPRESSION_LENGTH);
    expect(refusal(text).message).toBe(`longer than 4096 characters (${text.length}) at column 4097`);
    expect(parseSkipExpression(`${' '.repeat(MAX_SKIP_EXPRESSION_LENGTH - 1)}1`).root).toMatchObject({
      kind: 'constant',
      value: 1n,
      position: MAX_SKIP_EXPRESSION_LENGTH,
    });
  });

  it.each([
    ['brackets', (n: number) => `${'('.repeat(n)}1${')'.repeat(n)}`, 'constant'],
    ['lists', (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`, 'sequence'],
    ['not', (n: number) => `${'not '.repeat(n)}1`, 'not'],
    ['unary minus', (n: number) => `${'-'.repeat(n)}1`, 'unary'],
    ['.get chains', (n: number) => `datapoint${".get('a')".repeat(n)}`, 'get'],
    ['subscripts', (n: number) => `datapoint${'[0]'.repeat(n)}`, 'subscript'],
  ])(`nesting of %s: ${MAX_SKIP_EXPRESSION_NESTING} levels parse, one more is refused`, (_, nest, kind) => {
    expect(parseSkipExpression(nest(MAX_SKIP_EXPRESSION_NESTING)).root.kind).toBe(kind);
    expect(refusal(nest(MAX_SKIP_EXPRESSION_NESTING + 1)).reason).toBe('nested deeper than 64 levels');
  });

  it('refuses 2,000 nested brackets without exhausting the stack', () => {
    expect(refusal(`${'('.repeat(2000)}1${')'.repeat(2000)}`).position).toBe(65);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
