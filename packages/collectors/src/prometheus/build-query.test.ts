import { validateMetricsConf } from '@kitty-collect/collector-base';
import { describe, expect, it } from 'vitest';
import { buildQuery } from './build-query.js';
import {
  AGGREGATION_METHODS,
  prometheusExtraArgsSchema,
  QUERY_FUNCTIONS,
  RANGE_FUNCTIONS,
} from './extra-args.js';
import { promqlString } from './promql-string.js';

const start = new Date('2026-01-04T01:00:00Z');
const end = new Date('2026-01-04T02:00:00Z');

function conf(metrics: Record<string, unknown>, scopeKey = 'project_id') {
  return validateMetricsConf({ metrics }, { scopeKey, extraArgs: prometheusExtraArgsSchema });
}

function query(ratingType: Record<string, unknown>, scopeId = 'f266', key = 'http_requests_total') {
  const c = conf({ [key.split('@#')[0] ?? key]: ratingType });
  const resolvedKey = Object.keys(c)[0] ?? key;
  const rt = c[resolvedKey];
  return buildQuery({
    conf: c,
    metricKey: resolvedKey,
    start,
    end,
    scopes: { key: 'project_id', id: scopeId },
    groupby: rt?.groupby,
    metadata: rt?.metadata,
  });
}

describe('buildQuery', () => {
  it('matches the CloudKitty example', () => {
    expect(
      query({
        unit: 'request',
        groupby: ['foo', 'bar'],
        metadata: ['code', 'instance'],
        extra_args: { aggregation_method: 'avg' },
      }),
    ).toBe(
      'avg(avg_over_time(http_requests_total{project_id="f266"}[3600s])) by (foo, bar, project_id, code, instance)',
    );
  });

  it('defaults to max', () => {
    expect(query({ unit: 'r' })).toBe(
      'max(max_over_time(http_requests_total{project_id="f266"}[3600s])) by (project_id)',
    );
  });

  it.each(AGGREGATION_METHODS)('aggregation method %s wraps the range and the instant vector', (method) => {
    expect(query({ unit: 'r', extra_args: { aggregation_method: method } })).toBe(
      `${method}(${method}_over_time(http_requests_total{project_id="f266"}[3600s])) by (project_id)`,
    );
  });

  it.each(RANGE_FUNCTIONS)('range function %s replaces <method>_over_time', (fn) => {
    expect(query({ unit: 'r', extra_args: { range_function: fn, aggregation_method: 'sum' } })).toBe(
      `sum(${fn}(http_requests_total{project_id="f266"}[3600s])) by (project_id)`,
    );
  });

  it.each(QUERY_FUNCTIONS)('query function %s wraps the range aggregation', (fn) => {
    expect(query({ unit: 'r', extra_args: { query_function: fn } })).toBe(
      `max(${fn}(max_over_time(http_requests_total{project_id="f266"}[3600s]))) by (project_id)`,
    );
  });

  it('applies range function, query function, prefix and suffix in CloudKitty order', () => {
    expect(
      query({
        unit: 'r',
        groupby: ['code'],
        metadata: ['instance'],
        extra_args: {
          aggregation_method: 'sum',
          range_function: 'rate',
          query_function: 'round',
          query_prefix: '100 *',
          query_suffix: '> 0',
        },
      }),
    ).toBe(
      '100 * sum(round(rate(http_requests_total{project_id="f266"}[3600s]))) by (code, project_id, instance) > 0',
    );
  });

  it('uses the metric name before @# for alt_name rating types', () => {
    const c = conf({ image_size: [{ unit: 'MiB', alt_name: 'image_mib' }] });
    expect(
      buildQuery({
        conf: c,
        metricKey: 'image_size@#image_mib',
        start,
        end,
        scopes: { key: 'project_id', id: 'p' },
      }),
    ).toBe('max(max_over_time(image_size{project_id="p"}[3600s])) by (project_id)');
  });

  it('uses the period in whole seconds and the configured scope key', () => {
    const c = conf({ cpu: { unit: 'i' } }, 'tenant_id');
    expect(
      buildQuery({
        conf: c,
        metricKey: 'cpu',
        start,
        end: new Date('2026-01-04T01:10:00.900Z'),
        scopes: { key: 'tenant_id', id: 't' },
      }),
    ).toBe('max(max_over_time(cpu{tenant_id="t"}[600s])) by (tenant_id)');
  });

  it('keeps duplicate groupby and metadata names as configured', () => {
    expect(query({ unit: 'r', groupby: ['a', 'a'], metadata: ['b', 'a'] })).toBe(
      'max(max_over_time(http_requests_total{project_id="f266"}[3600s])) by (a, a, project_id, b, a)',
    );
  });

  it('escapes the scope id as a PromQL string (CloudKitty does not)', () => {
    expect(query({ unit: 'r' }, 'quirky"proj\\id')).toBe(
      'max(max_over_time(http_requests_total{project_id="quirky\\"proj\\\\id"}[3600s])) by (project_id)',
    );
    expect(query({ unit: 'r' }, '"} or vector(1) #')).toContain('{project_id="\\"} or vector(1) #"}');
    expect(promqlString('line\nbreak\r')).toBe('"line\\nbreak\\r"');
  });
});

