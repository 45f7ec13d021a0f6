import { inspect } from 'node:util';
import { AetosAuthenticationError } from '@kitty-collect/aetos-client';
import { CollectError } from '@kitty-collect/collector-base';
import { KeystoneUnavailable } from '@kitty-collect/keystone-auth';
import {
  PrometheusConnectionError,
  PrometheusResponseError,
  PrometheusTimeoutError,
} from '@kitty-collect/prometheus-client-base';
import { describe, expect, it } from 'vitest';
import { collectErrorFrom } from './collect-error-from.js';

const SECRET = 'Collect-Secret-0042';
const URL_WITH_SECRETS = `http://kitty:${SECRET}@prom:9090/api/v1/query?query=up&pw=${SECRET}`;
const failed = { collector: 'prometheus', metricKey: 'cpu', scopeId: 'p1', query: 'up' };
const batch = { collector: 'aetos', metricKey: 'cpu', scopeIds: ['p1', 'p2'], query: 'up' };

describe('collectErrorFrom: no secret in a CollectError', () => {
  it('a Prometheus error body and its URL, per scope and batched', () => {
    const cause = new PrometheusResponseError({
      status: 500,
      errorType: 'aetos_server',
      error: `Post "http://admin:${SECRET}@prometheus:9090/api/v1/query": connection refused`,
      url: URL_WITH_SECRETS,
    });
    const error = collectErrorFrom(cause, failed);
    expect(error).toBeInstanceOf(CollectError);
    expect(error.message).toBe(
      `aetos_server: Post "http://prometheus:9090/api/v1/query": connection refused (HTTP 500, query 'up' at http://prom:9090/api/v1/query)`,
    );
    expect(collectErrorFrom(cause, batch).message).not.toContain(SECRET);
  });

  it('a connection error and an authentication error from Keystone', () => {
    const connection = new PrometheusConnectionError({ url: URL_WITH_SECRETS, code: 'ECONNREFUSED' });
    expect(collectErrorFrom(connection, failed).message).toBe(
      "prometheus collection of 'cpu' for scope 'p1' failed: Cannot get a response from Prometheus at http://prom:9090/api/v1/query (ECONNREFUSED)",
    );
    const keystone = new KeystoneUnavailable({
      url: `http://ck:${SECRET}@k/v3/auth/tokens`,
      reason: 'ECONNREFUSED',
    });
    const aetos = new AetosAuthenticationError(`Cannot reach Aetos (metric-storage): ${keystone.message}`, {
      cause: keystone,
    });
    const error = collectErrorFrom(aetos, batch);
    expect(error.message).toBe(
      "aetos batched collection of 'cpu' for 2 scopes failed: Cannot reach Aetos (metric-storage): Keystone is unavailable at http://k/v3/auth/tokens: ECONNREFUSED (query 'up')",
    );
    expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
  });
});

describe('collectErrorFrom: the query appears once', () => {
  const query = 'max(max_over_time(cpu[3600s])) by (id, project_id)';
  const batched = { ...batch, collector: 'prometheus', query };

  it('a batched connection error, which names its query already', () => {
    const cause = new PrometheusConnectionError({
      url: 'http://prom:9090/api/v1/query',
      code: 'ECONNREFUSED',
      query,
    });
    expect(collectErrorFrom(cause, batched).message).toBe(
      `prometheus batched collection of 'cpu' for 2 scopes failed: Cannot get a response from Prometheus at http://prom:9090/api/v1/query (ECONNREFUSED) for query '${query}'`,
    );
  });

  it('a batched timeout, which names its query already', () => {
    const cause = new PrometheusTimeoutError({
      url: 'http://prom:9090/api/v1/query',
      timeoutSeconds: 5,
      query,
    });
    expect(collectErrorFrom(cause, batched).message).toBe(
      `prometheus batched collection of 'cpu' for 2 scopes failed: Prometheus at http://prom:9090/api/v1/query did not respond within 5 s for query '${query}'`,
    );
  });

  it('a per-scope connection error', () => {
    const cause = new PrometheusConnectionError({
      url: 'http://prom:9090/api/v1/query',
      code: 'ECONNREFUSED',
      query,
    });
    expect(collectErrorFrom(cause, { ...failed, query }).message).toBe(
      `prometheus collection of 'cpu' for scope 'p1' failed: Cannot get a response from Prometheus at http://prom:9090/api/v1/query (ECONNREFUSED) for query '${query}'`,
    );
  });
});
