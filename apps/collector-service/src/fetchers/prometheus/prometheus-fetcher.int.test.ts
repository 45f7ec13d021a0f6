import { PROJECTS } from '@kitty-collect/test-stack';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createPrometheusClient } from '../../config/clients.js';
import { loadServiceConfig } from '../../config/load-service-config.js';
import { confDir, METRICS_YML } from '../../config/testing/conf-dir.js';
import { createScopeFetcher } from '../create-scope-fetcher.js';
import { ScopeFetchError } from '../errors/scope-fetch-error.js';
import type { ScopeFetcher } from '../scope-fetcher.js';
import { PrometheusFetcher } from './prometheus-fetcher.js';

const apiUrl = inject('prometheusApiUrl');
/** The default dataset holds one day: 2026-01-04. */
const AT_1AM = () => new Date('2026-01-04T01:00:00Z');

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fetcher from a `[fetcher_prometheus]` section; its query runs at 01:00 on the data's day unless `realNow`. */
async function fetcherFor(section: string, options: { realNow?: boolean } = {}): Promise<ScopeFetcher> {
  const dir = confDir({
    'cloudkitty.conf': `
[collect]
metrics_conf = metrics.yml
[collector_prometheus]
prometheus_url = ${apiUrl}
[fetcher]
backend = prometheus
[fetcher_prometheus]
${section}
`,
    'metrics.yml': METRICS_YML,
  });
  cleanups.push(dir.remove);
  const config = await loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} });
  const fetcher = createScopeFetcher(config, options.realNow === true ? {} : { now: AT_1AM });
  cleanups.push(() => fetcher.close());
  return fetcher;
}

const { alpha, beta, gappy, quirky } = PROJECTS as Record<string, string>;

describe('prometheus fetcher against the real Prometheus', () => {
  it('lists the scope label values of a metric', async () => {
    const fetcher = await fetcherFor(`metric = ceilometer_cpu\nprometheus_url = ${apiUrl}`);
    expect(fetcher.name).toBe('prometheus');
    expect(await fetcher.getScopes()).toEqual([alpha, beta, gappy, quirky].sort());
    expect([alpha, beta, gappy, quirky]).toEqual([
      '8f9d4c8a3e0b4f6c9a1d2e3f4a5b6c7d',
      '2c1b0a9f8e7d4c6b5a4f3e2d1c0b9a8f',
      '5e0c2a7b9d1f4e3c8b6a0d2f4e6c8a1b',
      'quirky"proj\\id',
    ]);
  });

  it('applies filters', async () => {
    const fetcher = await fetcherFor(
      `metric = ceilometer_cpu\nfilters = flavor_name:m1.small\nprometheus_url = ${apiUrl}`,
    );
    expect(await fetcher.getScopes()).toEqual([alpha, beta, quirky].sort());
    const two = await fetcherFor(
      `metric = ceilometer_cpu\nfilters = flavor_name:m1.small, resource_id:vm-b1\nprometheus_url = ${apiUrl}`,
    );
    expect(await two.getScopes()).toEqual([beta]);
  });

  it('escapes filter values: a quote in a label value matches exactly', async () => {
    const fetcher = await fetcherFor(
      `metric = http_requests_total\nfilters = foo:say "hi"\nprometheus_url = ${apiUrl}`,
    );
    expect((fetcher as PrometheusFetcher).query).toBe(
      'max(http_requests_total{foo="say \\"hi\\""}) by (project_id)',
    );
    expect(await fetcher.getScopes()).toEqual([alpha]);
  });

  it('uses another scope attribute and skips series without it', async () => {
    const fetcher = await fetcherFor(
      `metric = http_requests_total\nscope_attribute = foo\nprometheus_url = ${apiUrl}`,
    );
    // alpha's code-500 series has no foo label.
    expect(await fetcher.getScopes()).toEqual(['say "hi"', 'x']);
  });

  it('gives no scope for an unknown metric, or outside the data (a query at the real now)', async () => {
    expect(
      await (await fetcherFor(`metric = no_such_metric\nprometheus_url = ${apiUrl}`)).getScopes(),
    ).toEqual([]);
    expect(
      await (
        await fetcherFor(`metric = ceilometer_cpu\nprometheus_url = ${apiUrl}`, { realNow: true })
      ).getScopes(),
    ).toEqual([]);
  });

  it('uses a client it is given, and leaves it open', async () => {
    const client = createPrometheusClient({ url: apiUrl, insecure: false, timeout: 10 });
    cleanups.push(() => client.close());
    const dir = confDir({
      'cloudkitty.conf': `[collect]\nmetrics_conf = metrics.yml\n[collector_prometheus]\nprometheus_url = ${apiUrl}\n[fetcher]\nbackend = prometheus\n[fetcher_prometheus]\nmetric = ceilometer_image_size\nprometheus_url = http://127.0.0.1:1/api/v1\n`,
      'metrics.yml': METRICS_YML,
    });
    cleanups.push(dir.remove);
    const config = await loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} });
    const fetcher = createScopeFetcher(config, { queryClient: client, now: AT_1AM });
    expect(await fetcher.getScopes()).toEqual([alpha, beta].sort());
    await fetcher.close();
    expect(await client.getInstant('vector(1)', { time: AT_1AM() })).toMatchObject({ resultType: 'vector' });
  });

  it('fails with a ScopeFetchError naming the fetcher and the cause', async () => {
    const unreachable = await fetcherFor(
      'metric = up\nprometheus_url = http://127.0.0.1:1/api/v1\ntimeout = 2',
    );
    const error: unknown = await unreachable.getScopes().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ScopeFetchError);
    expect((error as ScopeFetchError).fetcher).toBe('prometheus');
    expect((error as ScopeFetchError).message).toMatch(/^The prometheus scope fetcher failed: /);
    expect((error as ScopeFetchError).cause).toBeInstanceOf(Error);
  });

  it("passes Prometheus' own errors on", async () => {
    const client = createPrometheusClient({ url: apiUrl, insecure: false, timeout: 10 });
    cleanups.push(() => client.close());
    // The config only allows metric names; a direct caller could still send nonsense.
    const fetcher = new PrometheusFetcher({
      client,
      metric: 'rate(',
      scopeAttribute: 'p',
      filters: {},
      now: AT_1AM,
    });
    await expect(fetcher.getScopes()).rejects.toThrow(/^The prometheus scope fetcher failed: .*bad_data/);
  });
});
