import type { Session } from '@kitty-collect/keystone-auth';
import {
  PrometheusResponseError,
  PrometheusTimeoutError,
  pinQueryAt,
} from '@kitty-collect/prometheus-client-base';
import {
  PROJECTS,
  type RunningAetosGateway,
  type RunningAetosStack,
  startAetosGatewayInCatalog,
  startAetosStack,
} from '@kitty-collect/test-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AetosClient } from './aetos-client.js';
import type { AetosClientOptions } from './options.js';
import { passwordSession } from './testing/password-session.js';
import { isUnknownTimeArgument } from './time-parameter.js';

let stack: RunningAetosStack;
/** Gateways answering as each release, on the same Keystone and Prometheus. */
const gateways = {} as Record<'1.0' | '2.0', RunningAetosGateway>;
let session: Session;
const time = new Date('2026-01-04T01:00:00Z');
const seconds = time.getTime() / 1000;

beforeAll(async () => {
  stack = await startAetosStack({ projectLabel: 'project_id', version: '2.0' });
  gateways['2.0'] = stack.gateway;
  gateways['1.0'] = await startAetosGatewayInCatalog(stack.keystone, stack.prometheus, {
    projectLabel: 'project_id',
    version: '1.0',
  });
  session = passwordSession(stack, 'cloudkitty', 'service');
});

afterAll(async () => {
  await session?.close();
  await gateways['1.0']?.stop();
  await stack?.stop();
});

function clientOf(version: '1.0' | '2.0', options: AetosClientOptions = {}) {
  const infos: { details: Record<string, unknown>; message: string }[] = [];
  const client = new AetosClient(session, {
    endpointOverride: gateways[version].url('/prometheus'),
    retries: 0,
    logger: { info: (details, message) => infos.push({ details, message }) },
    ...options,
  });
  return { client, infos };
}

const QUERIES = [
  `ceilometer_cpu{project_id="${PROJECTS.alpha}"}`,
  'max(max_over_time(ceilometer_cpu[3600s])) by (project_id, resource_id)',
  'sum by (project_id) (rate(ceilometer_cpu[5m] offset 10m))',
  'max_over_time(linear_gauge[1h:5m])',
  'ceilometer_cpu * on (flavor_name) group_left() flavor_vcpus',
  'time() - timestamp(linear_gauge)',
  'linear_gauge[3m]',
  'scalar(sum(linear_gauge))',
];

