import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Session } from '@kitty-collect/keystone-auth';
import {
  PrometheusConnectionError,
  PrometheusError,
  PrometheusResponseError,
  PrometheusTimeoutError,
} from '@kitty-collect/prometheus-client-base';
import { PROJECTS, type RunningAetosStack, revokeToken, startAetosStack } from '@kitty-collect/test-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AetosClient } from './aetos-client.js';
import { AetosAuthenticationError } from './errors/aetos-authentication-error.js';
import { AetosClientOptionsError } from './errors/aetos-client-options-error.js';
import { passwordSession } from './testing/password-session.js';

let stack: RunningAetosStack;
const sessions: Session[] = [];
const time = new Date('2026-01-04T01:00:00Z');
const CPU = `ceilometer_cpu{project_id="${PROJECTS.alpha}"}`;

beforeAll(async () => {
  stack = await startAetosStack({ projectLabel: 'project_id' });
});

afterAll(async () => {
  await Promise.all(sessions.map((session) => session.close()));
  await stack?.stop();
});

/** Whether this run's gateway answers as Aetos 1.0 (see aetosVersionUnderTest). */
const aetos1 = () => stack.gateway.version === '1.0';

function session(user: 'cloudkitty' | 'svcOnly' = 'cloudkitty', project = 'service', password?: string) {
  const created = passwordSession(stack, user, project, password);
  sessions.push(created);
  return created;
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as Error,
  );
}

