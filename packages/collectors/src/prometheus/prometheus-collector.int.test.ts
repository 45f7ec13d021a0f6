import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CollectError,
  type CollectorLogger,
  type DataPointJSON,
  NoDataCollected,
  parseMetricsConf,
} from '@kitty-collect/collector-base';
import { PROJECTS } from '@kitty-collect/test-stack';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { describe, expect, inject, it } from 'vitest';
import { createCollector } from '../create-collector.js';
import { PrometheusCollector } from './prometheus-collector.js';

const apiUrl = inject('prometheusApiUrl');
const { alpha, beta, gappy, quirky } = PROJECTS;
const start = new Date('2026-01-04T01:00:00Z');
const end = new Date('2026-01-04T02:00:00Z');
const calendar = { week_of_the_year: '01', day_of_the_year: '4', month: '1', year: '2026' };

interface RecordedWarning {
  details: Record<string, unknown>;
  message: string;
}

function collectorFor(yamlText: string, url = apiUrl, timeout = 10) {
  const warnings: RecordedWarning[] = [];
  const logger: CollectorLogger = { warn: (details, message) => warnings.push({ details, message }) };
  const collector = new PrometheusCollector({
    period: 3600,
    conf: parseMetricsConf(yamlText),
    prometheus: { url, timeout, retries: 0 },
    logger,
  });
  return { collector, warnings };
}

const byGroupby = (a: DataPointJSON, b: DataPointJSON) =>
  JSON.stringify(a.groupby).localeCompare(JSON.stringify(b.groupby));

async function points(yamlText: string, key: string, scopeId: string, from = start, to = end) {
  const { collector } = collectorFor(yamlText);
  return (await collector.fetchAll(key, from, to, scopeId)).map((point) => point.toJSON()).sort(byGroupby);
}

async function qtys(yamlText: string, key: string, scopeId: string = alpha, from = start, to = end) {
  return (await points(yamlText, key, scopeId, from, to)).map((point) => point.vol.qty);
}

