import { type CollectorLogger, type DataPointJSON, NoDataCollected } from '@kitty-collect/collector-base';
import { PROJECTS } from '@kitty-collect/test-stack';
import { expect, it } from 'vitest';
import type { PrometheusCollectorBase } from '../prometheus/prometheus-collector-base.js';
import { scopeQuery } from './collector-query.js';

export interface RecordedWarning {
  details: Record<string, unknown>;
  message: string;
}

export interface MatrixCollector {
  collector: PrometheusCollectorBase;
  warnings: RecordedWarning[];
}

/** A logger that keeps what it is told, for assertions. */
export function recordingLogger(): { logger: CollectorLogger; warnings: RecordedWarning[] } {
  const warnings: RecordedWarning[] = [];
  return { logger: { warn: (details, message) => warnings.push({ details, message }) }, warnings };
}

export const { alpha, beta, gappy, quirky } = PROJECTS;
export const start = new Date('2026-01-04T01:00:00Z');
export const end = new Date('2026-01-04T02:00:00Z');
const calendar = { week_of_the_year: '01', day_of_the_year: '4', month: '1', year: '2026' };

export const byGroupby = (a: DataPointJSON, b: DataPointJSON) =>
  JSON.stringify(a.groupby).localeCompare(JSON.stringify(b.groupby));

/**
 * The metrics.yml of every case of the matrix, so that other suites (batched collection) run exactly the
 * same rating types: a text, or a function of the case's parameter.
 */
export const MATRIX_CONFS = {
  perResource: `
  metrics:
    ceilometer_cpu:
      unit: second
      factor: 1e-9
      groupby: [resource_id, flavor_name]
      metadata: [flavor_id]
      description: CPU time
  `,
  scopeOnly: 'metrics: {ceilometer_cpu: {unit: ns}}',
  aggregationMethod: (method: string) =>
    `metrics: {linear_gauge: {unit: u, extra_args: {aggregation_method: ${method}}}}`,
  rangeFunction: (fn: string) =>
    `metrics: {ceilometer_cpu: {unit: ns, groupby: [resource_id], extra_args: {range_function: ${fn}}}}`,
  queryFunction: (fn: string) =>
    `metrics: {linear_gauge: {unit: u, extra_args: {aggregation_method: avg, query_function: ${fn}}}}`,
  prefixSuffix: `metrics: {linear_gauge: {unit: u, extra_args: {query_prefix: "2 *", query_suffix: "+ 1"}}}`,
  prefixAggregates: `metrics: {linear_gauge: {unit: u, extra_args: {query_prefix: "sum(", query_suffix: ")"}}}`,
  imageSizes: `
  metrics:
    ceilometer_image_size:
      - unit: GiB
        factor: 1/1073741824
        alt_name: image_gib
        groupby: [resource_id]
        metadata: [container_format]
      - unit: MiB
        factor: 1/1048576
        offset: 0.5
        alt_name: image_mib
  `,
  tinyValues: 'metrics: {tiny_values: {unit: u, groupby: [sample]}}',
  tinyValuesConverted: 'metrics: {tiny_values: {unit: u, groupby: [sample], factor: 1/3, offset: 1/3}}',
  tinyValuesTwoRoundings:
    'metrics: {tiny_values: {unit: u, groupby: [sample], factor: -0.40000000196, offset: 0.0000000002}}',
  numbool: (mutate: string) =>
    `metrics: {openstack_instance_status: {unit: instance, groupby: [resource_id], mutate: ${mutate}}}`,
  mutateMap: `
  metrics:
    openstack_instance_status:
      unit: instance
      groupby: [resource_id]
      factor: 2
      mutate: MAP
      mutate_map: {2: 10, '8.0': 0.5, 1: 99}
  `,
  floorCeil: (mutate: string) =>
    `metrics: {openstack_instance_status: {unit: i, groupby: [resource_id], factor: 1/3, offset: 1.5, mutate: ${mutate}}}`,
  missingLabels: `
  metrics:
    http_requests_total:
      unit: request
      groupby: [foo, bar]
      metadata: [code, instance]
      extra_args: {aggregation_method: avg}
  `,
  altName: 'metrics: {ceilometer_cpu: [{unit: ns, alt_name: cpu_ns}]}',
  nonFinite: 'metrics: {nonfinite_gauge: {unit: u, groupby: [series]}}',
} as const;