describe('buildQuery for several scopes or every scope', () => {
  const cases: Record<string, unknown>[] = [
    { unit: 'r' },
    {
      unit: 'r',
      groupby: ['foo', 'bar'],
      metadata: ['code', 'instance'],
      extra_args: { aggregation_method: 'avg' },
    },
    ...AGGREGATION_METHODS.map((method) => ({ unit: 'r', extra_args: { aggregation_method: method } })),
    ...RANGE_FUNCTIONS.map((fn) => ({ unit: 'r', groupby: ['code'], extra_args: { range_function: fn } })),
    ...QUERY_FUNCTIONS.map((fn) => ({ unit: 'r', extra_args: { query_function: fn, query_prefix: '2 *' } })),
    {
      unit: 'r',
      groupby: ['a', 'a'],
      metadata: ['b'],
      extra_args: {
        range_function: 'rate',
        query_function: 'round',
        query_prefix: 'sum(',
        query_suffix: ')',
      },
    },
  ];

  it.each(cases)('is the per-scope query without its scope matcher: %j', (ratingType) => {
    const c = conf({ http_requests_total: ratingType });
    const options = { conf: c, metricKey: 'http_requests_total', start, end };
    const perScope = buildQuery({ ...options, scopes: { key: 'project_id', id: 'f266' } });
    const batched = buildQuery({ ...options, scopes: 'all' });
    expect(batched).toBe(perScope.replace('{project_id="f266"}', ''));
    expect(batched).toMatch(/http_requests_total\[3600s\]/);
    expect(buildQuery({ ...options, scopes: { key: 'project_id', ids: ['f266', 'a.b'] } })).toBe(
      perScope.replace('{project_id="f266"}', '{project_id=~"f266|a\\\\.b"}'),
    );
  });

  it('keeps the scope key in by (...), so series stay per scope, and uses the metric name of an alt_name', () => {
    const c = conf({ cpu: [{ unit: 'i', alt_name: 'cores', groupby: ['resource_id'] }] }, 'tenant_id');
    expect(buildQuery({ conf: c, metricKey: 'cpu@#cores', start, end, scopes: 'all' })).toBe(
      'max(max_over_time(cpu[3600s])) by (resource_id, tenant_id)',
    );
  });
});

describe('buildQuery arguments', () => {
  it('names an unknown rating type', () => {
    expect(() =>
      buildQuery({ conf: conf({ cpu: { unit: 'i' } }), metricKey: 'ram', start, end, scopes: 'all' }),
    ).toThrow("Unknown rating type 'ram'");
  });
});

describe('Prometheus extra_args', () => {
  it('defaults and names the field at fault', () => {
    expect(conf({ cpu: { unit: 'i' } }).cpu?.extra_args).toEqual({
      aggregation_method: 'max',
      query_prefix: '',
      query_suffix: '',
    });
    expect(() => conf({ cpu: [{ unit: 'i', extra_args: { aggregation_method: 'median' } }] })).toThrow(
      'metrics.cpu[0].extra_args.aggregation_method: expected one of avg, count, max, min, stddev, stdvar, sum',
    );
    expect(() => conf({ cpu: { unit: 'i', extra_args: { range_function: 'increase' } } })).toThrow(
      'metrics.cpu.extra_args.range_function: expected one of changes, delta, deriv, idelta, irange, irate, rate',
    );
    expect(() => conf({ cpu: { unit: 'i', extra_args: { query_function: 'log' } } })).toThrow(
      'metrics.cpu.extra_args.query_function: expected one of abs, ceil, exp, floor, ln, log2, log10, round, sqrt',
    );
    expect(() => conf({ cpu: { unit: 'i', extra_args: { query_prefx: 'x' } } })).toThrow(
      'metrics.cpu.extra_args: unknown option "query_prefx"',
    );
  });
});
