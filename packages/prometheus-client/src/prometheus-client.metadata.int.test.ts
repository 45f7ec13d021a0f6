import { PrometheusQueryOptionsError, PrometheusResponseError } from '@kitty-collect/prometheus-client-base';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PrometheusClient } from './prometheus-client.js';

// The test-stack default dataset: 2026-01-04T00:00:00Z..2026-01-05T00:00:00Z, one sample a minute.
const ALPHA = '8f9d4c8a3e0b4f6c9a1d2e3f4a5b6c7d';
const BETA = '2c1b0a9f8e7d4c6b5a4f3e2d1c0b9a8f';
const GAPPY = '5e0c2a7b9d1f4e3c8b6a0d2f4e6c8a1b';
const QUIRKY = 'quirky"proj\\id';

const apiUrl = inject('prometheusApiUrl');
const client = new PrometheusClient({ url: apiUrl, timeout: 10 });
afterAll(() => client.close());

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('PrometheusClient series and labels against a real Prometheus', () => {
  it('getSeries answers the label sets of the matching series', async () => {
    expect(await client.getSeries([`ceilometer_cpu{project_id="${ALPHA}"}`])).toEqual([
      {
        __name__: 'ceilometer_cpu',
        flavor_id: '1',
        flavor_name: 'm1.small',
        project_id: ALPHA,
        resource_id: 'vm-a1',
      },
      {
        __name__: 'ceilometer_cpu',
        flavor_id: '4',
        flavor_name: 'm1.large',
        project_id: ALPHA,
        resource_id: 'vm-a2',
      },
    ]);
  });

  it('getSeries with several selectors answers their union, within start..end', async () => {
    const series = await client.getSeries(
      ['linear_gauge', `openstack_instance_status{project_id="${BETA}"}`],
      {
        start: new Date('2026-01-04T00:00:00Z'),
        end: new Date('2026-01-05T00:00:00Z'),
      },
    );
    expect(series).toEqual([
      { __name__: 'linear_gauge', project_id: BETA, resource_id: 'lin-2' },
      { __name__: 'linear_gauge', project_id: ALPHA, resource_id: 'lin-1' },
      { __name__: 'openstack_instance_status', project_id: BETA, resource_id: 'vm-b1' },
    ]);
    // a window before the dataset holds no series
    expect(await client.getSeries(['linear_gauge'], { start: 1577836800, end: 1577840400 })).toEqual([]);
  });

  it('getLabelNames answers every label name, or those of the matching series', async () => {
    expect(await client.getLabelNames()).toEqual([
      '__name__',
      'bar',
      'code',
      'container_format',
      'flavor_id',
      'flavor_name',
      'foo',
      'instance',
      'project_id',
      'resource_id',
      'sample',
      'series',
    ]);
    expect(await client.getLabelNames({ match: ['linear_gauge', 'ceilometer_image_size'] })).toEqual([
      '__name__',
      'container_format',
      'project_id',
      'resource_id',
    ]);
  });

  it('getLabelValues answers one label’s values, metric names for __name__', async () => {
    expect(await client.getLabelValues('project_id')).toEqual([BETA, GAPPY, ALPHA, QUIRKY]);
    expect(await client.getLabelValues('__name__')).toEqual([
      'ceilometer_cpu',
      'ceilometer_image_size',
      'flavor_vcpus',
      'http_requests_total',
      'linear_gauge',
      'nonfinite_gauge',
      'openstack_instance_status',
      'tiny_values',
    ]);
    expect(await client.getLabelValues('resource_id', { match: [`{project_id="${BETA}"}`] })).toEqual([
      'img-b1',
      'lin-2',
      'vm-b1',
    ]);
    expect(await client.getLabelValues('no_such_label')).toEqual([]);
  });

  it('Prometheus 2.42 ignores limit (newer versions truncate)', async () => {
    expect(await client.getLabelValues('project_id', { limit: 1 })).toHaveLength(4);
  });

  it('a bad selector is a 400 bad_data PrometheusResponseError naming it', async () => {
    const error = await failure(client.getSeries(['ceilometer_cpu{']));
    expect(error).toBeInstanceOf(PrometheusResponseError);
    expect(error).toMatchObject({
      status: 400,
      errorType: 'bad_data',
      match: ['ceilometer_cpu{'],
      url: `${apiUrl}/series`,
    });
    expect((error as Error).message).toBe(
      `Prometheus query failed (HTTP 400 bad_data: invalid parameter "match[]": 1:16: parse error: unexpected end of input inside braces) for match[] 'ceilometer_cpu{' at ${apiUrl}/series`,
    );
    const values = await failure(client.getLabelValues('job', { match: ['{'] }));
    expect(values).toMatchObject({ status: 400, errorType: 'bad_data', url: `${apiUrl}/label/job/values` });
  });

  it('a bad label name or no selector is an options error; nothing is sent', async () => {
    // port 1 refuses connections: a request would be a PrometheusConnectionError
    const nowhere = new PrometheusClient({ url: 'http://127.0.0.1:1/api/v1', timeout: 1, retries: 0 });
    try {
      const badName = await failure(nowhere.getLabelValues('project-id'));
      expect(badName).toBeInstanceOf(PrometheusQueryOptionsError);
      expect(badName).toMatchObject({ option: 'name' });
      expect(await failure(nowhere.getSeries([]))).toMatchObject({ option: 'match' });
    } finally {
      await nowhere.close();
    }
  });
});