const AGGREGATION_CASES = [
  ['max', '120'],
  ['min', '60'],
  ['avg', '90'],
  ['sum', '5490'],
  ['count', '1'],
  ['stddev', '0'],
  ['stdvar', '0'],
] as const;
const RANGE_FUNCTION_CASES = [
  ['rate', ['500000000', '2000000000']],
  ['irate', ['500000000', '2000000000']],
  ['deriv', ['500000000', '2000000000']],
  ['delta', ['1800000000000', '7200000000000']],
  ['idelta', ['30000000000', '120000000000']],
  ['changes', ['60', '60']],
] as const;
const QUERY_FUNCTION_CASES = [
  ['abs', '90'],
  ['sqrt', '9.48683298'],
  ['ln', '4.49980967'],
  ['log2', '6.4918531'],
  ['log10', '1.95424251'],
  ['exp', '1.22040329e+39'],
  ['round', '90'],
] as const;
const HALF_INTEGER_CASES = [
  ['ceil', '120'],
  ['floor', '119'],
  ['round', '120'],
] as const;
const NUMBOOL_CASES = [
  ['NUMBOOL', { 'vm-a1': '1', 'vm-a2': '1', 'vm-b1': '0' }],
  ['NOTNUMBOOL', { 'vm-a1': '0', 'vm-a2': '0', 'vm-b1': '1' }],
] as const;
const FLOOR_CEIL_CASES = [
  ['FLOOR', ['1', '2'], ['1']],
  ['CEIL', ['2', '3'], ['2']],
] as const;

/** Every distinct metrics.yml of the matrix, named after its case. */
export function matrixMetricsYamls(): { name: string; yaml: string }[] {
  const c = MATRIX_CONFS;
  const cases: [string, string][] = [
    ['per resource', c.perResource],
    ['scope key only', c.scopeOnly],
    ...AGGREGATION_CASES.map(([m]): [string, string] => [`aggregation ${m}`, c.aggregationMethod(m)]),
    ...RANGE_FUNCTION_CASES.map(([fn]): [string, string] => [`range function ${fn}`, c.rangeFunction(fn)]),
    ...[...QUERY_FUNCTION_CASES, ...HALF_INTEGER_CASES].map(([fn]): [string, string] => [
      `query function ${fn}`,
      c.queryFunction(fn),
    ]),
    ['prefix and suffix', c.prefixSuffix],
    ['prefix aggregating the scope away', c.prefixAggregates],
    ['alt_name rating types and fraction factors', c.imageSizes],
    ['tiny values', c.tinyValues],
    ['tiny values with factor and offset', c.tinyValuesConverted],
    ['tiny values rounded twice', c.tinyValuesTwoRoundings],
    ...NUMBOOL_CASES.map(([m]): [string, string] => [`mutator ${m}`, c.numbool(m)]),
    ['mutator MAP', c.mutateMap],
    ...FLOOR_CEIL_CASES.map(([m]): [string, string] => [`mutator ${m}`, c.floorCeil(m)]),
    ['missing labels', c.missingLabels],
    ['alt_name', c.altName],
    ['non-finite samples', c.nonFinite],
  ];
  const seen = new Set<string>();
  return cases
    .filter(([, yaml]) => !seen.has(yaml) && seen.add(yaml))
    .map(([name, yaml]) => ({ name, yaml }));
}

/**
 * Every behaviour of the collectors that speak PromQL, on the test-stack's default dataset, with exact
 * queries and points: the Prometheus and the Aetos collector must both pass it unchanged.
 */
