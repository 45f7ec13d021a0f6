import { describe, expect, it } from 'vitest';
import { PrometheusConnectionError } from './prometheus-connection-error.js';
import { PrometheusError } from './prometheus-error.js';
import { PrometheusTimeoutError } from './prometheus-timeout-error.js';

const url = 'http://127.0.0.1:9/api/v1/query';

describe('PrometheusConnectionError', () => {
  it('names the URL, the cause code and the query', () => {
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:9');
    const error = new PrometheusConnectionError({
      url,
      code: 'ECONNREFUSED',
      detail: 'connect ECONNREFUSED 127.0.0.1:9',
      query: 'up',
      cause,
    });
    expect(error.message).toBe(
      "Cannot get a response from Prometheus at http://127.0.0.1:9/api/v1/query (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9) for query 'up'",
    );
    expect(error).toMatchObject({
      name: 'PrometheusConnectionError',
      url,
      code: 'ECONNREFUSED',
      query: 'up',
      cause,
    });
    expect(error).toBeInstanceOf(PrometheusError);
  });

  it('reads well without code or query', () => {
    expect(new PrometheusConnectionError({ url }).message).toBe(
      `Cannot get a response from Prometheus at ${url}`,
    );
  });
});

describe('PrometheusTimeoutError', () => {
  it('names the URL and the timeout in seconds, and is a connection error', () => {
    const error = new PrometheusTimeoutError({ url, timeoutSeconds: 1.5, query: 'up' });
    expect(error.message).toBe(`Prometheus at ${url} did not respond within 1.5 s for query 'up'`);
    expect(error).toMatchObject({
      name: 'PrometheusTimeoutError',
      url,
      code: 'ETIMEDOUT',
      timeoutSeconds: 1.5,
    });
    expect(error).toBeInstanceOf(PrometheusConnectionError);
  });
});
