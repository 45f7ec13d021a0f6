import { CollectError, type DataPoint } from '@kitty-collect/collector-base';
import { describe, expect, it } from 'vitest';
import type { BatchedFetchOptions } from '../prometheus/batch/batched-fetch-options.js';
import type { PrometheusCollectorBase } from '../prometheus/prometheus-collector-base.js';
import { batchQuery, scopeQuery } from './collector-query.js';
import {
  alpha,
  beta,
  end,
  gappy,
  MATRIX_CONFS,
  matrixMetricsYamls,
  quirky,
  type RecordedWarning,
  start,
} from './rating-matrix.js';

export interface BatchMatrixCollector {
  collector: PrometheusCollectorBase;
  warnings: RecordedWarning[];
  /** Every query the collector sent, in order (see recordQueries). */
  queries: string[];
}

/** A scope without a single series in the dataset. */
export const nodata = '0ddba11c0ffee0000000000000000000';
/** The dataset's scopes, and one with no data at all. */
export const BATCH_SCOPES: readonly string[] = [alpha, beta, gappy, quirky, nodata];

const at = (time: string) => new Date(`2026-01-04T${time}Z`);
/** Periods with every kind of answer: full, a half-integer average, around and inside gappy's gap, none. */
export const BATCH_PERIODS: readonly { name: string; start: Date; end: Date }[] = [
  { name: '01:00–02:00', start, end },
  { name: 'a 90 s period', start: at('01:58:30'), end },
  { name: "gappy's last hour before its gap", start: at('05:00:00'), end: at('06:00:00') },
  { name: "gappy's gap", start: at('08:00:00'), end: at('09:00:00') },
  { name: 'the whole day', start: at('00:00:00'), end: new Date('2026-01-05T00:00:00Z') },
  {
    name: 'a day before the dataset',
    start: new Date('2026-01-03T00:00:00Z'),
    end: new Date('2026-01-03T01:00:00Z'),
  },
];

const json = (points: readonly DataPoint[]) => points.map((point) => point.toJSON());
const byText = (a: RecordedWarning, b: RecordedWarning) =>
  `${a.message}${a.details.scopeId}`.localeCompare(`${b.message}${b.details.scopeId}`);

/** `fetchAll` for each scope, as `fetchAllBatched` answers: one entry per scope, in order. */
async function perScope(
  made: BatchMatrixCollector,
  key: string,
  from: Date,
  to: Date,
  scopes = BATCH_SCOPES,
) {
  const entries: [string, unknown][] = [];
  for (const scopeId of scopes)
    entries.push([scopeId, json(await made.collector.fetchAll(key, from, to, scopeId))]);
  return entries;
}

async function batched(
  made: BatchMatrixCollector,
  key: string,
  from: Date,
  to: Date,
  scopes = BATCH_SCOPES,
  options: BatchedFetchOptions = {},
) {
  const result = await made.collector.fetchAllBatched(key, from, to, scopes, options);
  return [...result].map(([scopeId, points]): [string, unknown] => [scopeId, json(points)]);
}

/**
 * Rating types whose `query_prefix`/`query_suffix` the parse tree accepts for batching, one per construct
 * (see crossScopeReason), over the default dataset: each must batch, give some points, and give exactly
 * the per-scope points.
 */
