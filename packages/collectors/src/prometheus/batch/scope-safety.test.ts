import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crossScopeReason } from './scope-safety.js';

const reason = (query_prefix: string, query_suffix = '', scopeKey = 'project_id') =>
  crossScopeReason({ query_prefix, query_suffix }, scopeKey);

describe('crossScopeReason: batches what keeps scopes apart', () => {
  it.each([
    ['', ''],
    // arithmetic and comparisons with scalars
    ['2 *', '+ 1'],
    ['', '* 1000'],
    ['', '> 0'],
    ['', '> bool 0'],
    ['', '/ 1024 / 1024'],
    ['-', ''],
    ['(', ') * (3600 / 1000000000)'],
    ['', '* scalar(max(other))'], // a scalar of the other operand: the same for every scope
    ['', '- time()'],
    // functions that work series by series
    ['abs(', ')'],
    ['round(', ', 0.01)'],
    ['clamp_min(', ', 0)'],
    ['ceil(', ')'],
    ['sort_desc(', ')'],
    ['max_over_time((', ')[1h:5m])'],
    ['timestamp(', ')'],
    ['histogram_quantile(0.9, ', ')'],
    // label_replace / label_join writing another label
    ['label_replace(', ', "flavor", "$1", "flavor_name", "(.*)")'],
    ['label_replace(', ', "flavor_family", "$1", "flavor_name", "([^.]+)\\\\..*")'],
    ['label_join(', ", 'where', '/', 'region', 'zone')"],
    ['label_replace(', ', `flavor`, "$1", "flavor_name", "(.*)")'],
    // joins
    ['', '* on (domain) group_left() libvirt_domain_vcpu_maximum'],
    ['', '* on (flavor_name) group_left flavor_vcpus'],
    ['', '* on (resource_id) group_left (flavor_name) count by (resource_id, flavor_name) (ceilometer_cpu)'],
    ['info_metric * on (domain) group_right (instance) ', ''],
    ['', '+ on (project_id, resource_id) other'],
    ['', '+ ignoring (resource_id) other'],
    ['', '/ other'],
    ['', 'and on(project_id, resource_id) up'],
    ['', 'unless on(resource_id) decommissioned'],
    ['', 'and up'],
    // aggregations that keep the scope key
    ['sum by (project_id) (', ')'],
    ['sum(', ') by (project_id, flavor_name)'],
    ['max without (resource_id) (', ')'],
    ['topk by (project_id) (3, ', ')'],
    ['count_values by (project_id) ("value", ', ')'],
    ['quantile by (project_id) (0.9, ', ')'],
    // names that only look like operators
    ['', '* on(resource_id) group_left() job:sum:rate5m'],
    ['', '+ 0 * max_over_time(other[1h])'],
    ['', '# or absent(x)'],
  ])('batches prefix %j suffix %j', (prefix, suffix) => {
    expect(reason(prefix, suffix)).toBeUndefined();
  });

  it('decides by the scope key in use', () => {
    expect(reason('sum by (tenant) (', ')', 'tenant')).toBeUndefined();
    expect(reason('sum by (tenant) (', ')')).toBe(
      "query_prefix uses 'sum', which aggregates series of every scope together (group by the scope key 'project_id' to keep them apart)",
    );
    expect(reason('label_replace(', ', "flavor", "$1", "f", "(.*)")', 'flavor')).toBe(
      "query_prefix uses 'label_replace', which rewrites the scope label 'flavor'",
    );
  });
});

describe('crossScopeReason: collects per scope what could mix scopes', () => {
  it.each([
    [
      'topk(3,',
      ')',
      "query_prefix uses 'topk', which aggregates series of every scope together (group by the scope key 'project_id' to keep them apart)",
    ],
    [
      'BOTTOMK(1,',
      ')',
      "query_prefix uses 'BOTTOMK', which aggregates series of every scope together (group by the scope key 'project_id' to keep them apart)",
    ],
    [
      'sum(',
      ')',
      "query_prefix uses 'sum', which aggregates series of every scope together (group by the scope key 'project_id' to keep them apart)",
    ],
    [
      'sum by (resource_id) (',
      ')',
      "query_prefix uses 'sum', which aggregates series of every scope together (group by the scope key 'project_id' to keep them apart)",
    ],
    [
      'max without (project_id) (',
      ')',
      "query_prefix uses 'max', which aggregates series of every scope together (group by the scope key 'project_id' to keep them apart)",
    ],
    [
      'count_values by (project_id) ("project_id", ',
      ')',
      "query_prefix uses 'count_values', which writes its values into the scope label 'project_id'",
    ],
    [
      'absent(',
      ')',
      "query_prefix uses 'absent', which answers for the query as a whole, not for each scope",
    ],
    ['scalar(', ')', "query_prefix uses 'scalar', which turns every scope's series into one number"],
    [
      'label_replace(',
      ', "project_id", "x", "", "")',
      "query_prefix uses 'label_replace', which rewrites the scope label 'project_id'",
    ],
    [
      'label_join(',
      ', "project_id", ",", "a", "b")',
      "query_prefix uses 'label_join', which rewrites the scope label 'project_id'",
    ],
    [
      '',
      'or vector(0)',
      "query_suffix uses 'or', which adds the other operand's series, which no scope matcher filtered",
    ],
    [
      'other and ',
      '',
      "query_prefix uses 'and', which keeps the other operand's series, which no scope matcher filtered",
    ],
    [
      '',
      '* on(resource_id) group_left(project_id) owner',
      "query_suffix uses 'group_left', which copies the scope label 'project_id' from the other operand",
    ],
    [
      'owner * on(resource_id) group_left ',
      '',
      'query_prefix uses \'group_left\', which puts the query on the "one" side of the match, where series of several scopes collide',
    ],
    [
      '',
      '* on(resource_id) other',
      "query_suffix uses '*', which matches one to one without the scope label 'project_id', so series of several scopes meet",
    ],
    [
      '',
      '* ignoring(project_id) other',
      "query_suffix uses '*', which matches one to one without the scope label 'project_id', so series of several scopes meet",
    ],
    [
      '',
      '/ scalar(sum(total)) or 1',
      "query_suffix uses 'or', which adds the other operand's series, which no scope matcher filtered",
    ],
    ['info(', ')', "query_prefix uses 'info', which is not known to keep scopes apart"],
    ['sum(', '', 'query_prefix and query_suffix do not form valid PromQL around the query'],
  ])('collects per scope for prefix %j suffix %j', (prefix, suffix, why) => {
    expect(reason(prefix, suffix)).toBe(why);
  });

  it('never throws, whatever the prefix and suffix', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (prefix, suffix) => {
        const answer = reason(prefix, suffix);
        expect(answer === undefined || typeof answer === 'string').toBe(true);
      }),
    );
  });

  it('batches a random chain of scope-keeping constructs', () => {
    const safe = fc.constantFrom(
      ['abs(', ')'],
      ['(', ') * 2'],
      ['label_replace(', ', "x", "$1", "y", "(.*)")'],
      ['sum by (project_id, x) (', ')'],
      ['(', ') * on (x) group_left () info'],
      ['(', ') unless other'],
    );
    fc.assert(
      fc.property(fc.array(safe, { maxLength: 6 }), (layers) => {
        const prefix = layers
          .map(([open]) => open)
          .reverse()
          .join('');
        const suffix = layers.map(([, close]) => close).join('');
        expect(reason(prefix, suffix)).toBeUndefined();
      }),
    );
  });
});
