import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataPoint } from '../dataframe/data-point.js';
import { SkipExpressionError } from '../errors/skip-expression-error.js';
import { SkipExpressionEvaluationError } from '../errors/skip-expression-evaluation-error.js';
import type { SkipExpression } from './ast.js';
import { evaluateSkipExpression } from './evaluate-skip-expression.js';
import { parseSkipExpression } from './parse-skip-expression.js';
import { PYTHON_VALUES } from './testing/python-values.js';

/** Pieces of Python, glued at random: mostly near-expressions, where a tokenizer's corner cases are. */
const FRAGMENTS = [
  'datapoint',
  '.get(',
  "'vol'",
  '"qty"',
  ', ',
  '{}',
  '[',
  ']',
  '(',
  ')',
  '{',
  '}',
  ':',
  ' == ',
  ' < ',
  ' >= ',
  ' in ',
  ' not ',
  ' and ',
  ' or ',
  'not ',
  '-',
  '+',
  '*',
  '0',
  '1.5',
  '1e3',
  '0x',
  '1_',
  'True',
  'None',
  'lambda',
  ' if ',
  ' for ',
  ' is ',
  ':=',
  '=',
  "f'",
  "'''",
  '"',
  "'\\",
  '\\x',
  '\\N{',
  '\\ud800',
  '\n',
  '\\\n',
  '#',
  ' ',
  '\t',
  '\u00a0',
  '\ud800',
  'é',
  'ｄ',
  '1j',
  '...',
  ',',
  ';',
  '$',
];
const pythonish = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((parts) => parts.join(''));

/** Values of every type the subset has, as literals or read from the point. */
const OPERANDS = [
  ...PYTHON_VALUES,
  '1e400',
  '[0, "a"]',
  '()',
  '{1: None}',
  'datapoint',
  "datapoint['vol']",
  "datapoint['groupby']",
  "datapoint['metadata']",
  "datapoint.get('vol', {})",
  "datapoint['groupby'].get('project_id')",
  "datapoint['metadata'].get('flavor', '')",
];
const KEYS = [
  "'vol'",
  "'qty'",
  "'unit'",
  "'groupby'",
  "'project_id'",
  "'flavor'",
  "'nope'",
  '0',
  '-1',
  'None',
  '[]',
  '(1,)',
];
const COMPARE = ['==', '!=', '<', '<=', '>', '>=', 'in', 'not in'];

/** Expressions of the subset (type errors included): any of them parses, and must evaluate or raise cleanly. */
const { expression } = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...OPERANDS),
    fc.tuple(tie('expression'), fc.constantFrom(...KEYS)).map(([target, key]) => `(${target})[${key}]`),
    fc
      .tuple(tie('expression'), fc.constantFrom(...KEYS), fc.option(tie('expression')))
      .map(([target, key, fallback]) => `(${target}).get(${key}${fallback === null ? '' : `, ${fallback}`})`),
    fc
      .tuple(
        tie('expression'),
        fc.array(fc.tuple(fc.constantFrom(...COMPARE), tie('expression')), { minLength: 1, maxLength: 3 }),
      )
      .map(([first, rest]) => `(${first}) ${rest.map(([op, operand]) => `${op} (${operand})`).join(' ')}`),
    fc
      .tuple(fc.constantFrom('and', 'or'), fc.array(tie('expression'), { minLength: 2, maxLength: 3 }))
      .map(([op, operands]) => operands.map((operand) => `(${operand})`).join(` ${op} `)),
    tie('expression').map((operand) => `not (${operand})`),
    fc.tuple(fc.constantFrom('-', '+'), tie('expression')).map(([sign, operand]) => `${sign}(${operand})`),
    fc.array(tie('expression'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc
      .array(fc.tuple(fc.constantFrom(...KEYS), tie('expression')), { maxLength: 2 })
      .map((entries) => `{${entries.map(([key, value]) => `${key}: ${value}`).join(', ')}}`),
  ),
}));

const decimalText = fc.oneof(
  fc.constantFrom(
    '0',
    '-0',
    '0.1',
    '0.5',
    '1',
    '1e-9',
    '123456789',
    '1.00000000000000000000000000001',
    '1e+21',
  ),
  fc
    .tuple(fc.integer(), fc.integer({ min: -30, max: 30 }))
    .map(([digits, exponent]) => `${digits}e${exponent}`),
);
const labels = fc.dictionary(
  fc.constantFrom('project_id', 'flavor', 'id', 'constructor', '__proto__', 'vol'),
  fc.string({ maxLength: 4 }),
);
const point = fc
  .record({
    qty: decimalText,
    price: decimalText,
    unit: fc.string({ maxLength: 4 }),
    groupby: labels,
    metadata: labels,
  })
  .map((init) => new DataPoint(init));

/** The outcome of evaluating: a boolean, or the Python reason of a clean failure. */
function outcome(parsed: SkipExpression, datapoint: DataPoint): boolean | string {
  try {
    return evaluateSkipExpression(parsed, datapoint);
  } catch (error) {
    if (error instanceof SkipExpressionEvaluationError) return error.reason;
    throw error;
  }
}

function parsedOrUndefined(text: string): SkipExpression | undefined {
  try {
    return parseSkipExpression(text);
  } catch (error) {
    if (error instanceof SkipExpressionError) return undefined;
    throw error;
  }
}

describe('skip_datapoints_expression on any input (property)', () => {
  it('parseSkipExpression raises nothing but SkipExpressionError, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(pythonish, fc.string({ unit: 'binary', maxLength: 60 })), (text) => {
        parsedOrUndefined(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('the expressions of the subset parse, and evaluate to a boolean or raise SkipExpressionEvaluationError', () => {
    fc.assert(
      fc.property(expression, point, (text, datapoint) => {
        const parsed = parsedOrUndefined(text);
        // Only a nesting over the limit may refuse what the grammar builds.
        if (parsed === undefined) {
          expect(() => parseSkipExpression(text)).toThrow(/nested deeper than/);
          return;
        }
        expect(['boolean', 'string']).toContain(typeof outcome(parsed, datapoint));
      }),
      { numRuns: 2000 },
    );
  });

  it('`not not e` is the truthiness of e, and fails as e fails', () => {
    fc.assert(
      fc.property(expression, point, (text, datapoint) => {
        const parsed = parsedOrUndefined(text);
        const doubled = parsedOrUndefined(`not not (${text})`);
        if (parsed === undefined || doubled === undefined) return;
        expect(outcome(doubled, datapoint)).toEqual(outcome(parsed, datapoint));
      }),
      { numRuns: 2000 },
    );
  });
});