export function defineRatingMatrix(make: (yamlText: string) => MatrixCollector): void {
  async function points(yamlText: string, key: string, scopeId: string, from = start, to = end) {
    const { collector } = make(yamlText);
    return (await collector.fetchAll(key, from, to, scopeId)).map((point) => point.toJSON()).sort(byGroupby);
  }

  async function qtys(yamlText: string, key: string, scopeId: string = alpha, from = start, to = end) {
    return (await points(yamlText, key, scopeId, from, to)).map((point) => point.vol.qty);
  }

  it('collects per resource with groupby, metadata, factor and the calendar keys', async () => {
    const { collector } = make(MATRIX_CONFS.perResource);
    expect(scopeQuery(collector, 'ceilometer_cpu', start, end, alpha)).toBe(
      `max(max_over_time(ceilometer_cpu{project_id="${alpha}"}[3600s])) by (resource_id, flavor_name, project_id, flavor_id)`,
    );
    const result = await collector.fetchAll('ceilometer_cpu', start, end, alpha);
    expect(result.map((point) => point.description)).toEqual(['CPU time', 'CPU time']);
    expect(result.map((point) => point.toJSON()).sort(byGroupby)).toEqual([
      {
        vol: { unit: 'second', qty: '3600' },
        rating: { price: '0' },
        groupby: { project_id: alpha, resource_id: 'vm-a1', flavor_name: 'm1.small', ...calendar },
        metadata: { flavor_id: '1' },
      },
      {
        vol: { unit: 'second', qty: '14400' },
        rating: { price: '0' },
        groupby: { project_id: alpha, resource_id: 'vm-a2', flavor_name: 'm1.large', ...calendar },
        metadata: { flavor_id: '4' },
      },
    ]);
  });

  it('aggregates per scope when groupby holds only the scope key', async () => {
    expect(await points(MATRIX_CONFS.scopeOnly, 'ceilometer_cpu', beta)).toEqual([
      {
        vol: { unit: 'ns', qty: '7200000000000' },
        rating: { price: '0' },
        groupby: { project_id: beta, ...calendar },
        metadata: {},
      },
    ]);
  });

  it.each(AGGREGATION_CASES)(
    'aggregation method %s over both ends of the range',
    async (method, expected) => {
      expect(await qtys(MATRIX_CONFS.aggregationMethod(method), 'linear_gauge')).toEqual([expected]);
    },
  );

  it.each(RANGE_FUNCTION_CASES)('range function %s', async (fn, expected) => {
    expect(await qtys(MATRIX_CONFS.rangeFunction(fn), 'ceilometer_cpu')).toEqual(expected);
  });

  it.each(QUERY_FUNCTION_CASES)('query function %s on avg_over_time', async (fn, expected) => {
    expect(await qtys(MATRIX_CONFS.queryFunction(fn), 'linear_gauge')).toEqual([expected]);
  });

  it.each(HALF_INTEGER_CASES)(
    'query function %s on a half-integer average (a 90 s period)',
    async (fn, expected) => {
      const yaml = MATRIX_CONFS.queryFunction(fn);
      expect(await qtys(yaml, 'linear_gauge', alpha, new Date('2026-01-04T01:58:30Z'), end)).toEqual([
        expected,
      ]);
    },
  );

  it('applies query_prefix and query_suffix', async () => {
    const yaml = MATRIX_CONFS.prefixSuffix;
    const { collector } = make(yaml);
    expect(scopeQuery(collector, 'linear_gauge', start, end, alpha)).toBe(
      `2 * max(max_over_time(linear_gauge{project_id="${alpha}"}[3600s])) by (project_id) + 1`,
    );
    expect(await qtys(yaml, 'linear_gauge')).toEqual(['241']);
  });

  it('gives the scope key the label value, or "" when a prefix aggregates it away (as CloudKitty)', async () => {
    expect(await points(MATRIX_CONFS.prefixAggregates, 'linear_gauge', alpha)).toEqual([
      {
        vol: { unit: 'u', qty: '120' },
        rating: { price: '0' },
        groupby: { project_id: '', ...calendar },
        metadata: {},
      },
    ]);
  });

  it('converts 2^50 bytes to exactly 1048576 GiB with a fraction factor, per alt_name rating type', async () => {
    const { collector } = make(MATRIX_CONFS.imageSizes);
    expect(Object.keys(collector.conf)).toEqual([
      'ceilometer_image_size@#image_gib',
      'ceilometer_image_size@#image_mib',
    ]);
    const gib = await collector.retrieve('ceilometer_image_size@#image_gib', start, end, alpha);
    expect(gib.name).toBe('image_gib');
    expect(gib.points.map((point) => point.toJSON())).toEqual([
      {
        vol: { unit: 'GiB', qty: '1048576' },
        rating: { price: '0' },
        groupby: { project_id: alpha, resource_id: 'img-a1', ...calendar },
        metadata: { container_format: 'bare' },
      },
    ]);
    const mib = await collector.retrieve('ceilometer_image_size@#image_mib', start, end, beta);
    expect(mib.name).toBe('image_mib');
    expect(mib.points.map((point) => point.toJSON().vol)).toEqual([{ unit: 'MiB', qty: '1024.5' }]);
  });

  it('rounds raw samples to 9 significant digits, half-up', async () => {
    const result = await points(MATRIX_CONFS.tinyValues, 'tiny_values', alpha);
    expect(Object.fromEntries(result.map((point) => [point.groupby.sample, point.vol.qty]))).toEqual({
      a: '0.00001',
      b: '1e-7',
      c: '1e+21',
      d: '1.23456789',
      e: '123456790',
      f: '-2.5',
      g: '42',
    });
  });

  it('rounds the product again after the factor', async () => {
    const result = await points(MATRIX_CONFS.tinyValuesConverted, 'tiny_values', alpha);
    expect(Object.fromEntries(result.map((point) => [point.groupby.sample, point.vol.qty]))).toEqual({
      a: '0.333336667',
      b: '0.333333367',
      c: '333333333000000000000',
      d: '0.744855963',
      e: '41152263.6',
      f: '-0.5',
      g: '14.3333333',
    });
  });

  it('rounds the product before adding the offset: two roundings, not one', async () => {
    // -2.5 × -0.40000000196 = 1.0000000049 → 1.00000000; + 0.0000000002 → 1.0000000002 → 1
    // (rounding once, at the end, would give 1.0000000051 → 1.00000001)
    const result = await points(MATRIX_CONFS.tinyValuesTwoRoundings, 'tiny_values', alpha);
    expect(result.find((point) => point.groupby.sample === 'f')?.vol.qty).toBe('1');
  });

  it.each(NUMBOOL_CASES)('mutator %s', async (mutate, expected) => {
    const yaml = MATRIX_CONFS.numbool(mutate);
    const all = [
      ...(await points(yaml, 'openstack_instance_status', alpha)),
      ...(await points(yaml, 'openstack_instance_status', beta)),
    ];
    expect(Object.fromEntries(all.map((point) => [point.groupby.resource_id, point.vol.qty]))).toEqual(
      expected,
    );
  });

  it('mutator MAP after conversion, keys matched numerically, absent keys give 0', async () => {
    const yaml = MATRIX_CONFS.mutateMap;
    expect(await qtys(yaml, 'openstack_instance_status', alpha)).toEqual(['10', '0.5']);
    expect(await qtys(yaml, 'openstack_instance_status', beta)).toEqual(['0']);
  });

  it.each(FLOOR_CEIL_CASES)(
    'mutator %s gives integers after conversion',
    async (mutate, alphaExpected, betaExpected) => {
      // factor 1/3 and offset 1.5: vm-a1 1 → 1.83333333, vm-a2 4 → 2.83333333, vm-b1 0 → 1.5
      const yaml = MATRIX_CONFS.floorCeil(mutate);
      expect(await qtys(yaml, 'openstack_instance_status', alpha)).toEqual(alphaExpected);
      expect(await qtys(yaml, 'openstack_instance_status', beta)).toEqual(betaExpected);
    },
  );

  it('fills missing labels with "" and keeps awkward label values intact', async () => {
    expect(await points(MATRIX_CONFS.missingLabels, 'http_requests_total', alpha)).toEqual(
      [
        {
          vol: { unit: 'request', qty: '900' },
          rating: { price: '0' },
          groupby: { project_id: alpha, foo: 'say "hi"', bar: 'back\\slash, ünïcødé', ...calendar },
          metadata: { code: '200', instance: 'web-1:9100' },
        },
        {
          vol: { unit: 'request', qty: '90' },
          rating: { price: '0' },
          groupby: { project_id: alpha, foo: '', bar: '', ...calendar },
          metadata: { code: '500', instance: 'web-1:9100' },
        },
      ].sort(byGroupby),
    );
  });

  it('escapes a scope id with a quote and a backslash, and finds its series', async () => {
    expect(await points(MATRIX_CONFS.scopeOnly, 'ceilometer_cpu', quirky)).toEqual([
      {
        vol: { unit: 'ns', qty: '720000000000' },
        rating: { price: '0' },
        groupby: { project_id: quirky, ...calendar },
        metadata: {},
      },
    ]);
  });

  it('returns [] for an empty result and retrieve raises NoDataCollected with the display name', async () => {
    const { collector } = make(MATRIX_CONFS.altName);
    const gapStart = new Date('2026-01-04T08:00:00Z');
    const gapEnd = new Date('2026-01-04T09:00:00Z');
    expect(await collector.fetchAll('ceilometer_cpu@#cpu_ns', gapStart, gapEnd, gappy)).toEqual([]);
    const failure = collector.retrieve('ceilometer_cpu@#cpu_ns', gapStart, gapEnd, gappy);
    await expect(failure).rejects.toBeInstanceOf(NoDataCollected);
    await expect(failure).rejects.toThrow(
      `collector '${collector.collectorName}' returned no data for resource 'cpu_ns' for scope '${gappy}'`,
    );
    expect(
      (
        await collector.fetchAll(
          'ceilometer_cpu@#cpu_ns',
          new Date('2026-01-04T05:00:00Z'),
          new Date('2026-01-04T06:00:00Z'),
          gappy,
        )
      ).map((point) => point.toJSON().vol.qty),
    ).toEqual(['21600000000000']);
  });

  it('skips NaN and infinite samples with a warning naming the series', async () => {
    const { collector, warnings } = make(MATRIX_CONFS.nonFinite);
    const result = await collector.fetchAll('nonfinite_gauge', start, end, alpha);
    expect(result.map((point) => [point.groupby.series, point.toJSON().vol.qty])).toEqual([['ok', '5']]);
    expect(warnings.map((warning) => warning.message).sort()).toEqual(
      [
        `Skipping non-finite sample +Inf of series nonfinite_gauge{project_id="${alpha}", series="pinf"}`,
        `Skipping non-finite sample -Inf of series nonfinite_gauge{project_id="${alpha}", series="ninf"}`,
        `Skipping non-finite sample NaN of series nonfinite_gauge{project_id="${alpha}", series="nan"}`,
      ].sort(),
    );
    expect(warnings[0]?.details).toMatchObject({
      collector: collector.collectorName,
      metricKey: 'nonfinite_gauge',
      scopeId: alpha,
    });
  });
}