describe('PrometheusCollector against a real Prometheus', () => {
  it('collects per resource with groupby, metadata, factor and the calendar keys', async () => {
    const yaml = `
metrics:
  ceilometer_cpu:
    unit: second
    factor: 1e-9
    groupby: [resource_id, flavor_name]
    metadata: [flavor_id]
    description: CPU time
`;
    const { collector } = collectorFor(yaml);
    expect(collector.buildQuery('ceilometer_cpu', start, end, alpha)).toBe(
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
    expect(await points('metrics: {ceilometer_cpu: {unit: ns}}', 'ceilometer_cpu', beta)).toEqual([
      {
        vol: { unit: 'ns', qty: '7200000000000' },
        rating: { price: '0' },
        groupby: { project_id: beta, ...calendar },
        metadata: {},
      },
    ]);
  });

  it.each([
    ['max', '120'],
    ['min', '60'],
    ['avg', '90'],
    ['sum', '5490'],
    ['count', '1'],
    ['stddev', '0'],
    ['stdvar', '0'],
  ])('aggregation method %s over both ends of the range', async (method, expected) => {
    expect(
      await qtys(
        `metrics: {linear_gauge: {unit: u, extra_args: {aggregation_method: ${method}}}}`,
        'linear_gauge',
      ),
    ).toEqual([expected]);
  });

  it.each([
    ['rate', ['500000000', '2000000000']],
    ['irate', ['500000000', '2000000000']],
    ['deriv', ['500000000', '2000000000']],
    ['delta', ['1800000000000', '7200000000000']],
    ['idelta', ['30000000000', '120000000000']],
    ['changes', ['60', '60']],
  ])('range function %s', async (fn, expected) => {
    const yaml = `metrics: {ceilometer_cpu: {unit: ns, groupby: [resource_id], extra_args: {range_function: ${fn}}}}`;
    expect(await qtys(yaml, 'ceilometer_cpu')).toEqual(expected);
  });

  it('reports the unknown range function irange (listed by CloudKitty, absent from PromQL) as a bad_data CollectError', async () => {
    const { collector } = collectorFor(
      'metrics: {ceilometer_cpu: {unit: ns, extra_args: {range_function: irange}}}',
    );
    const failure = collector.fetchAll('ceilometer_cpu', start, end, alpha);
    await expect(failure).rejects.toBeInstanceOf(CollectError);
    await expect(failure).rejects.toThrow(/^bad_data: .*irange/);
  });

  it.each([
    ['abs', '90'],
    ['sqrt', '9.48683298'],
    ['ln', '4.49980967'],
    ['log2', '6.4918531'],
    ['log10', '1.95424251'],
    ['exp', '1.22040329e+39'],
    ['round', '90'],
  ])('query function %s on avg_over_time', async (fn, expected) => {
    const yaml = `metrics: {linear_gauge: {unit: u, extra_args: {aggregation_method: avg, query_function: ${fn}}}}`;
    expect(await qtys(yaml, 'linear_gauge')).toEqual([expected]);
  });

  it.each([
    ['ceil', '120'],
    ['floor', '119'],
    ['round', '120'],
  ])('query function %s on a half-integer average (a 90 s period)', async (fn, expected) => {
    const yaml = `metrics: {linear_gauge: {unit: u, extra_args: {aggregation_method: avg, query_function: ${fn}}}}`;
    expect(await qtys(yaml, 'linear_gauge', alpha, new Date('2026-01-04T01:58:30Z'), end)).toEqual([
      expected,
    ]);
  });

  it('applies query_prefix and query_suffix', async () => {
    const yaml = `metrics: {linear_gauge: {unit: u, extra_args: {query_prefix: "2 *", query_suffix: "+ 1"}}}`;
    const { collector } = collectorFor(yaml);
    expect(collector.buildQuery('linear_gauge', start, end, alpha)).toBe(
      `2 * max(max_over_time(linear_gauge{project_id="${alpha}"}[3600s])) by (project_id) + 1`,
    );
    expect(await qtys(yaml, 'linear_gauge')).toEqual(['241']);
  });

  it('gives the scope key the label value, or "" when a prefix aggregates it away (as CloudKitty)', async () => {
    const yaml = `metrics: {linear_gauge: {unit: u, extra_args: {query_prefix: "sum(", query_suffix: ")"}}}`;
    expect(await points(yaml, 'linear_gauge', alpha)).toEqual([
      {
        vol: { unit: 'u', qty: '120' },
        rating: { price: '0' },
        groupby: { project_id: '', ...calendar },
        metadata: {},
      },
    ]);
  });

  it('converts 2^50 bytes to exactly 1048576 GiB with a fraction factor, per alt_name rating type', async () => {
    const yaml = `
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
`;
    const { collector } = collectorFor(yaml);
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
    const yaml = 'metrics: {tiny_values: {unit: u, groupby: [sample]}}';
    const result = await points(yaml, 'tiny_values', alpha);
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
    const yaml = 'metrics: {tiny_values: {unit: u, groupby: [sample], factor: 1/3, offset: 1/3}}';
    const result = await points(yaml, 'tiny_values', alpha);
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
    const yaml =
      'metrics: {tiny_values: {unit: u, groupby: [sample], factor: -0.40000000196, offset: 0.0000000002}}';
    const result = await points(yaml, 'tiny_values', alpha);
    expect(result.find((point) => point.groupby.sample === 'f')?.vol.qty).toBe('1');
  });

  it.each([
    ['NUMBOOL', { 'vm-a1': '1', 'vm-a2': '1', 'vm-b1': '0' }],
    ['NOTNUMBOOL', { 'vm-a1': '0', 'vm-a2': '0', 'vm-b1': '1' }],
  ])('mutator %s', async (mutate, expected) => {
    const yaml = `metrics: {openstack_instance_status: {unit: instance, groupby: [resource_id], mutate: ${mutate}}}`;
    const all = [
      ...(await points(yaml, 'openstack_instance_status', alpha)),
      ...(await points(yaml, 'openstack_instance_status', beta)),
    ];
    expect(Object.fromEntries(all.map((point) => [point.groupby.resource_id, point.vol.qty]))).toEqual(
      expected,
    );
  });

  it('mutator MAP after conversion, keys matched numerically, absent keys give 0', async () => {
    const yaml = `
metrics:
  openstack_instance_status:
    unit: instance
    groupby: [resource_id]
    factor: 2
    mutate: MAP
    mutate_map: {2: 10, '8.0': 0.5, 1: 99}
`;
    expect(await qtys(yaml, 'openstack_instance_status', alpha)).toEqual(['10', '0.5']);
    expect(await qtys(yaml, 'openstack_instance_status', beta)).toEqual(['0']);
  });

  it.each([
    ['FLOOR', ['1', '2'], ['1']],
    ['CEIL', ['2', '3'], ['2']],
  ])('mutator %s gives integers after conversion', async (mutate, alphaExpected, betaExpected) => {
    // factor 1/3 and offset 1.5: vm-a1 1 → 1.83333333, vm-a2 4 → 2.83333333, vm-b1 0 → 1.5
    const yaml = `metrics: {openstack_instance_status: {unit: i, groupby: [resource_id], factor: 1/3, offset: 1.5, mutate: ${mutate}}}`;
    expect(await qtys(yaml, 'openstack_instance_status', alpha)).toEqual(alphaExpected);
    expect(await qtys(yaml, 'openstack_instance_status', beta)).toEqual(betaExpected);
  });

  it('fills missing labels with "" and keeps awkward label values intact', async () => {
    const yaml = `
metrics:
  http_requests_total:
    unit: request
    groupby: [foo, bar]
    metadata: [code, instance]
    extra_args: {aggregation_method: avg}
`;
    expect(await points(yaml, 'http_requests_total', alpha)).toEqual(
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
    expect(await points('metrics: {ceilometer_cpu: {unit: ns}}', 'ceilometer_cpu', quirky)).toEqual([
      {
        vol: { unit: 'ns', qty: '720000000000' },
        rating: { price: '0' },
        groupby: { project_id: quirky, ...calendar },
        metadata: {},
      },
    ]);
  });

  it('returns [] for an empty result and retrieve raises NoDataCollected with the display name', async () => {
    const yaml = 'metrics: {ceilometer_cpu: [{unit: ns, alt_name: cpu_ns}]}';
    const { collector } = collectorFor(yaml);
    const gapStart = new Date('2026-01-04T08:00:00Z');
    const gapEnd = new Date('2026-01-04T09:00:00Z');
    expect(await collector.fetchAll('ceilometer_cpu@#cpu_ns', gapStart, gapEnd, gappy)).toEqual([]);
    const failure = collector.retrieve('ceilometer_cpu@#cpu_ns', gapStart, gapEnd, gappy);
    await expect(failure).rejects.toBeInstanceOf(NoDataCollected);
    await expect(failure).rejects.toThrow(
      `collector 'prometheus' returned no data for resource 'cpu_ns' for scope '${gappy}'`,
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
    const { collector, warnings } = collectorFor('metrics: {nonfinite_gauge: {unit: u, groupby: [series]}}');
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
      collector: 'prometheus',
      metricKey: 'nonfinite_gauge',
      scopeId: alpha,
    });
  });

  it('reports bad PromQL as "bad_data: …" naming the query', async () => {
    const { collector } = collectorFor(
      'metrics: {linear_gauge: {unit: u, extra_args: {query_prefix: "sum("}}}',
    );
    const failure = collector.fetchAll('linear_gauge', start, end, alpha);
    await expect(failure).rejects.toBeInstanceOf(CollectError);
    await expect(failure).rejects.toThrow(
      /^bad_data: .*parse error.*\(HTTP 400, query 'sum\( max\(max_over_time\(linear_gauge/,
    );
  });

  it('reports an execution error (HTTP 422)', async () => {
    const yaml = `metrics: {linear_gauge: {unit: u, extra_args: {query_suffix: "+ on(project_id) ceilometer_cpu"}}}`;
    const failure = collectorFor(yaml).collector.fetchAll('linear_gauge', start, end, alpha);
    await expect(failure).rejects.toThrow(/^execution: .*duplicate series.*\(HTTP 422, query /);
  });

  it('reports a result that is not an instant vector', async () => {
    const yaml = `metrics: {linear_gauge: {unit: u, extra_args: {query_prefix: "scalar(", query_suffix: ")"}}}`;
    const failure = collectorFor(yaml).collector.fetchAll('linear_gauge', start, end, alpha);
    await expect(failure).rejects.toThrow('expected an instant vector from the query, got a scalar');
  });

  it('reports connection refused naming the URL, as a CollectError', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { collector } = collectorFor(
      'metrics: {linear_gauge: {unit: u}}',
      `http://127.0.0.1:${port}/api/v1`,
    );
    const failure = collector.fetchAll('linear_gauge', start, end, alpha);
    await expect(failure).rejects.toBeInstanceOf(CollectError);
    await expect(failure).rejects.toThrow(`127.0.0.1:${port}/api/v1/query`);
    await expect(failure).rejects.toThrow('ECONNREFUSED');
  });

  it('reports an HTML page from a proxy as an invalid response', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>Bad Gateway</body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const { collector } = collectorFor(
        'metrics: {linear_gauge: {unit: u}}',
        `http://127.0.0.1:${port}/api/v1`,
      );
      const failure = collector.fetchAll('linear_gauge', start, end, alpha);
      await expect(failure).rejects.toBeInstanceOf(CollectError);
      await expect(failure).rejects.toThrow(/^invalid_response: .*text\/html.*Bad Gateway/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  async function withServer(
    handler: Parameters<typeof createServer>[1],
    run: (url: string) => Promise<void>,
  ): Promise<void> {
    const server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await run(`http://127.0.0.1:${port}/api/v1`);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  it('reports a success body of the wrong shape as an invalid response', async () => {
    await withServer(
      (_request, response) => {
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"status":"success","data":{"resultType":"vector","result":[{"metric":{}}]}}');
      },
      async (url) => {
        const failure = collectorFor('metrics: {linear_gauge: {unit: u}}', url).collector.fetchAll(
          'linear_gauge',
          start,
          end,
          alpha,
        );
        await expect(failure).rejects.toBeInstanceOf(CollectError);
        await expect(failure).rejects.toThrow(/^invalid_response: .*value/);
      },
    );
  });

  it('reports a timeout naming the URL and the limit', async () => {
    await withServer(
      () => {
        // never answers
      },
      async (url) => {
        const failure = collectorFor('metrics: {linear_gauge: {unit: u}}', url, 1).collector.fetchAll(
          'linear_gauge',
          start,
          end,
          alpha,
        );
        await expect(failure).rejects.toBeInstanceOf(CollectError);
        await expect(failure).rejects.toThrow(
          new RegExp(`${url.replaceAll('.', '\\.')}/query.*1 s|1 s.*${url.replaceAll('.', '\\.')}`),
        );
      },
    );
  });

  it('is what createCollector("prometheus") builds', async () => {
    const collector = createCollector('prometheus', {
      period: 3600,
      conf: parseMetricsConf('metrics: {linear_gauge: {unit: u}}'),
      prometheus: { url: apiUrl },
    });
    expect(collector).toBeInstanceOf(PrometheusCollector);
    expect(collector.collectorName).toBe('prometheus');
    expect(
      (await collector.fetchAll('linear_gauge', start, end, beta)).map((point) => point.toJSON().vol.qty),
    ).toEqual(['240']);
  });
});
