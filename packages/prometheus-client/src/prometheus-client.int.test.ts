import { PrometheusResponseError } from '@kitty-collect/prometheus-client-base';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PrometheusClient } from './prometheus-client.js';

// The test-stack default dataset: 2026-01-04T00:00:00Z..2026-01-05T00:00:00Z, one sample a minute.
const ALPHA = '8f9d4c8a3e0b4f6c9a1d2e3f4a5b6c7d';
const ONE_AM = new Date('2026-01-04T01:00:00Z');
const ONE_AM_SECONDS = ONE_AM.getTime() / 1000;

const apiUrl = inject('prometheusApiUrl');
const client = new PrometheusClient({ url: apiUrl, timeout: 10 });
afterAll(() => client.close());

async function responseError(promise: Promise<unknown>): Promise<PrometheusResponseError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PrometheusResponseError);
    return error as PrometheusResponseError;
  }
  throw new Error('expected a PrometheusResponseError');
}

describe('PrometheusClient against a real Prometheus', () => {
  it('answers an instant vector with string values', async () => {
    const data = await client.getInstant(`ceilometer_cpu{project_id="${ALPHA}"}`, { time: ONE_AM });
    expect(data.resultType).toBe('vector');
    if (data.resultType !== 'vector') return;
    const byResource = Object.fromEntries(
      data.result.map((sample) => [sample.metric.resource_id, sample.value]),
    );
    expect(byResource).toEqual({
      'vm-a1': [ONE_AM_SECONDS, '1800000000000'],
      'vm-a2': [ONE_AM_SECONDS, '7200000000000'],
    });
    expect(data.result[0]?.metric).toMatchObject({ __name__: 'ceilometer_cpu', project_id: ALPHA });
  });

  it('accepts unix seconds and an RFC 3339 string for time', async () => {
    const query = `linear_gauge{project_id="${ALPHA}"}`;
    const fromNumber = await client.getInstant(query, { time: ONE_AM_SECONDS });
    const fromString = await client.getInstant(query, { time: '2026-01-04T01:00:00Z', timeout: 5 });
    expect(fromNumber).toEqual({
      resultType: 'vector',
      result: [
        {
          metric: { __name__: 'linear_gauge', project_id: ALPHA, resource_id: 'lin-1' },
          value: [ONE_AM_SECONDS, '60'],
        },
      ],
    });
    expect(fromString).toEqual(fromNumber);
  });

  it('answers a matrix to getRange', async () => {
    const data = await client.getRange(`linear_gauge{project_id="${ALPHA}"}`, {
      start: ONE_AM,
      end: new Date('2026-01-04T01:03:00Z'),
      step: 60,
    });
    expect(data).toEqual({
      resultType: 'matrix',
      result: [
        {
          metric: { __name__: 'linear_gauge', project_id: ALPHA, resource_id: 'lin-1' },
          values: [
            [ONE_AM_SECONDS, '60'],
            [ONE_AM_SECONDS + 60, '61'],
            [ONE_AM_SECONDS + 120, '62'],
            [ONE_AM_SECONDS + 180, '63'],
          ],
        },
      ],
    });
  });

  it('answers a scalar and a string', async () => {
    expect(
      await client.getInstant(`scalar(linear_gauge{project_id="${ALPHA}"}) / 8`, { time: ONE_AM }),
    ).toEqual({
      resultType: 'scalar',
      result: [ONE_AM_SECONDS, '7.5'],
    });
    expect(await client.getInstant('"kitty"', { time: ONE_AM })).toEqual({
      resultType: 'string',
      result: [ONE_AM_SECONDS, 'kitty'],
    });
  });

  it('answers an empty vector for an unknown metric', async () => {
    expect(await client.getInstant('no_such_metric', { time: ONE_AM })).toEqual({
      resultType: 'vector',
      result: [],
    });
  });

  it('keeps 1e+21 and NaN as Prometheus wrote them', async () => {
    const data = await client.getInstant(`tiny_values{sample="c"} or nonfinite_gauge{series="nan"}`, {
      time: ONE_AM,
    });
    const values = data.resultType === 'vector' ? data.result.map((sample) => sample.value[1]).sort() : [];
    expect(values).toEqual(['1e+21', 'NaN']);
  });

  it('maps bad PromQL to a 400 bad_data PrometheusResponseError naming the query', async () => {
    const query = 'sum(rate(ceilometer_cpu[5m])';
    const error = await responseError(client.getInstant(query, { time: ONE_AM }));
    expect(error).toMatchObject({ status: 400, errorType: 'bad_data', query, url: `${apiUrl}/query` });
    expect(error.error).toBe('invalid parameter "query": 1:29: parse error: unclosed left parenthesis');
    expect(error.message).toBe(
      `Prometheus query failed (HTTP 400 bad_data: invalid parameter "query": 1:29: parse error: unclosed left parenthesis) for query '${query}' at ${apiUrl}/query`,
    );
  });

  it('maps an evaluation failure to a 422 execution PrometheusResponseError naming the query', async () => {
    const query = `ceilometer_cpu{project_id="${ALPHA}"} + on() group_left ceilometer_cpu{project_id="${ALPHA}"}`;
    const error = await responseError(client.getInstant(query, { time: ONE_AM }));
    expect(error).toMatchObject({ status: 422, errorType: 'execution', query });
    expect(error.error).toMatch(/many-to-many matching not allowed/);
    expect(error.message).toContain(`(HTTP 422 execution: `);
    expect(error.message).toContain(`for query '${query}' at ${apiUrl}/query`);
  });

  it('maps a range query with end before start to bad_data on query_range', async () => {
    const error = await responseError(
      client.getRange('linear_gauge', { start: ONE_AM_SECONDS, end: 0, step: 60 }),
    );
    expect(error).toMatchObject({ status: 400, errorType: 'bad_data', url: `${apiUrl}/query_range` });
  });
});
