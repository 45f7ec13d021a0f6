import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PrometheusConnectionError } from './prometheus-connection-error.js';
import { PrometheusError } from './prometheus-error.js';
import { PrometheusResponseError } from './prometheus-response-error.js';
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

describe('URLs in Prometheus errors', () => {
  const SECRET = 'Prom-Secret-0042';
  const withSecrets = `http://kitty:${SECRET}@prom:9090/api/v1/query?query=up&pw=${SECRET}`;

  it('every error class redacts the URL it is given, in its field and its message', () => {
    const errors = [
      new PrometheusConnectionError({ url: withSecrets, code: 'ECONNREFUSED', query: 'up' }),
      new PrometheusTimeoutError({ url: withSecrets, timeoutSeconds: 1, query: 'up' }),
      new PrometheusResponseError({ status: 500, errorType: 'x', error: 'y', url: withSecrets }),
    ];
    for (const error of errors) {
      expect(error.url).toBe('http://prom:9090/api/v1/query');
      expect(error.message).toContain('http://prom:9090/api/v1/query');
      expect(`${error.message} ${inspect(error)}`).not.toContain(SECRET);
    }
  });

  it("a response error redacts the URLs the server's error text quotes (a gateway's connection error)", () => {
    const error = new PrometheusResponseError({
      status: 500,
      errorType: 'aetos_server',
      error: `Post "http://admin:${SECRET}@prometheus:9090/api/v1/query?x=${SECRET}": connection refused`,
      url: 'http://aetos/prometheus/api/v1/query',
    });
    expect(error.error).toBe('Post "http://prometheus:9090/api/v1/query": connection refused');
    expect(error.message).not.toContain(SECRET);
  });
});
