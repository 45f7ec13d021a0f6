import { inspect } from 'node:util';
import {
  PrometheusConnectionError,
  PrometheusResponseError,
  PrometheusTimeoutError,
} from '@kitty-collect/prometheus-client-base';
import { type RunningPrometheus, startPrometheus } from '@kitty-collect/test-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusClient, type PrometheusClientOptions } from './index.js';

const USERNAME = 'kitty';
const PASSWORD = 'correct-horse-battery-staple';
const WRONG_PASSWORD = 'wrong-horse-battery-staple';
// One gauge at one instant: enough to prove a query went through, and a fast backfill.
const DATASET = '# TYPE secured_gauge gauge\nsecured_gauge{site="a"} 42 1767488400\n# EOF\n';
const QUERY = 'secured_gauge';
const TIME = 1767488400;

let prometheus: RunningPrometheus;
const clients: PrometheusClient[] = [];

beforeAll(async () => {
  prometheus = await startPrometheus({
    tls: true,
    basicAuth: { username: USERNAME, password: PASSWORD },
    dataset: DATASET,
  });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await prometheus?.stop();
});

function clientWith(options: Partial<PrometheusClientOptions>): PrometheusClient {
  const client = new PrometheusClient({ url: prometheus.apiUrl, timeout: 10, retries: 0, ...options });
  clients.push(client);
  return client;
}

function caFile(): string {
  if (prometheus.caFile === undefined) throw new Error('test-stack started https without a caFile');
  return prometheus.caFile;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return error as Error;
  }
  throw new Error('expected a rejection');
}

const EXPECTED = {
  resultType: 'vector',
  result: [{ metric: { __name__: 'secured_gauge', site: 'a' }, value: [TIME, '42'] }],
};

describe('PrometheusClient over https with basic auth, against a real Prometheus', () => {
  it('serves https on 127.0.0.1', () => {
    expect(prometheus.apiUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
  });

  it('verifies the server with caFile (undici Agent as dispatcher of Node fetch)', async () => {
    const client = clientWith({ caFile: caFile(), username: USERNAME, password: PASSWORD });
    expect(await client.getInstant(QUERY, { time: TIME })).toEqual(EXPECTED);
  });

  it('refuses the self-signed certificate without caFile: a connection error naming the URL', async () => {
    const client = clientWith({ username: USERNAME, password: PASSWORD });
    const error = await rejection(client.getInstant(QUERY, { time: TIME }));
    expect(error).toBeInstanceOf(PrometheusConnectionError);
    expect(error).not.toBeInstanceOf(PrometheusTimeoutError);
    expect(error).toMatchObject({
      url: `${prometheus.apiUrl}/query`,
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      query: QUERY,
    });
    expect(error.message).toBe(
      `Cannot get a response from Prometheus at ${prometheus.apiUrl}/query (DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate) for query '${QUERY}'`,
    );
  });

  it('skips verification with insecure: true', async () => {
    const client = clientWith({ insecure: true, username: USERNAME, password: PASSWORD });
    expect(await client.getInstant(QUERY, { time: TIME })).toEqual(EXPECTED);
  });

  it('maps a wrong password to a 401 PrometheusResponseError without the password anywhere', async () => {
    const client = clientWith({ caFile: caFile(), username: USERNAME, password: WRONG_PASSWORD });
    const error = await rejection(client.getInstant(QUERY, { time: TIME }));
    expect(error).toBeInstanceOf(PrometheusResponseError);
    expect(error).toMatchObject({
      status: 401,
      errorType: 'invalid_response',
      url: `${prometheus.apiUrl}/query`,
    });
    expect(error.message).toBe(
      `Prometheus query failed (HTTP 401 invalid_response: expected a JSON body, got text/plain; charset=utf-8: "Unauthorized") for query '${QUERY}' at ${prometheus.apiUrl}/query`,
    );
    const shown = inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true });
    expect(shown).not.toContain(WRONG_PASSWORD);
    expect(shown).not.toContain(Buffer.from(`${USERNAME}:${WRONG_PASSWORD}`).toString('base64'));
    expect(inspect(client, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(
      WRONG_PASSWORD,
    );
  });

  it('maps missing credentials to a 401 as well', async () => {
    const error = await rejection(clientWith({ caFile: caFile() }).getInstant(QUERY, { time: TIME }));
    expect((error as PrometheusResponseError).status).toBe(401);
  });

  it('reports a refused connection once Prometheus is stopped', async () => {
    const client = clientWith({ caFile: caFile(), username: USERNAME, password: PASSWORD });
    expect(await client.getInstant(QUERY, { time: TIME })).toEqual(EXPECTED);
    await prometheus.stop();
    const error = await rejection(client.getInstant(QUERY, { time: TIME }));
    expect(error).toBeInstanceOf(PrometheusConnectionError);
    expect(error).toMatchObject({ url: `${prometheus.apiUrl}/query`, code: 'ECONNREFUSED' });
    expect(error.message).toMatch(
      new RegExp(
        `^Cannot get a response from Prometheus at ${prometheus.apiUrl}/query \\(ECONNREFUSED: connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\)`,
      ),
    );
  });
});