export const SCOPE_SAFE_CASES: readonly { name: string; yaml: string }[] = [
  [
    'label_replace writing another label',
    'ceilometer_cpu',
    '[resource_id, flavor_name]',
    '[flavor]',
    'label_replace(',
    ', "flavor", "$1", "flavor_name", "m1\\\\.(.*)")',
  ],
  [
    'label_join writing another label',
    'ceilometer_cpu',
    '[resource_id, flavor_name]',
    '[where]',
    'label_join(',
    ', "where", "/", "flavor_name", "resource_id")',
  ],
  [
    'group_left() against an info metric without the scope label (many scopes, one series)',
    'ceilometer_cpu',
    '[resource_id, flavor_name]',
    '[]',
    '',
    '* on (flavor_name) group_left() flavor_vcpus',
  ],
  [
    'group_left(label) copying another label',
    'openstack_instance_status',
    '[resource_id]',
    '[flavor_name]',
    '',
    '* on (resource_id) group_left (flavor_name) count by (resource_id, flavor_name) (ceilometer_cpu)',
  ],
  [
    'group_right with the query on the many side',
    'ceilometer_cpu',
    '[resource_id, flavor_name]',
    '[]',
    'flavor_vcpus * on (flavor_name) group_right',
    '',
  ],
  [
    'one-to-one on a signature with the scope key',
    'ceilometer_cpu',
    '[resource_id]',
    '[]',
    '',
    '+ on (project_id, resource_id) openstack_instance_status',
  ],
  ['one-to-one on every label', 'ceilometer_cpu', '[resource_id]', '[]', '', '* openstack_instance_status'],
  [
    'one-to-one ignoring another label',
    'ceilometer_cpu',
    '[resource_id, flavor_name]',
    '[]',
    '',
    '* ignoring (flavor_name) openstack_instance_status',
  ],
  [
    'unless filter',
    'ceilometer_cpu',
    '[resource_id]',
    '[]',
    '',
    'unless on (resource_id) openstack_instance_status == 0',
  ],
  [
    'and filter',
    'ceilometer_cpu',
    '[resource_id]',
    '[]',
    '',
    'and on (resource_id) openstack_instance_status > 0',
  ],
  [
    'aggregation by the scope key',
    'ceilometer_cpu',
    '[resource_id, flavor_name]',
    '[]',
    'sum by (project_id, flavor_name) (',
    ')',
  ],
  [
    'aggregation without another label',
    'ceilometer_cpu',
    '[resource_id, flavor_name]',
    '[]',
    'max without (resource_id) (',
    ')',
  ],
  ['topk by the scope key', 'ceilometer_cpu', '[resource_id]', '[]', 'topk by (project_id) (1, ', ')'],
  [
    'count_values by the scope key',
    'openstack_instance_status',
    '[resource_id]',
    '[status]',
    'count_values by (project_id) ("status", ',
    ')',
  ],
  [
    'scalar arithmetic and comparison',
    'ceilometer_cpu',
    '[resource_id]',
    '[]',
    '(',
    ') * (3600 / 1000000000) > 1000',
  ],
  [
    'scalar of an operand without the scope label',
    'ceilometer_cpu',
    '[resource_id]',
    '[]',
    '',
    '/ scalar(max(flavor_vcpus))',
  ],
  [
    'series-wise functions and a subquery',
    'linear_gauge',
    '[resource_id]',
    '[]',
    'round(clamp_max(max_over_time((',
    ')[30m:10m]), 50), 0.5)',
  ],
].map(([name, metric, groupby, metadata, prefix, suffix]) => ({
  name: name as string,
  yaml: `metrics: {${metric}: {unit: u, groupby: ${groupby}, metadata: ${metadata}, extra_args: {query_prefix: ${JSON.stringify(prefix)}, query_suffix: ${JSON.stringify(suffix)}}}}`,
}));

/**
 * Batched collection gives exactly what per-scope collection gives — the same points in the same order,
 * the same warnings — for every rating type of the rating matrix, every scope of the dataset (and one
 * without data) and several periods, in one query per rating type and period unless it must fall back.
 */