describe("timeParameter 'auto' (the default)", () => {
  it('sends time and timeout to Aetos 2.0, and never pins', async () => {
    const { client, infos } = clientOf('2.0');
    gateways['2.0'].reset();
    await client.getInstant(QUERIES[0] as string, { time, timeout: 30 });
    expect(gateways['2.0'].records().map((record) => [record.status, record.params])).toEqual([
      [200, { query: QUERIES[0], time: time.toISOString(), timeout: '30s' }],
    ]);
    expect(client.timeParameter).toBe('query');
    expect(infos).toEqual([]);
  });

  it("turns to @ pinning at Aetos 1.0's 400, for good: one refused request, one info line", async () => {
    const { client, infos } = clientOf('1.0');
    gateways['1.0'].reset();
    expect(client.timeParameter).toBe('query');
    for (const query of QUERIES.slice(0, 3)) await client.getInstant(query, { time, timeout: 30 });
    const records = gateways['1.0'].records();
    expect(records.map((record) => record.status)).toEqual([400, 200, 200, 200]);
    expect(records.map((record) => record.params)).toEqual([
      { query: QUERIES[0], time: time.toISOString(), timeout: '30s' },
      ...QUERIES.slice(0, 3).map((query) => ({ query: pinQueryAt(query, time) })),
    ]);
    expect(client.timeParameter).toBe('at-modifier');
    expect(infos).toEqual([
      {
        details: { serviceType: 'metric-storage', timeParameter: 'at-modifier' },
        message: 'Aetos refuses the time parameter (Aetos 1.0): pinning queries with @ from now on',
      },
    ]);
  });

  it('switches once when many queries meet the 400 at the same time', async () => {
    const { client, infos } = clientOf('1.0');
    gateways['1.0'].reset();
    const answers = await Promise.all(QUERIES.map((query) => client.getInstant(query, { time })));
    expect(answers.map((answer) => answer.resultType)).toEqual([
      'vector',
      'vector',
      'vector',
      'vector',
      'vector',
      'vector',
      'matrix',
      'scalar',
    ]);
    expect(infos).toHaveLength(1);
    const refused = gateways['1.0'].records().filter((record) => record.status === 400);
    expect(refused.length).toBeLessThanOrEqual(QUERIES.length); // each at most once, then pinned
    await client.getInstant(QUERIES[0] as string, { time });
    expect(gateways['1.0'].records().at(-1)?.params).toEqual({
      query: pinQueryAt(QUERIES[0] as string, time),
    });
  });

  it('gives through Aetos 1.0 exactly what Aetos 2.0 gives with time=', async () => {
    const v2 = clientOf('2.0').client;
    const v1 = clientOf('1.0').client;
    for (const query of QUERIES) {
      const expected = await v2.getInstantResponse(query, { time });
      expect(await v1.getInstantResponse(query, { time }), query).toEqual(expected);
    }
  });

  it('keeps the timeout on the client side for Aetos 1.0', async () => {
    const { client } = clientOf('1.0');
    const failure = client.getInstant('count_over_time(ceilometer_cpu[1d])', { time, timeout: 0.001 });
    await expect(failure).rejects.toBeInstanceOf(PrometheusTimeoutError);
    await expect(failure).rejects.toThrow(
      `Prometheus at ${gateways['1.0'].url('/prometheus')}/api/v1/query did not respond within 0.001 s for query 'count_over_time(ceilometer_cpu[1d] @ ${seconds})'`,
    );
    // a generous one leaves the answer alone
    expect((await client.getInstant('vector(1)', { time, timeout: '1m' })).resultType).toBe('vector');
  });

  it('does not switch for another 400', async () => {
    const { client, infos } = clientOf('1.0');
    const failure = client.getInstant('sum(', {});
    await expect(failure).rejects.toBeInstanceOf(PrometheusResponseError);
    expect(client.timeParameter).toBe('query');
    expect(infos).toEqual([]);
  });
});

describe("timeParameter 'query' and 'at-modifier'", () => {
  it("'query' never pins: Aetos 1.0's 400 reaches the caller", async () => {
    const { client } = clientOf('1.0', { timeParameter: 'query' });
    const error = await client.getInstant(QUERIES[0] as string, { time }).catch((caught: unknown) => caught);
    expect(isUnknownTimeArgument(error)).toBe(true);
    expect((error as Error).message).toContain('(HTTP 400 aetos_client: Unknown argument: "time")');
    expect(client.timeParameter).toBe('query');
  });

  it("'at-modifier' pins from the first query, also for Aetos 2.0, with the same answers", async () => {
    const { client } = clientOf('2.0', { timeParameter: 'at-modifier' });
    const reference = clientOf('2.0', { timeParameter: 'query' }).client;
    gateways['2.0'].reset();
    for (const query of QUERIES) {
      expect(await client.getInstantResponse(query, { time }), query).toEqual(
        await reference.getInstantResponse(query, { time }),
      );
    }
    const sent = gateways['2.0'].records().filter((_, index) => index % 2 === 0);
    expect(sent.map((record) => record.params)).toEqual(
      QUERIES.map((query) => ({ query: pinQueryAt(query, time) })),
    );
  });

  it('refuses an unknown mode as an options error naming the option', () => {
    expect(() => new AetosClient(session, { timeParameter: 'time' as 'auto' })).toThrow(/timeParameter/);
  });
});
