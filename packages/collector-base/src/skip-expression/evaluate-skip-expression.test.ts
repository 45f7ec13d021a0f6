import { describe, expect, it } from 'vitest';
import { DataPoint } from '../dataframe/data-point.js';
import { SkipExpressionEvaluationError } from '../errors/skip-expression-evaluation-error.js';
import { evaluateSkipExpression } from './evaluate-skip-expression.js';
import { parseSkipExpression } from './parse-skip-expression.js';
import { PYTHON_VALUES } from './testing/python-values.js';

/*
 * Every expected value below is what CPython 3.11 answers with `datapoint` bound to the same point as a
 * dict of Decimals (the tables were printed by Python, see the comment of each).
 */

const POINT = new DataPoint({
  unit: 'GiB',
  qty: '0.1',
  price: '0',
  groupby: { project_id: 'p1', id: 'vm-1', week_of_the_year: '01' },
  metadata: { flavor_name: 'm1.small', empty: '' },
});

const run = (text: string, point = POINT) => evaluateSkipExpression(parseSkipExpression(text), point);

/** What Python says, `E` for an error: the error's Python class (`TypeError`, `KeyError`…). */
function outcome(text: string, point = POINT): boolean | string {
  try {
    return run(text, point);
  } catch (error) {
    if (!(error instanceof SkipExpressionEvaluationError)) throw error;
    return error.reason.slice(0, error.reason.indexOf(':'));
  }
}

