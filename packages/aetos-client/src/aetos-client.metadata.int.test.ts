import type { Session } from '@kitty-collect/keystone-auth';
import { PrometheusError, PrometheusResponseError } from '@kitty-collect/prometheus-client-base';
import { PROJECTS, type RunningAetosStack, startAetosStack } from '@kitty-collect/test-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AetosClient } from './aetos-client.js';
import { AetosAuthenticationError } from './errors/aetos-authentication-error.js';
import { passwordSession } from './testing/password-session.js';

const { alpha, beta, gappy, quirky } = PROJECTS;
type User = 'cloudkitty' | 'readerDemo' | 'memberDemo';
const PROJECT_OF: Record<User, string> = { cloudkitty: 'service', readerDemo: 'demo', memberDemo: 'demo' };

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as Error,
  );
}

// Aetos 2.0 restricts a reader on its configured label (project_id here); 1.0 has no such option: always `project`.
describe.each([
  ['2.0', 'project_id'],
  ['1.0', 'project'],
] as const)('AetosClient series and labels through Aetos %s', (version, readerLabel) => {
  let stack: RunningAetosStack;
  const sessions: Session[] = [];

  beforeAll(async () => {
    stack = await startAetosStack({ projectLabel: 'project_id', version });
  });

  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.close()));
    await stack?.stop();
  });

  function client(user: User = 'cloudkitty', password?: string): AetosClient {
    const session = passwordSession(stack, user, PROJECT_OF[user], password);
    sessions.push(session);
    return new AetosClient(session, { retries: 0 });
  }

  it('admin (cloudkitty, admin on service): every project, selectors sent as they are', async () => {
    await stack.gateway.reset();
    const admin = client();
    expect(await admin.getSeries([`ceilometer_cpu{project_id="${alpha}"}`])).toEqual([
      {
        __name__: 'ceilometer_cpu',
        flavor_id: '1',
        flavor_name: 'm1.small',
        project_id: alpha,
        resource_id: 'vm-a1',
      },
      {
        __name__: 'ceilometer_cpu',
        flavor_id: '4',
        flavor_name: 'm1.large',
        project_id: alpha,
        resource_id: 'vm-a2',
      },
    ]);
    expect(await admin.getLabelValues('project_id')).toEqual([beta, gappy, alpha, quirky]);
    expect(await admin.getLabelNames({ match: ['linear_gauge'] })).toEqual([
      '__name__',
      'project_id',
      'resource_id',
    ]);
    const records = await stack.gateway.records();
    expect(
      records.map((record) => [record.path, record.access, record.forwardedMatch, record.status]),
    ).toEqual([
      ['/prometheus/api/v1/series', 'all-projects', [`ceilometer_cpu{project_id="${alpha}"}`], 200],
      ['/prometheus/api/v1/label/project_id/values', 'all-projects', [], 200],
      ['/prometheus/api/v1/labels', 'all-projects', ['linear_gauge'], 200],
    ]);
  });

  it('Aetos forwards match[] only: start, end and limit are dropped', async () => {
    await stack.gateway.reset();
    // 2020-01-01T00:00Z..01:00Z, long before the dataset: Prometheus itself would answer []
    const series = await client().getSeries(['linear_gauge'], {
      start: 1577836800,
      end: 1577840400,
      limit: 1,
    });
    expect(series.map((labels) => labels.resource_id).sort()).toEqual(['lin-1', 'lin-2']);
    const [record] = await stack.gateway.records();
    expect(record?.forwardedMatch).toEqual(['linear_gauge']);
  });

  it.each(['readerDemo', 'memberDemo'] as const)(
    '%s (reader on demo): restricted to project demo, which has no series',
    async (user) => {
      await stack.gateway.reset();
      const reader = client(user);
      const demo = stack.keystone.fixtures.projects.demo.id;
      expect(await reader.getSeries(['ceilometer_cpu', '{resource_id="vm-a1"}'])).toEqual([]);
      expect(await reader.getLabelValues('project_id')).toEqual([]);
      expect(await reader.getLabelNames()).toEqual([]);
      const records = await stack.gateway.records();
      expect(records.map((record) => [record.access, record.forwardedMatch])).toEqual([
        [
          'project',
          [`ceilometer_cpu{${readerLabel}="${demo}"}`, `{resource_id="vm-a1", ${readerLabel}="${demo}"}`],
        ],
        ['project', [`{${readerLabel}="${demo}"}`]],
        ['project', [`{${readerLabel}="${demo}"}`]],
      ]);
    },
  );

  it("a bad selector: Aetos' 400 with Prometheus' words, naming the selector", async () => {
    const error = await failureOf(client().getSeries(['ceilometer_cpu{']));
    expect(error).toBeInstanceOf(PrometheusResponseError);
    expect(error).toMatchObject({
      status: 400,
      errorType: 'aetos_client',
      error: '[400] invalid parameter "match[]": 1:16: parse error: unexpected end of input inside braces',
      match: ['ceilometer_cpu{'],
      url: `${stack.gateway.url('/prometheus')}/api/v1/series`,
    });
    expect(error.message).toContain(
      `for match[] 'ceilometer_cpu{' at ${stack.gateway.url('/prometheus')}/api/v1/series`,
    );
  });

  it('no token: refused credentials are an AetosAuthenticationError, nothing reaches Aetos', async () => {
    await stack.gateway.reset();
    const error = await failureOf(client('cloudkitty', 'wrong-password').getLabelNames());
    expect(error).toBeInstanceOf(AetosAuthenticationError);
    expect(error.message).toMatch(/^Cannot reach Aetos \(metric-storage\): Keystone refused password auth/);
    expect(await stack.gateway.records()).toEqual([]);
  });

  it('still no range queries through Aetos', async () => {
    const error = await failureOf(client().getRange('up', { start: 0, end: 60, step: 60 }));
    expect(error).toBeInstanceOf(PrometheusError);
    expect(error.message).toBe('Aetos only offers instant queries (/api/v1/query), not /api/v1/query_range');
  });
});
