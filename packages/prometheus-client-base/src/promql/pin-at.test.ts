import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PrometheusQueryOptionsError } from '../errors/prometheus-query-options-error.js';
import { PromqlSyntaxError } from '../errors/promql-syntax-error.js';
import { evaluationInstant, pinQueryAt } from './pin-at.js';
import { parsePromql } from './promql-tree.js';

const T = 1767229200;

describe('pinQueryAt', () => {
  it.each([
    // selectors
    ['foo', 'foo @ 1767229200'],
    ['foo{a="b", c=~"d|e"}', 'foo{a="b", c=~"d|e"} @ 1767229200'],
    ['{__name__="foo"}', '{__name__="foo"} @ 1767229200'],
    ['sum', 'sum @ 1767229200'], // a metric named like a keyword
    // ranges
    ['foo[5m]', 'foo[5m] @ 1767229200'],
    ['rate(foo{a="b"}[3600s])', 'rate(foo{a="b"}[3600s] @ 1767229200)'],
    // offsets: `@` after `offset`, valid in either order
    ['foo offset 5m', 'foo offset 5m @ 1767229200'],
    ['foo[5m] offset 1h', 'foo[5m] offset 1h @ 1767229200'],
    ['foo offset -5m', 'foo offset -5m @ 1767229200'],
    // an existing `@` is kept; start()/end() are the instant of an instant query
    ['foo @ 100', 'foo @ 100'],
    ['foo @ 100 offset 5m', 'foo @ 100 offset 5m'],
    ['foo offset 5m @ 100', 'foo offset 5m @ 100'],
    ['foo[5m] @ 100', 'foo[5m] @ 100'],
    ['foo @ start()', 'foo @ 1767229200'],
    ['rate(foo[5m] @ end())', 'rate(foo[5m] @ 1767229200)'],
    // subqueries: pinned as a whole, their inside stays relative to their steps
    ['max_over_time(rate(x[1m])[1h:5m])', 'max_over_time(rate(x[1m])[1h:5m] @ 1767229200)'],
    ['max_over_time(x[1h:])', 'max_over_time(x[1h:] @ 1767229200)'],
    [
      'max_over_time((rate(x[1m]))[1h:5m] offset 1m)',
      'max_over_time((rate(x[1m]))[1h:5m] offset 1m @ 1767229200)',
    ],
    ['max_over_time((time() - x)[1h:1m])', 'max_over_time((time() - x)[1h:1m] @ 1767229200)'],
    ['x[5m:1m] @ 10', 'x[5m:1m] @ 10'],
    ['max_over_time(x[5m:1m] @ start())', 'max_over_time(x[5m:1m] @ 1767229200)'],
    // functions and the evaluation time
    ['time() - timestamp(foo)', '1767229200 - timestamp(foo @ 1767229200)'],
    ['hour()', 'hour(vector(1767229200))'],
    ['days_in_month( )', 'days_in_month(vector(1767229200))'],
    ['hour(foo)', 'hour(foo @ 1767229200)'],
    ['vector(1)', 'vector(1)'],
    ['absent(nothing{a="b"})', 'absent(nothing{a="b"} @ 1767229200)'],
    [
      'label_replace(sum(x) by (a), "b", "$1", "a", "(.*)")',
      'label_replace(sum(x @ 1767229200) by (a), "b", "$1", "a", "(.*)")',
    ],
    ['histogram_quantile(0.9, rate(h[5m]))', 'histogram_quantile(0.9, rate(h[5m] @ 1767229200))'],
    // binary operators and aggregations
    ['1 + 2', '1 + 2'],
    ['-foo', '-foo @ 1767229200'],
    ['sum by (a) (x) > bool 2', 'sum by (a) (x @ 1767229200) > bool 2'],
    [
      'sum(a) by (b) * on (b) group_left() c',
      'sum(a @ 1767229200) by (b) * on (b) group_left() c @ 1767229200',
    ],
    ['a or on() vector(0)', 'a @ 1767229200 or on() vector(0)'],
    ['topk(3, x) without (b)', 'topk(3, x @ 1767229200) without (b)'],
    ['(a + b) / c', '(a @ 1767229200 + b @ 1767229200) / c @ 1767229200'],
    ['foo # a comment\n+ bar', 'foo @ 1767229200 # a comment\n+ bar @ 1767229200'],
  ])('pins %j', (query, pinned) => {
    expect(pinQueryAt(query, T)).toBe(pinned);
  });

  it('writes the instant with millisecond digits, from a Date, seconds or an RFC 3339 string', () => {
    expect(pinQueryAt('foo', new Date('2026-01-01T01:00:00.250Z'))).toBe('foo @ 1767229200.25');
    expect(pinQueryAt('foo', '1767229200.5')).toBe('foo @ 1767229200.5');
    expect(pinQueryAt('foo', '2026-01-01T01:00:00Z')).toBe('foo @ 1767229200');
  });

  it('refuses a query the grammar cannot read, saying where', () => {
    const error = (() => {
      try {
        pinQueryAt('sum(foo{a="b"', T);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PromqlSyntaxError);
    expect(error).toMatchObject({ query: 'sum(foo{a="b"', line: 1 });
    expect(() => pinQueryAt('', T)).toThrow(PromqlSyntaxError);
  });

  it('refuses a time it cannot read', () => {
    expect(() => pinQueryAt('foo', 'yesterday')).toThrow(PrometheusQueryOptionsError);
    expect(() => pinQueryAt('foo', Number.NaN)).toThrow(/time/);
  });

  it('keeps a pinned query pinned: pinning twice changes nothing', () => {
    const queries = fc.constantFrom(
      'foo',
      'rate(foo[5m] offset 1h)',
      'max_over_time(x[1h:5m])',
      'sum(a) by (b) * on (b) group_left() c',
      'time() - hour()',
    );
    fc.assert(
      fc.property(queries, fc.integer({ min: 0, max: 4_000_000_000 }), (query, seconds) => {
        const once = pinQueryAt(query, seconds);
        expect(pinQueryAt(once, seconds + 1)).toBe(once);
        expect(() => parsePromql(once)).not.toThrow();
      }),
    );
  });
});

describe('evaluationInstant', () => {
  it.each([
    [new Date('2026-01-01T01:00:00Z'), T],
    [T, T],
    [T + 0.1234, T + 0.123],
    [String(T), T],
    ['2026-01-01T01:00:00.5Z', T + 0.5],
    ['2026-01-01T02:00:00+01:00', T],
  ])('reads %j', (time, seconds) => {
    expect(evaluationInstant(time)).toBe(seconds);
  });
});