describe('comparisons between None, bool, int, float, Decimal, str, list, tuple and dict', () => {
  // qty is Decimal('0.1'), price Decimal('0'). T: True, F: False, E: TypeError — printed by Python:
  // for op: for a in PYTHON_VALUES: row = ''.join(eval(f'{a} {op} {b}') … for b in PYTHON_VALUES)
  const TABLES: Record<string, string[]> = {
    '==': [
      'TFFFFFFFFFFFFFFFFFF', // None
      'FTFFTFFFFFFFFFFFFFF', // True
      'FFTTFFTFFFTFFFFFFFF', // False
      'FFTTFFTFFFTFFFFFFFF', // 0
      'FTFFTFFFFFFFFFFFFFF', // 1
      'FFFFFTFFFFFFFFFFFFF', // -1
      'FFTTFFTFFFTFFFFFFFF', // 0.0
      'FFFFFFFTFFFFFFFFFFF', // 0.1
      'FFFFFFFFTFFFFFFFFFF', // 1e3
      'FFFFFFFFFTFFFFFFFFF', // qty
      'FFTTFFTFFFTFFFFFFFF', // price
      'FFFFFFFFFFFTFFFFFFF', // ''
      'FFFFFFFFFFFFTFFFFFF', // 'a'
      'FFFFFFFFFFFFFTFFFFF', // 'ab'
      'FFFFFFFFFFFFFFTFFFF', // []
      'FFFFFFFFFFFFFFFTFFF', // [1]
      'FFFFFFFFFFFFFFFFTFF', // (1,)
      'FFFFFFFFFFFFFFFFFTF', // {}
      'FFFFFFFFFFFFFFFFFFT', // {'a': 1}
    ],
    '!=': [
      'FTTTTTTTTTTTTTTTTTT', // None
      'TFTTFTTTTTTTTTTTTTT', // True
      'TTFFTTFTTTFTTTTTTTT', // False
      'TTFFTTFTTTFTTTTTTTT', // 0
      'TFTTFTTTTTTTTTTTTTT', // 1
      'TTTTTFTTTTTTTTTTTTT', // -1
      'TTFFTTFTTTFTTTTTTTT', // 0.0
      'TTTTTTTFTTTTTTTTTTT', // 0.1
      'TTTTTTTTFTTTTTTTTTT', // 1e3
      'TTTTTTTTTFTTTTTTTTT', // qty
      'TTFFTTFTTTFTTTTTTTT', // price
      'TTTTTTTTTTTFTTTTTTT', // ''
      'TTTTTTTTTTTTFTTTTTT', // 'a'
      'TTTTTTTTTTTTTFTTTTT', // 'ab'
      'TTTTTTTTTTTTTTFTTTT', // []
      'TTTTTTTTTTTTTTTFTTT', // [1]
      'TTTTTTTTTTTTTTTTFTT', // (1,)
      'TTTTTTTTTTTTTTTTTFT', // {}
      'TTTTTTTTTTTTTTTTTTF', // {'a': 1}
    ],
    '<': [
      'EEEEEEEEEEEEEEEEEEE', // None
      'EFFFFFFFTFFEEEEEEEE', // True
      'ETFFTFFTTTFEEEEEEEE', // False
      'ETFFTFFTTTFEEEEEEEE', // 0
      'EFFFFFFFTFFEEEEEEEE', // 1
      'ETTTTFTTTTTEEEEEEEE', // -1
      'ETFFTFFTTTFEEEEEEEE', // 0.0
      'ETFFTFFFTFFEEEEEEEE', // 0.1
      'EFFFFFFFFFFEEEEEEEE', // 1e3
      'ETFFTFFTTFFEEEEEEEE', // qty
      'ETFFTFFTTTFEEEEEEEE', // price
      'EEEEEEEEEEEFTTEEEEE', // ''
      'EEEEEEEEEEEFFTEEEEE', // 'a'
      'EEEEEEEEEEEFFFEEEEE', // 'ab'
      'EEEEEEEEEEEEEEFTEEE', // []
      'EEEEEEEEEEEEEEFFEEE', // [1]
      'EEEEEEEEEEEEEEEEFEE', // (1,)
      'EEEEEEEEEEEEEEEEEEE', // {}
      'EEEEEEEEEEEEEEEEEEE', // {'a': 1}
    ],
    '<=': [
      'EEEEEEEEEEEEEEEEEEE', // None
      'ETFFTFFFTFFEEEEEEEE', // True
      'ETTTTFTTTTTEEEEEEEE', // False
      'ETTTTFTTTTTEEEEEEEE', // 0
      'ETFFTFFFTFFEEEEEEEE', // 1
      'ETTTTTTTTTTEEEEEEEE', // -1
      'ETTTTFTTTTTEEEEEEEE', // 0.0
      'ETFFTFFTTFFEEEEEEEE', // 0.1
      'EFFFFFFFTFFEEEEEEEE', // 1e3
      'ETFFTFFTTTFEEEEEEEE', // qty
      'ETTTTFTTTTTEEEEEEEE', // price
      'EEEEEEEEEEETTTEEEEE', // ''
      'EEEEEEEEEEEFTTEEEEE', // 'a'
      'EEEEEEEEEEEFFTEEEEE', // 'ab'
      'EEEEEEEEEEEEEETTEEE', // []
      'EEEEEEEEEEEEEEFTEEE', // [1]
      'EEEEEEEEEEEEEEEETEE', // (1,)
      'EEEEEEEEEEEEEEEEEEE', // {}
      'EEEEEEEEEEEEEEEEEEE', // {'a': 1}
    ],
    '>': [
      'EEEEEEEEEEEEEEEEEEE', // None
      'EFTTFTTTFTTEEEEEEEE', // True
      'EFFFFTFFFFFEEEEEEEE', // False
      'EFFFFTFFFFFEEEEEEEE', // 0
      'EFTTFTTTFTTEEEEEEEE', // 1
      'EFFFFFFFFFFEEEEEEEE', // -1
      'EFFFFTFFFFFEEEEEEEE', // 0.0
      'EFTTFTTFFTTEEEEEEEE', // 0.1
      'ETTTTTTTFTTEEEEEEEE', // 1e3
      'EFTTFTTFFFTEEEEEEEE', // qty
      'EFFFFTFFFFFEEEEEEEE', // price
      'EEEEEEEEEEEFFFEEEEE', // ''
      'EEEEEEEEEEETFFEEEEE', // 'a'
      'EEEEEEEEEEETTFEEEEE', // 'ab'
      'EEEEEEEEEEEEEEFFEEE', // []
      'EEEEEEEEEEEEEETFEEE', // [1]
      'EEEEEEEEEEEEEEEEFEE', // (1,)
      'EEEEEEEEEEEEEEEEEEE', // {}
      'EEEEEEEEEEEEEEEEEEE', // {'a': 1}
    ],
    '>=': [
      'EEEEEEEEEEEEEEEEEEE', // None
      'ETTTTTTTFTTEEEEEEEE', // True
      'EFTTFTTFFFTEEEEEEEE', // False
      'EFTTFTTFFFTEEEEEEEE', // 0
      'ETTTTTTTFTTEEEEEEEE', // 1
      'EFFFFTFFFFFEEEEEEEE', // -1
      'EFTTFTTFFFTEEEEEEEE', // 0.0
      'EFTTFTTTFTTEEEEEEEE', // 0.1
      'ETTTTTTTTTTEEEEEEEE', // 1e3
      'EFTTFTTFFTTEEEEEEEE', // qty
      'EFTTFTTFFFTEEEEEEEE', // price
      'EEEEEEEEEEETFFEEEEE', // ''
      'EEEEEEEEEEETTFEEEEE', // 'a'
      'EEEEEEEEEEETTTEEEEE', // 'ab'
      'EEEEEEEEEEEEEETFEEE', // []
      'EEEEEEEEEEEEEETTEEE', // [1]
      'EEEEEEEEEEEEEEEETEE', // (1,)
      'EEEEEEEEEEEEEEEEEEE', // {}
      'EEEEEEEEEEEEEEEEEEE', // {'a': 1}
    ],
    in: [
      'EEEEEEEEEEEEEEFFFFF', // None
      'EEEEEEEEEEEEEEFTTFF', // True
      'EEEEEEEEEEEEEEFFFFF', // False
      'EEEEEEEEEEEEEEFFFFF', // 0
      'EEEEEEEEEEEEEEFTTFF', // 1
      'EEEEEEEEEEEEEEFFFFF', // -1
      'EEEEEEEEEEEEEEFFFFF', // 0.0
      'EEEEEEEEEEEEEEFFFFF', // 0.1
      'EEEEEEEEEEEEEEFFFFF', // 1e3
      'EEEEEEEEEEEEEEFFFFF', // qty
      'EEEEEEEEEEEEEEFFFFF', // price
      'EEEEEEEEEEETTTFFFFF', // ''
      'EEEEEEEEEEEFTTFFFFT', // 'a'
      'EEEEEEEEEEEFFTFFFFF', // 'ab'
      'EEEEEEEEEEEEEEFFFEE', // []
      'EEEEEEEEEEEEEEFFFEE', // [1]
      'EEEEEEEEEEEEEEFFFFF', // (1,)
      'EEEEEEEEEEEEEEFFFEE', // {}
      'EEEEEEEEEEEEEEFFFEE', // {'a': 1}
    ],
  };

  for (const [op, rows] of Object.entries(TABLES)) {
    it(`${op}`, () => {
      const got = PYTHON_VALUES.map((a) =>
        PYTHON_VALUES.map((b) => {
          const result = outcome(`${a} ${op} ${b}`);
          return result === true ? 'T' : result === false ? 'F' : result === 'TypeError' ? 'E' : result;
        }).join(''),
      );
      expect(got).toEqual(rows);
    });
  }
});