describe('AetosClient against the Aetos-compatible gateway', () => {
  it('finds its endpoint in the catalog, keeps its path, and queries through it', async () => {
    await stack.gateway.reset();
    const client = new AetosClient(session(), { interface: 'public', regionName: 'RegionOne' });
    expect(await client.getEndpoint()).toBe(stack.gateway.url('/prometheus'));
    const data = await client.getInstant(CPU, { time });
    expect(data.resultType).toBe('vector');
    expect(data.resultType === 'vector' && data.result.map((sample) => sample.value[1]).sort()).toEqual([
      '1800000000000',
      '7200000000000',
    ]);
    const record = (await stack.gateway.records()).at(-1);
    expect(record).toMatchObject({ method: 'GET', path: '/prometheus/api/v1/query', status: 200 });
    expect(record?.params).toEqual(
      // Aetos 1.0 refused `time` first (400): the client pinned the query instead
      aetos1() ? { query: `${CPU} @ ${time.getTime() / 1000}` } : { query: CPU, time: time.toISOString() },
    );
  });

  it.each([
    ['internal', 'RegionOne', ''],
    ['admin', 'RegionOne', '/prometheus'],
    ['internalURL', 'RegionTwo', '/prometheus'],
  ])('selects interface %s in %s', async (iface, regionName, prefix) => {
    const client = new AetosClient(session(), { interface: iface, regionName });
    expect(await client.getEndpoint()).toBe(stack.gateway.url(prefix));
    expect((await client.getInstant(CPU, { time })).resultType).toBe('vector');
  });

  it('sends query, time and timeout, omitting unset ones, with Accept: application/json', async () => {
    await stack.gateway.reset();
    const client = new AetosClient(session(), { endpointOverride: stack.gateway.url('/prometheus') });
    await client.getInstant('vector(1)');
    await client.getInstant('vector(1)', { time: 1767489600, timeout: 30 });
    const records = await stack.gateway.records();
    expect(records.map((record) => record.params)).toEqual([
      { query: 'vector(1)' },
      { query: 'vector(1)', time: '1767489600', timeout: '30s' },
      ...(aetos1() ? [{ query: 'vector(1)' }] : []), // refused by Aetos 1.0, then sent pinned
    ]);
    expect(records.every((record) => record.tokenPresent)).toBe(true);
  });

  it('asks for JSON and sends the token in X-Auth-Token', async () => {
    const seen: Record<string, string | string[] | undefined>[] = [];
    const server = createServer((request, response) => {
      seen.push(request.headers);
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"status":"success","data":{"resultType":"vector","result":[]}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const s = session();
      const client = new AetosClient(s, { endpointOverride: `http://127.0.0.1:${port}/prometheus` });
      expect(await client.getInstant('vector(1)')).toEqual({ resultType: 'vector', result: [] });
      expect(seen[0]?.accept).toBe('application/json');
      expect(seen[0]?.['x-auth-token']).toBe(await s.getToken());
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('re-authenticates once on 401 and replays the query', async () => {
    const s = session();
    const client = new AetosClient(s);
    const token = await s.getToken(); // revoked before Aetos ever saw it
    await revokeToken(stack.keystone.authUrl, (await stack.keystone.adminToken()).token, token);
    expect((await client.getInstant(CPU, { time })).resultType).toBe('vector');
    expect(s.authentications).toBe(2);
    const statuses = (await stack.gateway.records()).map((record) => record.status);
    expect(statuses.slice(aetos1() ? -3 : -2)).toEqual(aetos1() ? [401, 400, 200] : [401, 200]);
  });

  it('explains a 403 with the roles unfiltered queries need', async () => {
    const error = await failureOf(
      new AetosClient(session('cloudkitty', 'rated-a')).getInstant(CPU, { time }),
    );
    expect(error).toBeInstanceOf(PrometheusResponseError);
    expect((error as PrometheusResponseError).status).toBe(403);
    expect(error.message).toContain(
      "forbidden: RBAC Authorization Failed: unfiltered queries need the 'admin' role on the token's project, or the 'service' role",
    );
  });

  it.each([
    ['sum(', {}, 400, /aetos_client: \[400\] invalid parameter "query": .*parse error/],
    [
      `linear_gauge + on(project_id) ceilometer_cpu`,
      { time },
      422,
      /aetos_client: \[422\] found duplicate series/,
    ],
    [
      `count_over_time(ceilometer_cpu[1d])`,
      { time, timeout: '0.000000001' },
      503,
      /aetos_server: \[503\] query timed out/,
    ],
  ] as const)(
    'maps Prometheus errors passed on by Aetos: %s → %i',
    async (query, options, status, message) => {
      const error = await failureOf(new AetosClient(session()).getInstant(query, options));
      if (aetos1() && 'timeout' in options) {
        // Aetos 1.0 takes no timeout: the client keeps it, and gives up on its own
        expect(error).toBeInstanceOf(PrometheusTimeoutError);
        expect(error).toMatchObject({ timeoutSeconds: 1e-9 });
        expect(error.message).toContain(`at ${stack.gateway.url('/prometheus')}/api/v1/query`);
        return;
      }
      expect(error).toBeInstanceOf(PrometheusResponseError);
      expect((error as PrometheusResponseError).status).toBe(status);
      expect(error.message).toMatch(message);
      expect(error.message).toContain(`at ${stack.gateway.url('/prometheus')}/api/v1/query`);
    },
  );

  it('reports Keystone refusing the credentials as an AetosAuthenticationError without the password', async () => {
    const error = await failureOf(
      new AetosClient(session('cloudkitty', 'service', 'bad-pass-987')).getInstant(CPU),
    );
    expect(error).toBeInstanceOf(AetosAuthenticationError);
    expect(error.message).toMatch(
      /^Cannot reach Aetos \(metric-storage\): Keystone refused password auth for user 'cloudkitty'/,
    );
    expect(error.message).not.toContain('bad-pass-987');
  });

  it('names the endpoint when it cannot connect', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const client = new AetosClient(session(), {
      endpointOverride: `http://127.0.0.1:${port}/prometheus`,
      retries: 0,
    });
    const error = await failureOf(client.getInstant(CPU));
    expect(error).toBeInstanceOf(PrometheusConnectionError);
    expect(error.message).toContain(`http://127.0.0.1:${port}/prometheus/api/v1/query`);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('times out naming the endpoint', async () => {
    const server = createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const client = new AetosClient(session(), {
        endpointOverride: `http://127.0.0.1:${port}`,
        timeout: 1,
        retries: 0,
      });
      const error = await failureOf(client.getInstant(CPU));
      expect(error).toBeInstanceOf(PrometheusTimeoutError);
      expect(error.message).toContain(`http://127.0.0.1:${port}/api/v1/query`);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses range queries (Aetos has none) and bad options', async () => {
    const client = new AetosClient(session());
    await expect(client.getRange(CPU, { start: time, end: time, step: 60 })).rejects.toBeInstanceOf(
      PrometheusError,
    );
    expect(() => new AetosClient(session(), { interface: 'private' })).toThrow(AetosClientOptionsError);
    expect(() => new AetosClient(session(), { interface: 'private' })).toThrow(
      'Invalid Aetos client option interface: expected public, internal or admin, got "private"',
    );
  });

  it('reports 500 when Aetos cannot reach Prometheus', async () => {
    const client = new AetosClient(session());
    await stack.prometheus.stop();
    const error = await failureOf(client.getInstant(CPU, { time }));
    expect(error).toBeInstanceOf(PrometheusResponseError);
    expect((error as PrometheusResponseError).status).toBe(500);
    expect(error.message).toMatch(/aetos_server: .*Connection refused/);
  });
});
