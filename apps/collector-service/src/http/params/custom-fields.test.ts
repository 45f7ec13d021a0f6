import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SummaryField } from '../../storage/summary-query.js';
import { InvalidCustomFieldsError } from '../errors/invalid-custom-fields-error.js';
import { DEFAULT_CUSTOM_FIELDS, parseCustomFields } from './custom-fields.js';

/** The message of what parseCustomFields throws, or a marker when it does not. */
function refusal(text: string): string {
  try {
    parseCustomFields(text);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidCustomFieldsError);
    return (error as InvalidCustomFieldsError).message;
  }
}

describe('parseCustomFields', () => {
  it("reads CloudKitty's default", () => {
    expect(parseCustomFields(DEFAULT_CUSTOM_FIELDS)).toEqual([
      { fn: 'SUM', column: 'qty', alias: 'qty' },
      { fn: 'SUM', column: 'price', alias: 'rate' },
    ]);
  });

  it('takes any case for functions and AS, spaces anywhere between tokens', () => {
    expect(parseCustomFields(' count ( price )as n,Avg(qty)   AS   mean_1 ,mIn(qty) AS Least')).toEqual([
      { fn: 'COUNT', column: 'price', alias: 'n' },
      { fn: 'AVG', column: 'qty', alias: 'mean_1' },
      { fn: 'MIN', column: 'qty', alias: 'Least' },
    ]);
  });

  it('names a field without alias as InfluxDB does: function in lower case, then _1, _2 on conflicts', () => {
    const names = (text: string) => parseCustomFields(text).map((field) => field.alias);
    expect(names('SUM(qty)')).toEqual(['sum']);
    expect(names('SUM(qty), SUM(price), max(qty)')).toEqual(['sum', 'sum_1', 'max']);
    // Aliases take their names first; generated names step over them.
    expect(names('SUM(qty), SUM(price) AS sum, SUM(qty), SUM(qty) AS sum_2')).toEqual([
      'sum_1',
      'sum',
      'sum_3',
      'sum_2',
    ]);
  });

  it.each([
    ['', 'empty field'],
    ['SUM(qty),', "empty field (expected FUNCTION(qty|price) [AS alias]) in ''"],
    ['*', "'*' (every column) is not supported in '*'"],
    ['SUM(*)', "unknown column '*'"],
    [
      'LAST(qty) AS qty',
      "unknown function 'LAST' (expected SUM, MIN, MAX, AVG, COUNT) in 'LAST(qty) AS qty'",
    ],
    ['mean(qty)', "unknown function 'mean'"],
    ['SUM(rate)', "unknown column 'rate' (expected qty or price) in 'SUM(rate)'"],
    ['SUM(QTY)', "unknown column 'QTY'"],
    ['SUM()', "unknown column ''"],
    ['SUM(SUM(qty))', "nested calls are not supported in 'SUM(SUM(qty))'"],
    ['SUM(qty, price)', "expected FUNCTION(qty|price) [AS alias] in 'SUM(qty'"],
    ['SUM(qty) qty', "expected AS alias after ')' in 'SUM(qty) qty'"],
    ['SUM(qty) AS', "expected AS alias after ')'"],
    ['SUM(qty) AS 1x', "invalid alias '1x'"],
    ['SUM(qty) AS "qty"', `invalid alias '"qty"'`],
    ['SUM(qty) AS a b', "invalid alias 'a b'"],
    ['SUM(qty) AS begin', "alias 'begin' is the name of a column"],
    ['SUM(qty) AS a, SUM(price) AS a', "alias 'a' given twice"],
    ['qty', "expected FUNCTION(qty|price) [AS alias] in 'qty'"],
    ['SUM(qty) AS qty; DROP TABLE points', "invalid alias 'qty; DROP TABLE points'"],
    ["SUM(qty) AS x FROM points WHERE '1'='1'", 'invalid alias'],
    ['SUM(qty)) AS x', 'nested calls are not supported'],
    ['SELECT SUM(qty)', "expected FUNCTION(qty|price) [AS alias] in 'SELECT SUM(qty)'"],
    ['SUM(qty) AS x -- ', "invalid alias 'x --'"],
    [`SUM(qty),${' '.repeat(1000)}`, 'longer than 1000 characters'],
    [Array.from({ length: 33 }, () => 'COUNT(qty)').join(','), 'more than 32 fields'],
  ])('refuses %j, naming custom_fields and the part', (text, expected) => {
    const message = refusal(text);
    expect(message).toMatch(/^Invalid parameter 'custom_fields': /);
    expect(message).toContain(expected);
  });

  it('throws nothing but InvalidCustomFieldsError, and answers only known functions, columns, identifiers', () => {
    const pieces = fc.constantFrom(
      'SUM',
      'avg',
      'qty',
      'price',
      '(',
      ')',
      ',',
      ' ',
      'AS',
      'as',
      'x',
      '*',
      '"',
      "'",
      ';',
      '1',
    );
    const text = fc.oneof(
      fc.string(),
      fc.array(pieces, { maxLength: 20 }).map((list) => list.join('')),
    );
    fc.assert(
      fc.property(text, (input) => {
        let fields: SummaryField[];
        try {
          fields = parseCustomFields(input);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidCustomFieldsError);
          expect((error as InvalidCustomFieldsError).parameters).toEqual(['custom_fields']);
          return;
        }
        for (const field of fields) {
          expect(['SUM', 'MIN', 'MAX', 'AVG', 'COUNT']).toContain(field.fn);
          expect(['qty', 'price']).toContain(field.column);
          expect(field.alias).toMatch(/^[A-Za-z_]\w*$/);
        }
        expect(new Set(fields.map((field) => field.alias)).size).toBe(fields.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips valid fields written with any case and spacing', () => {
    const space = fc.constantFrom('', ' ', '  ', '\t');
    const field = fc.record({
      fn: fc.constantFrom('SUM', 'MIN', 'MAX', 'AVG', 'COUNT') as fc.Arbitrary<SummaryField['fn']>,
      column: fc.constantFrom('qty', 'price') as fc.Arbitrary<SummaryField['column']>,
      alias: fc
        .stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/)
        .filter((alias) => !['begin', 'end'].includes(alias)),
      lower: fc.boolean(),
      spaces: fc.array(space, { minLength: 5, maxLength: 5 }),
    });
    const fields = fc.uniqueArray(field, { minLength: 1, maxLength: 8, selector: (entry) => entry.alias });
    fc.assert(
      fc.property(fields, (list) => {
        const text = list
          .map(({ fn, column, alias, lower, spaces: [a, b, c, d, e] }) => {
            const name = lower ? fn.toLowerCase() : fn;
            return `${a}${name}${b}(${c}${column}${d})${e} ${lower ? 'as' : 'AS'} ${alias}`;
          })
          .join(',');
        expect(parseCustomFields(text)).toEqual(list.map(({ fn, column, alias }) => ({ fn, column, alias })));
      }),
    );
  });
});