describe('Python semantics', () => {
  it.each([
    // Decimal against int and float: exact values, never a float conversion
    ["datapoint['vol']['qty'] == 0.1", false],
    ["datapoint['vol']['qty'] < 0.1", true],
    ["datapoint['vol']['qty'] > 0.09999999999999999", true],
    ["datapoint['rating']['price'] == 0", true],
    ["datapoint['rating']['price'] == False", true],
    ["datapoint['rating']['price'] == -0.0", true],
    ["datapoint['vol']['qty'] < 1e400", true],
    ["datapoint['vol']['qty'] > -1e400", true],
    ['9007199254740993 == 9007199254740992.0', false],
    ['9007199254740993 > 9007199254740992.0', true],
    ['10000000000000000000000 == 1e22', true],
    ['True == 1.0', true],
    ['None == None', true],
    ['None != None', false],
    ["'0.1' == datapoint['vol']['qty']", false],
    // containers compare item by item, lists with lists only
    ['[1, 2] == [1.0, 2]', true],
    ['(1, 2) == [1, 2]', false],
    ["[1, 'a'] < [2, 'b']", true],
    ['(1, 2) < (1, 2, 3)', true],
    ["{'a': [1]} == {'a': [1.0]}", true],
    ['{1: 2} == {1.0: 2.0}', true],
    // str order is by code point (JavaScript's < on UTF-16 would put U+1F600 below U+FFFF)
    ["'\\U0001F600' > '\\uffff'", true],
    ["'é' > 'e'", true],
    ["datapoint['groupby']['week_of_the_year'] < '02'", true],
  ])('%s is %s', (text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it.each([
    ['1 < 2 < 3', true],
    ['3 > 2 > 1 > 0', true],
    ['1 < 3 < 2', false],
    ['1 < 2 == 2.0 != 3', true],
    ["datapoint.get('vol').get('qty') >= 0.1 >= datapoint.get('rating').get('price')", false],
    ["0 <= datapoint['vol']['qty'] < 1", true],
    // a chain stops at its first false link: what follows is never evaluated
    ["2 < 1 < 'a'", false],
    ["1 > 2 > datapoint['nope']", false],
  ])('chained: %s is %s', (text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it.each([
    ["'vol' in datapoint", true],
    ["'qty' in datapoint", false],
    ["'small' in datapoint['metadata']['flavor_name']", true],
    ["'' in 'abc'", true],
    ["datapoint['metadata']['flavor_name'] in ['m1.small', 'm1.tiny']", true],
    ["datapoint['metadata']['flavor_name'] not in ('m1.small',)", false],
    ["datapoint['vol']['qty'] in (0.1,)", false],
    ["datapoint['vol']['qty'] in {0.1: 'x'}", false],
    ["datapoint['rating']['price'] in {0: 'x'}", true],
    ['True in {1: 0}', true],
    ['[] in [[]]', true],
    ['1.0 in [True]', true],
  ])('in: %s is %s', (text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it.each([
    ['0', false],
    ['0.0', false],
    ['-0.0', false],
    ['1e-400', false],
    ["datapoint['rating']['price']", false],
    ["datapoint['vol']['qty']", true],
    ["''", false],
    ["' '", true],
    ['None', false],
    ['False', false],
    ['{}', false],
    ['[]', false],
    ['()', false],
    ['[0]', true],
    ["{'a': 0}", true],
    ["datapoint['metadata']['empty']", false],
    ['datapoint', true],
  ])('truthiness: %s is %s', (text, expected) => {
    expect(run(text)).toBe(expected);
    expect(run(`not ${text}`)).toBe(!expected);
  });

  it.each([
    // `and`/`or` give the operand that decides, not a bool
    ["(0 or 'x') == 'x'", true],
    ["('' and 1) == ''", true],
    ['(None or 0) == 0', true],
    ['(None or 0) == None', false],
    ['(1 and [2]) == [2]', true],
    ["(datapoint.get('x') or 'default') == 'default'", true],
    ["(datapoint['metadata'].get('empty') or None) == None", true],
    // short-circuit: the missing key is never looked up
    ["1 == 1 or datapoint['nope']", true],
    ["1 == 2 and datapoint['nope']", false],
  ])('and/or: %s is %s', (text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it.each([
    ["datapoint.get('vol', {}).get('qty', 0) == 0", false],
    ["datapoint.get('nope', {}).get('qty', 0) == 0", true],
    ["datapoint.get('nope') == None", true],
    ["datapoint['groupby'].get(1, 5) == 5", true],
    ["{1: 'a', 1.0: 'b'}[True] == 'b'", true],
    ["{(1, 2): 'x'}[(1, 2)] == 'x'", true],
    ["{(1, 2): 'x'}[1, 2] == 'x'", true],
    ["{1e22: 'x'}[10000000000000000000000] == 'x'", true],
    ["{0.1: 'x'}.get(datapoint['vol']['qty']) == None", true],
    ["{(1, 0.5): 'x'}[(True, 0.5)] == 'x'", true],
    ['{None: 1, 0: 2}[False] == 2', true],
    ['[1, 2][-1] == 2', true],
    ['[1, 2][True] == 2', true],
    ["'abc'[1] == 'b'", true],
    ["'\\U0001F600a'[1] == 'a'", true],
  ])('.get and subscripts: %s is %s', (text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it.each([
    ['-True == -1', true],
    ['+True == 1', true],
    ['- - 1 == 1', true],
    ["-datapoint['vol']['qty'] < 0", true],
    ["+datapoint['vol']['qty'] == datapoint['vol']['qty']", true],
    ['-1e400 < -9007199254740993', true],
  ])('unary signs: %s is %s', (text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it.each([
    // the exact value of the float 0.1, and one digit more
    ['0.1000000000000000055511151231257827021181583404541015625', '== 0.1', true],
    ['0.1000000000000000055511151231257827021181583404541015626', '> 0.1', true],
    ['9007199254740993', '> 9007199254740992.0', true],
    ['9007199254740993', '== 9007199254740993', true],
    ['1e+400', '> 1.7976931348623157e308', true],
    ['1e+400', '< 1e400', true],
    ['2.5e-324', '< 5e-324', true],
    ['1e-400', '> 0', true],
    ['-0', '== 0.0', true],
  ])('Decimal(%s) %s is %s', (qty, comparison, expected) => {
    expect(run(`datapoint['vol']['qty'] ${comparison}`, new DataPoint({ unit: 'u', qty }))).toBe(expected);
  });

  it('rounds a Decimal to 28 digits under unary - and +, as Python’s default context', () => {
    const point = new DataPoint({ unit: 'u', qty: '1.0000000000000000000000000000001' });
    expect(run("-datapoint['vol']['qty'] == -1", point)).toBe(true);
    expect(run("+datapoint['vol']['qty'] == 1", point)).toBe(true);
    expect(run("datapoint['vol']['qty'] == 1", point)).toBe(false);
  });
});

describe('errors: what Python raises fails the evaluation', () => {
  it.each([
    ["datapoint['groupby']['nope']", 'KeyError: "nope"'],
    [
      "datapoint['vol']['qty'] < 'a'",
      "TypeError: '<' not supported between instances of 'decimal.Decimal' and 'str'",
    ],
    ['None < 1', "TypeError: '<' not supported between instances of 'NoneType' and 'int'"],
    [
      "datapoint['groupby']['week_of_the_year'] < 2",
      "TypeError: '<' not supported between instances of 'str' and 'int'",
    ],
    ['[1] < (1,)', "TypeError: '<' not supported between instances of 'list' and 'tuple'"],
    ['{} <= {}', "TypeError: '<=' not supported between instances of 'dict' and 'dict'"],
    ["[1, 'a'] < [1, 2]", "TypeError: '<' not supported between instances of 'str' and 'int'"],
    ['datapoint.get([])', "TypeError: unhashable type: 'list'"],
    ['{[]: 1}', "TypeError: unhashable type: 'list'"],
    ['{} in {}', "TypeError: unhashable type: 'dict'"],
    ['1 in 5', "TypeError: argument of type 'int' is not iterable"],
    ["1 in 'a'", "TypeError: 'in <string>' requires string as left operand, not int"],
    ["'a'.get('x')", "AttributeError: 'str' object has no attribute 'get'"],
    ["datapoint['vol']['qty'].get('x')", "AttributeError: 'decimal.Decimal' object has no attribute 'get'"],
    ["-'a'", "TypeError: bad operand type for unary -: 'str'"],
    ['+None', "TypeError: bad operand type for unary +: 'NoneType'"],
    ['[1, 2][2]', 'IndexError: list index out of range'],
    ["'abc'['a']", "TypeError: string indices must be integers, not 'str'"],
    ['(1, 2)[1.0]', 'TypeError: tuple indices must be integers or slices, not float'],
    ['None[0]', "TypeError: 'NoneType' object is not subscriptable"],
  ])('%s raises %s', (text, reason) => {
    expect(() => run(text)).toThrow(
      expect.objectContaining({ name: 'SkipExpressionEvaluationError', reason }),
    );
  });

  it('names the expression, the rating type and the column of the operation', () => {
    const expression = parseSkipExpression("datapoint['groupby']['flavor'] == 'x'");
    let error: unknown;
    try {
      evaluateSkipExpression(expression, POINT, { ratingType: 'instance' });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(SkipExpressionEvaluationError);
    expect(error).toMatchObject({
      expression: "datapoint['groupby']['flavor'] == 'x'",
      ratingType: 'instance',
      reason: 'KeyError: "flavor"',
      position: 21,
    });
    expect((error as Error).message).toBe(
      'skip_datapoints_expression "datapoint[\'groupby\'][\'flavor\'] == \'x\'" of rating type "instance" failed at column 21: KeyError: "flavor"',
    );
  });
});