export function defineBatchEqualityMatrix(make: (yamlText: string) => BatchMatrixCollector): void {
  describe.each(matrixMetricsYamls())('rating matrix case: $name', ({ yaml }) => {
    it('gives every scope the points and warnings of fetchAll, in one query per rating type and period', async () => {
      const made = make(yaml);
      const { collector, warnings, queries } = made;
      for (const key of Object.keys(collector.conf)) {
        const fallsBack = collector.batchFallbackReason(key) !== undefined;
        for (const period of BATCH_PERIODS) {
          warnings.length = 0;
          queries.length = 0;
          const expected = await perScope(made, key, period.start, period.end);
          const expectedWarnings = warnings.splice(0).sort(byText);
          expect(queries.splice(0)).toHaveLength(BATCH_SCOPES.length);

          expect(await batched(made, key, period.start, period.end), `${key}, ${period.name}`).toEqual(
            expected,
          );
          expect(warnings.sort(byText)).toEqual(expectedWarnings);
          expect(queries.splice(0)).toEqual(
            fallsBack
              ? BATCH_SCOPES.map((scopeId) => scopeQuery(collector, key, period.start, period.end, scopeId))
              : [batchQuery(collector, key, period.start, period.end)],
          );

          // The same, asking Prometheus for these scopes only (a set matcher, as the service's chunks do).
          warnings.length = 0;
          const matched = await batched(made, key, period.start, period.end, BATCH_SCOPES, {
            matchScopes: true,
          });
          expect(matched, `${key}, ${period.name}, matchScopes`).toEqual(expected);
          expect(warnings.sort(byText)).toEqual(expectedWarnings);
          expect(queries).toEqual(
            fallsBack
              ? BATCH_SCOPES.map((scopeId) => scopeQuery(collector, key, period.start, period.end, scopeId))
              : [batchQuery(collector, key, period.start, period.end, BATCH_SCOPES)],
          );
        }
      }
    });
  });

  describe.each(SCOPE_SAFE_CASES)('construct accepted by the parse tree: $name', ({ yaml }) => {
    it('batches it, with exactly the per-scope points', async () => {
      const made = make(yaml);
      const [key] = Object.keys(made.collector.conf) as [string];
      expect(made.collector.batchFallbackReason(key)).toBeUndefined();
      let points = 0;
      for (const period of BATCH_PERIODS) {
        made.warnings.length = 0;
        const expected = await perScope(made, key, period.start, period.end);
        const expectedWarnings = made.warnings.splice(0).sort(byText);
        points += expected.reduce((sum, [, scoped]) => sum + (scoped as unknown[]).length, 0);
        made.queries.length = 0;
        expect(await batched(made, key, period.start, period.end), period.name).toEqual(expected);
        expect(made.queries).toEqual([batchQuery(made.collector, key, period.start, period.end)]);
        expect(made.warnings.sort(byText)).toEqual(expectedWarnings);
      }
      expect(points).toBeGreaterThan(0);
    });
  });

  it('sends the per-scope query without its scope matcher', () => {
    const { collector } = make(MATRIX_CONFS.perResource);
    expect(batchQuery(collector, 'ceilometer_cpu', start, end)).toBe(
      'max(max_over_time(ceilometer_cpu[3600s])) by (resource_id, flavor_name, project_id, flavor_id)',
    );
    expect(batchQuery(make(MATRIX_CONFS.prefixSuffix).collector, 'linear_gauge', start, end)).toBe(
      '2 * max(max_over_time(linear_gauge[3600s])) by (project_id) + 1',
    );
  });

  it('falls back to per-scope queries for a prefix that aggregates across scopes, with the same points', async () => {
    const made = make(MATRIX_CONFS.prefixAggregates);
    expect(made.collector.batchFallbackReason('linear_gauge')).toBe(
      "query_prefix uses 'sum', which aggregates series of every scope together (group by the scope key 'project_id' to keep them apart)",
    );
    const expected = await perScope(made, 'linear_gauge', start, end);
    made.queries.length = 0;
    const tasks: string[] = [];
    const limiter = {
      run<T>(task: () => Promise<T>): Promise<T> {
        tasks.push('query');
        return task();
      },
    };
    const result = await made.collector.fetchAllBatched('linear_gauge', start, end, BATCH_SCOPES, {
      limiter,
    });
    expect([...result].map(([scopeId, points]) => [scopeId, json(points)])).toEqual(expected);
    expect(made.queries).toHaveLength(BATCH_SCOPES.length);
    expect(tasks).toHaveLength(BATCH_SCOPES.length); // every query ran through the caller's limiter
  });

  it('collects a topk prefix per scope: each scope keeps its own top series (one query would rank all scopes)', async () => {
    const made = make(
      'metrics: {ceilometer_cpu: {unit: ns, groupby: [resource_id], extra_args: {query_prefix: "topk(1,", query_suffix: ")"}}}',
    );
    const expected = await perScope(made, 'ceilometer_cpu', start, end);
    expect(expected.map(([, points]) => (points as unknown[]).length)).toEqual([1, 1, 1, 1, 0]);
    expect(await batched(made, 'ceilometer_cpu', start, end)).toEqual(expected);
  });

  it('falls back when a wrapped answer lacks the scope label, with the same points', async () => {
    // vector(scalar(…)) has no labels: per scope, the scope's one series; batched, NaN for five series.
    // The parse tree refuses scalar(…) already; the check on the answer stays as the last guard.
    const made = make(
      'metrics: {linear_gauge: {unit: u, extra_args: {query_prefix: "vector(scalar(", query_suffix: "))"}}}',
    );
    expect(made.collector.batchFallbackReason('linear_gauge')).toBe(
      "query_prefix uses 'scalar', which turns every scope's series into one number",
    );
    made.collector.batchFallbackReason = () => undefined; // as if the tree analysis had let it through
    const expected = await perScope(made, 'linear_gauge', start, end);
    expect(expected.slice(0, 2).map(([, points]) => points)).toEqual([
      [expect.objectContaining({ vol: { unit: 'u', qty: '120' } })],
      [expect.objectContaining({ vol: { unit: 'u', qty: '240' } })],
    ]);
    made.queries.length = 0;
    expect(await batched(made, 'linear_gauge', start, end)).toEqual(expected);
    expect(made.queries).toEqual([
      batchQuery(made.collector, 'linear_gauge', start, end),
      ...BATCH_SCOPES.map((scopeId) => scopeQuery(made.collector, 'linear_gauge', start, end, scopeId)),
    ]);
  });

  it('falls back when the answer is not an instant vector, and then fails as per-scope collection does', async () => {
    const made = make(
      'metrics: {linear_gauge: {unit: u, extra_args: {query_prefix: "scalar(", query_suffix: ")"}}}',
    );
    made.collector.batchFallbackReason = () => undefined; // the parse tree refuses scalar(…) already
    const failure = made.collector.fetchAllBatched('linear_gauge', start, end, BATCH_SCOPES);
    await expect(failure).rejects.toBeInstanceOf(CollectError);
    await expect(failure).rejects.toThrow('expected an instant vector from the query, got a scalar');
    expect(made.queries[0]).toBe(batchQuery(made.collector, 'linear_gauge', start, end));
    expect(made.queries.slice(1)).toContain(scopeQuery(made.collector, 'linear_gauge', start, end, alpha));
  });

  it('reports a failed batch query as a CollectError naming the rating type, "batched" and the query', async () => {
    // valid grammar, which Prometheus refuses by type: a string is no operand
    const made = make(`metrics: {linear_gauge: {unit: u, extra_args: {query_suffix: '+ "a"'}}}`);
    const query = batchQuery(made.collector, 'linear_gauge', start, end);
    const failure = made.collector.fetchAllBatched('linear_gauge', start, end, BATCH_SCOPES);
    await expect(failure).rejects.toBeInstanceOf(CollectError);
    await expect(failure).rejects.toThrow(
      /binary expression must contain only scalar and instant vector types/,
    );
    await expect(failure).rejects.toThrow(
      `(HTTP 400, batched query of 'linear_gauge' for 5 scopes, '${query}' at `,
    );
    await expect(failure).rejects.toMatchObject({ metricKey: 'linear_gauge', scopeId: undefined, query });
    expect(made.queries).toEqual([query]); // an error is not a reason to fall back
  });

  it('fails for every scope when one scope makes the batch query fail (per scope, only that scope fails)', async () => {
    // only alpha has tiny_values, and two cpu series: the one-to-one match fails for alpha only
    const made = make(
      'metrics: {tiny_values: {unit: i, extra_args: {query_suffix: "+ on(project_id) ceilometer_cpu"}}}',
    );
    await expect(made.collector.fetchAll('tiny_values', start, end, alpha)).rejects.toThrow(
      /duplicate series/,
    );
    expect(await made.collector.fetchAll('tiny_values', start, end, beta)).toEqual([]);
    await expect(made.collector.fetchAllBatched('tiny_values', start, end, [beta, gappy])).rejects.toThrow(
      /duplicate series.*\(HTTP 422, batched query of 'tiny_values' for 2 scopes/,
    );
  });

  it('asks for the requested scopes only with matchScopes, each id matched literally', async () => {
    const made = make(MATRIX_CONFS.perResource);
    const scopes = [quirky, beta, nodata];
    const expected = await perScope(made, 'ceilometer_cpu', start, end, scopes);
    expect(expected[0]?.[1]).toEqual(expect.arrayContaining([expect.anything()]));
    made.queries.length = 0;
    expect(await batched(made, 'ceilometer_cpu', start, end, scopes, { matchScopes: true })).toEqual(
      expected,
    );
    expect(made.queries).toEqual([
      String.raw`max(max_over_time(ceilometer_cpu{project_id=~"quirky\"proj\\\\id|${beta}|${nodata}"}[3600s])) by (resource_id, flavor_name, project_id, flavor_id)`,
    ]);
  });

  it('ignores the series of scopes not asked for, and gives each requested scope an entry', async () => {
    const made = make(MATRIX_CONFS.perResource);
    const expected = await perScope(made, 'ceilometer_cpu', start, end, [beta, nodata]);
    expect(await batched(made, 'ceilometer_cpu', start, end, [beta, nodata])).toEqual(expected);
    expect(expected[0]?.[1]).toHaveLength(1);
  });

  it('sends nothing for no scope, the per-scope query for one, and collects a repeated scope once', async () => {
    const made = make(MATRIX_CONFS.scopeOnly);
    expect(await made.collector.fetchAllBatched('ceilometer_cpu', start, end, [])).toEqual(new Map());
    expect(made.queries).toEqual([]);
    expect(await batched(made, 'ceilometer_cpu', start, end, [beta])).toEqual(
      await perScope(made, 'ceilometer_cpu', start, end, [beta]),
    );
    expect(made.queries).toEqual(
      Array(2).fill(scopeQuery(made.collector, 'ceilometer_cpu', start, end, beta)),
    );
    made.queries.length = 0;
    expect([
      ...(await made.collector.fetchAllBatched('ceilometer_cpu', start, end, [beta, alpha, beta])).keys(),
    ]).toEqual([beta, alpha]);
    expect(made.queries).toHaveLength(1);
  });
}
