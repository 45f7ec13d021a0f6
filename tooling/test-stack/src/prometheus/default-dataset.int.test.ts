import { describe, expect, inject, test } from 'vitest';
import { PROJECTS } from '../dataset/default-dataset.js';
import { byLabel, instantQuery } from '../testing/prometheus-query.js';

// Served by the package's own vitest globalSetup (src/vitest-setup.ts), exactly as other packages get it.
const api = inject('prometheusApiUrl');
const ALPHA = PROJECTS.alpha;
const AT_0100 = '2026-01-04T01:00:00Z';
const valuesOf = (results: { value: [number, string] }[]) => results.map((r) => r.value[1]);

describe('default dataset served by Prometheus', () => {
  test('ceilometer_cpu (a counter without _total) is queryable under exactly that name', async () => {
    const results = byLabel(
      await instantQuery(api, `ceilometer_cpu{project_id="${ALPHA}"}`, AT_0100),
      'resource_id',
    );
    expect(results.map((r) => r.metric)).toEqual([
      {
        __name__: 'ceilometer_cpu',
        project_id: ALPHA,
        resource_id: 'vm-a1',
        flavor_name: 'm1.small',
        flavor_id: '1',
      },
      {
        __name__: 'ceilometer_cpu',
        project_id: ALPHA,
        resource_id: 'vm-a2',
        flavor_name: 'm1.large',
        flavor_id: '4',
      },
    ]);
    // 01:00 is sample i = 60: 30e9·60 and 120e9·60.
    expect(valuesOf(results)).toEqual(['1800000000000', '7200000000000']);
    expect(results[0]?.value[0]).toBe(1767488400);
  });

  test('rate() of the cpu counter is ns per second', async () => {
    const results = byLabel(
      await instantQuery(api, `rate(ceilometer_cpu{project_id="${ALPHA}"}[10m])`, AT_0100),
      'resource_id',
    );
    // 5e8 and 2e9 ns/s, with float noise from the extrapolation: clients must not compare these as strings.
    expect(valuesOf(results)).toEqual(['500000000.00000006', '2000000000.0000002']);
  });

  test('range selectors include both ends in 2.42: 61 samples in [3600s]', async () => {
    const max = await instantQuery(api, `max_over_time(linear_gauge{project_id="${ALPHA}"}[3600s])`, AT_0100);
    const count = await instantQuery(
      api,
      `count_over_time(linear_gauge{project_id="${ALPHA}"}[3600s])`,
      AT_0100,
    );
    expect(valuesOf(max)).toEqual(['60']);
    expect(valuesOf(count)).toEqual(['61']);
  });

  test('the quirky project is matchable with an escaped PromQL string', async () => {
    const results = await instantQuery(api, 'ceilometer_cpu{project_id="quirky\\"proj\\\\id"}', AT_0100);
    expect(results).toHaveLength(1);
    expect(results[0]?.metric.project_id).toBe(PROJECTS.quirky);
    expect(valuesOf(results)).toEqual(['360000000000']);
  });

  test('the gappy project has no cpu samples between 06:00 and 12:00 (exclusive)', async () => {
    const query = `count_over_time(ceilometer_cpu{project_id="${PROJECTS.gappy}"}[3600s])`;
    expect(await instantQuery(api, query, '2026-01-04T09:00:00Z')).toEqual([]);
    expect(valuesOf(await instantQuery(api, query, '2026-01-04T06:00:00Z'))).toEqual(['61']);
    expect(valuesOf(await instantQuery(api, query, '2026-01-04T12:00:00Z'))).toEqual(['1']);
    // The 5-minute lookback still finds the 06:00 sample just after it, not later.
    const instant = `ceilometer_cpu{project_id="${PROJECTS.gappy}"}`;
    expect(valuesOf(await instantQuery(api, instant, '2026-01-04T06:04:00Z'))).toEqual(['21600000000000']);
    expect(await instantQuery(api, instant, '2026-01-04T06:06:00Z')).toEqual([]);
  });

  test('http_requests_total keeps quotes, backslashes and unicode in label values', async () => {
    const results = await instantQuery(
      api,
      'http_requests_total{foo="say \\"hi\\"",bar="back\\\\slash, ünïcødé"}',
      AT_0100,
    );
    expect(results).toEqual([
      {
        metric: {
          __name__: 'http_requests_total',
          project_id: ALPHA,
          code: '200',
          instance: 'web-1:9100',
          foo: 'say "hi"',
          bar: 'back\\slash, ünïcødé',
        },
        value: [1767488400, '600'],
      },
    ]);
    const code500 = await instantQuery(api, 'http_requests_total{code="500"}', AT_0100);
    expect(code500.map((r) => r.metric)).toEqual([
      { __name__: 'http_requests_total', project_id: ALPHA, code: '500', instance: 'web-1:9100' },
    ]);
  });

  test('gauges: image sizes, linear, status', async () => {
    const images = byLabel(await instantQuery(api, 'ceilometer_image_size', AT_0100), 'resource_id');
    expect(valuesOf(images)).toEqual(['1125899906842624', '1073741824']);
    const status = byLabel(await instantQuery(api, 'openstack_instance_status', AT_0100), 'resource_id');
    expect(status.map((r) => [r.metric.resource_id, r.value[1]])).toEqual([
      ['vm-a1', '1'],
      ['vm-a2', '4'],
      ['vm-b1', '0'],
    ]);
    const linear = byLabel(await instantQuery(api, 'linear_gauge', '2026-01-05T00:00:00Z'), 'resource_id');
    expect(valuesOf(linear)).toEqual(['1440', '2880']);
  });

  test('number formats Prometheus returns for tiny_values', async () => {
    const results = byLabel(await instantQuery(api, 'tiny_values', AT_0100), 'sample');
    expect(results.map((r) => [r.metric.sample, r.value[1]])).toEqual([
      ['a', '0.00001'],
      ['b', '1e-07'],
      ['c', '1e+21'],
      ['d', '1.23456789012'],
      ['e', '123456789.5'],
      ['f', '-2.5'],
      ['g', '42'],
    ]);
  });

  test('non-finite values come back as "NaN", "+Inf", "-Inf"', async () => {
    const results = byLabel(await instantQuery(api, 'nonfinite_gauge', AT_0100), 'series');
    expect(results.map((r) => [r.metric.series, r.value[1]])).toEqual([
      ['nan', 'NaN'],
      ['ninf', '-Inf'],
      ['ok', '5'],
      ['pinf', '+Inf'],
    ]);
  });

  test('nothing is returned at "now": queries must carry a time inside the dataset', async () => {
    const response = await fetch(`${api}/query?query=ceilometer_cpu`);
    const body = (await response.json()) as { data: { result: unknown[] } };
    expect(body.data.result).toEqual([]);
  });
});
