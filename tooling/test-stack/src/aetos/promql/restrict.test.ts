import { describe, expect, test } from 'vitest';
import { lexPromQL } from './lexer.js';
import { promqlString, restrictQueryToProject } from './restrict.js';

const restrict = (query: string) => restrictQueryToProject(query, 'project_id', 'p1');
const M = 'project_id="p1"';

describe('restrictQueryToProject', () => {
  test.each([
    ['ceilometer_cpu', `ceilometer_cpu{${M}}`],
    ['ceilometer_cpu{}', `ceilometer_cpu{${M}}`],
    ['ceilometer_cpu{flavor_id="1"}', `ceilometer_cpu{flavor_id="1", ${M}}`],
    ['ceilometer_cpu{flavor_id="1",}', `ceilometer_cpu{flavor_id="1", ${M}}`],
    ['ceilometer_cpu {flavor_id="1"}', `ceilometer_cpu {flavor_id="1", ${M}}`],
    ['{__name__="ceilometer_cpu"}', `{__name__="ceilometer_cpu", ${M}}`],
    [
      '{__name__=~"ceilometer_.+", project_id="other"}',
      `{__name__=~"ceilometer_.+", project_id="other", ${M}}`,
    ],
    ['ceilometer:cpu:rate5m', `ceilometer:cpu:rate5m{${M}}`],
    ['rate(ceilometer_cpu[5m])', `rate(ceilometer_cpu{${M}}[5m])`],
    ['rate (ceilometer_cpu [5m])', `rate (ceilometer_cpu{${M}} [5m])`],
    ['ceilometer_cpu offset 5m', `ceilometer_cpu{${M}} offset 5m`],
    ['ceilometer_cpu offset -5m @ 1767488400', `ceilometer_cpu{${M}} offset -5m @ 1767488400`],
    ['ceilometer_cpu[1h] @ start()', `ceilometer_cpu{${M}}[1h] @ start()`],
    ['max_over_time(ceilometer_cpu[1h:5m])', `max_over_time(ceilometer_cpu{${M}}[1h:5m])`],
    ['(a + b)[1h:5m]', `(a{${M}} + b{${M}})[1h:5m]`],
    [
      'sum(ceilometer_cpu) by (project_id, flavor_id)',
      `sum(ceilometer_cpu{${M}}) by (project_id, flavor_id)`,
    ],
    ['sum by (project_id) (ceilometer_cpu)', `sum by (project_id) (ceilometer_cpu{${M}})`],
    ['SUM WITHOUT (resource_id) (x)', `SUM WITHOUT (resource_id) (x{${M}})`],
    ['topk(3, x)', `topk(3, x{${M}})`],
    ['count_values("value", x)', `count_values("value", x{${M}})`],
    ['quantile(0.9, x)', `quantile(0.9, x{${M}})`],
    ['label_replace(x, "dst", "$1", "src", "(.*)")', `label_replace(x{${M}}, "dst", "$1", "src", "(.*)")`],
    ['a / on(project_id) group_left(flavor_id) b', `a{${M}} / on(project_id) group_left(flavor_id) b{${M}}`],
    ['a / ignoring (x) group_right b', `a{${M}} / ignoring (x) group_right b{${M}}`],
    ['a > bool 1', `a{${M}} > bool 1`],
    ['a and b or c unless d', `a{${M}} and b{${M}} or c{${M}} unless d{${M}}`],
    ['a atan2 b', `a{${M}} atan2 b{${M}}`],
    ['-a', `-a{${M}}`],
    ['1 + 2 * inf - NaN', '1 + 2 * inf - NaN'],
    ['0x1F + 1e-3 + .5', '0x1F + 1e-3 + .5'],
    ['time() - vector(1)', 'time() - vector(1)'],
    ['"a{b}"', '"a{b}"'],
    [
      'x # comment with {braces} and "quotes"\n + y',
      `x{${M}} # comment with {braces} and "quotes"\n + y{${M}}`,
    ],
    ['x{a="}", b=\'{\', c=`\\`}', `x{a="}", b='{', c=\`\\\`, ${M}}`],
    ['x{a="say \\"hi\\""}', `x{a="say \\"hi\\"", ${M}}`],
    // keywords are metric names where an expression is expected
    ['sum', `sum{${M}}`],
    ['by', `by{${M}}`],
    ['offset', `offset{${M}}`],
    ['and', `and{${M}}`],
    ['x and by', `x{${M}} and by{${M}}`],
    ['information + nan_metric', `information{${M}} + nan_metric{${M}}`],
    ['', ''],
  ])('%j', (query, expected) => {
    expect(restrict(query)).toBe(expected);
  });

  test('queries that are not valid PromQL are still restricted everywhere', () => {
    expect(restrict('sum(rate(x[1d]')).toBe(`sum(rate(x{${M}}[1d]`);
    expect(restrict('x{a="b"')).toBe(`x{a="b", ${M}}`);
    expect(restrict('x{a="unterminated')).toBe(`x{a="unterminated${', '}${M}}`);
  });

  test('the project id is a PromQL string literal', () => {
    expect(restrictQueryToProject('x', 'project', 'quirky"proj\\id')).toBe(
      'x{project="quirky\\"proj\\\\id"}',
    );
    expect(promqlString('a\nb')).toBe('"a\\nb"');
  });

  test('rejects a label name Prometheus would not accept', () => {
    expect(() => restrictQueryToProject('x', 'project-id', 'p')).toThrow(/not a label name/);
  });
});

describe('lexPromQL', () => {
  test('subquery colon, durations and exponents', () => {
    expect(lexPromQL('x[1h:5m] offset 1h30m + 1e-3').map((t) => `${t.kind}:${t.text}`)).toEqual([
      'identifier:x',
      'left-bracket:[',
      'number:1h',
      'operator::',
      'number:5m',
      'right-bracket:]',
      'identifier:offset',
      'number:1h30m',
      'operator:+',
      'number:1e-3',
    ]);
  });
});
