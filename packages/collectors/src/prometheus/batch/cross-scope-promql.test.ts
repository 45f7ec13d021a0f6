import { describe, expect, it } from 'vitest';
import { crossScopeReason } from './cross-scope-promql.js';

const reason = (query_prefix: string, query_suffix = '') => crossScopeReason({ query_prefix, query_suffix });

describe('crossScopeReason', () => {
  it.each([
    ['', ''],
    ['2 *', '+ 1'],
    ['', '* 1000'],
    ['', '> 0'],
    ['', '/ 1024 / 1024'],
    ['abs(', ')'],
    ['round(', ', 0.01)'],
    ['clamp_min(', ', 0)'],
    ['', 'and on(project_id, resource_id) up'],
    ['', 'unless on(resource_id) decommissioned'],
    ['sort_desc(', ')'],
    ['', '* on(resource_id) job:sum:rate5m'], // `sum` inside a metric name is not the operator
    ['', '+ 0 * max_over_time(other[1h])'], // nor inside a function name
  ])('batches prefix %j suffix %j', (prefix, suffix) => {
    expect(reason(prefix, suffix)).toBeUndefined();
  });

  it.each([
    ['topk(3,', ')', "query_prefix uses 'topk', which ranks or samples series across every scope at once"],
    [
      'BOTTOMK(1,',
      ')',
      "query_prefix uses 'BOTTOMK', which ranks or samples series across every scope at once",
    ],
    [
      'limitk(2,',
      ')',
      "query_prefix uses 'limitk', which ranks or samples series across every scope at once",
    ],
    [
      'sum(',
      ')',
      "query_prefix uses 'sum', which aggregates series, across scopes unless grouped by the scope key",
    ],
    [
      'sum by (project_id) (',
      ')',
      "query_prefix uses 'sum', which aggregates series, across scopes unless grouped by the scope key",
    ],
    [
      'count(',
      ')',
      "query_prefix uses 'count', which aggregates series, across scopes unless grouped by the scope key",
    ],
    [
      'quantile(0.9,',
      ')',
      "query_prefix uses 'quantile', which aggregates series, across scopes unless grouped by the scope key",
    ],
    [
      'absent(',
      ')',
      "query_prefix uses 'absent', which answers for the query as a whole, not for each scope",
    ],
    [
      'label_replace(',
      ', "project_id", "x", "", "")',
      "query_prefix uses 'label_replace', which can rewrite the scope label",
    ],
    [
      '',
      'or vector(0)',
      "query_suffix uses 'or', which adds the other operand's series, which no scope matcher filtered",
    ],
    [
      '',
      '* on(resource_id) group_left(project_id) owner',
      "query_suffix uses 'group_left', which can copy labels, the scope key too, from the other operand",
    ],
    [
      '',
      '/ scalar(sum(total))',
      "query_suffix uses 'sum', which aggregates series, across scopes unless grouped by the scope key",
    ],
  ])('collects per scope for prefix %j suffix %j', (prefix, suffix, why) => {
    expect(reason(prefix, suffix)).toBe(why);
  });
});
