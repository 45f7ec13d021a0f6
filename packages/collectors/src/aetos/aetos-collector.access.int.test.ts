import { AetosAccessError } from '@kitty-collect/aetos-client';
import { CollectError, parseMetricsConf } from '@kitty-collect/collector-base';
import { PasswordAuth, type PasswordAuthOptions, Session } from '@kitty-collect/keystone-auth';
import { PrometheusClient } from '@kitty-collect/prometheus-client';
import { type AetosStack, startAetosStack } from '@kitty-collect/test-stack';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { answeredRecords } from '../testing/aetos-records.js';
import { alpha, beta, end, start } from '../testing/rating-matrix.js';
import { AetosCollector } from './aetos-collector.js';

let stack: AetosStack;
const sessions: Session[] = [];
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  stack = await startAetosStack({ projectLabel: 'project_id' });
});

afterAll(async () => {
  await Promise.all([...sessions.map((session) => session.close()), ...closers.map((close) => close())]);
  await stack?.stop();
});

beforeEach(async () => {
  await stack.gateway.reset();
});

type FixtureUser = 'cloudkitty' | 'svcOnly' | 'readerDemo' | 'memberDemo';
const PROJECT_OF: Record<FixtureUser, string> = {
  cloudkitty: 'service',
  svcOnly: 'service',
  readerDemo: 'demo',
  memberDemo: 'demo',
};

function session(auth: Omit<PasswordAuthOptions, 'authUrl'>): Session {
  const created = new Session({ auth: new PasswordAuth({ authUrl: stack.keystone.authUrl, ...auth }) });
  sessions.push(created);
  return created;
}

/** A session as `user` on its project (cloudkitty and svc-only on service, the demo users on demo). */
function sessionAs(user: FixtureUser): Session {
  const { name, password } = stack.keystone.fixtures.users[user];
  return session({
    username: name,
    password,
    userDomainName: 'Default',
    projectName: PROJECT_OF[user],
    projectDomainName: 'Default',
  });
}

function collectorOn(session: Session): AetosCollector {
  return new AetosCollector({
    period: 3600,
    conf: parseMetricsConf('metrics: {linear_gauge: {unit: u}}'),
    session,
    aetos: { interface: 'public', regionName: 'RegionOne' },
  });
}

async function rejection(promise: Promise<unknown>): Promise<CollectError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as CollectError,
  );
}

const NEEDED = "needs role 'admin' on a project-scoped token or role 'service'";

describe('AetosCollector: refuses a token that Aetos would restrict to its own project', () => {
  it.each([
    ['cloudkitty', 'admin on project service'],
    ['svcOnly', 'service on project service'],
  ] as const)('%s (%s) collects every project', async (user, _roles) => {
    const collector = collectorOn(sessionAs(user));
    expect(
      (await collector.fetchAll('linear_gauge', start, end, alpha)).map((p) => p.toJSON().vol.qty),
    ).toEqual(['120']);
    const batched = await collector.fetchAllBatched('linear_gauge', start, end, [alpha, beta]);
    expect([...batched.values()].map((points) => points.length)).toEqual([1, 1]);
    const records = answeredRecords(await stack.gateway.records());
    expect(records.map((record) => record.access)).toEqual(['all-projects', 'all-projects']);
  });

  it.each([
    ['readerDemo', 'reader-demo', 'role reader'],
    ['memberDemo', 'member-demo', 'roles member, reader'],
  ] as const)(
    '%s: every collection fails naming the roles, and Aetos gets no query',
    async (user, name, roles) => {
      const keystoneSession = sessionAs(user);
      const getAccess = vi.spyOn(keystoneSession, 'getAccess');
      const collector = collectorOn(keystoneSession);
      const error = await rejection(collector.fetchAll('linear_gauge', start, end, alpha));
      expect(error).toBeInstanceOf(CollectError);
      expect(error.collector).toBe('aetos');
      expect(error.cause).toBeInstanceOf(AetosAccessError);
      expect(error.cause).toMatchObject({
        access: 'project',
        user: name,
        project: 'demo',
        rolesNeeded: ['admin', 'service'],
      });
      expect(error.message).toBe(
        `Keystone user '${name}' has ${roles} on project demo; collecting every project through Aetos ${NEEDED} (Aetos would return only project demo's series)`,
      );
      const batched = await rejection(collector.fetchAllBatched('linear_gauge', start, end, [alpha, beta]));
      expect(batched.cause).toMatchObject({ access: 'project', user: name });
      // Checked again at each query (a role granted later counts with the next token), on the same token.
      expect(getAccess).toHaveBeenCalledTimes(2);
      expect(keystoneSession.authentications).toBe(1);
      expect(await stack.gateway.records()).toEqual([]);
    },
  );

  it('a domain-scoped admin token is refused too (Aetos would answer 403)', async () => {
    const { name, password } = stack.keystone.fixtures.users.admin;
    const collector = collectorOn(
      session({ username: name, password, userDomainName: 'Default', domainName: 'Default' }),
    );
    const error = await rejection(collector.fetchAll('linear_gauge', start, end, alpha));
    expect(error.cause).toMatchObject({ access: 'denied', domain: 'Default', project: undefined });
    expect(error.message).toContain(
      `on domain Default (a domain-scoped token); collecting every project through Aetos ${NEEDED}`,
    );
    expect(await stack.gateway.records()).toEqual([]);
  });

  it('a Keystone failure is not kept: the next collection checks again', async () => {
    const collector = collectorOn(sessionAs('svcOnly'));
    await stack.keystone.restart({
      whileDown: async () => {
        const error = await rejection(collector.fetchAll('linear_gauge', start, end, alpha));
        expect(error).toBeInstanceOf(CollectError);
        expect(error.message).toMatch(
          /^aetos: no Keystone token to check its roles: Keystone is unavailable at /,
        );
      },
    });
    expect(await collector.fetchAll('linear_gauge', start, end, alpha)).toHaveLength(1);
  });

  it('a client that is not an AetosClient is not checked', async () => {
    const client = new PrometheusClient({ url: stack.prometheus.apiUrl });
    closers.push(() => client.close());
    const collector = new AetosCollector({
      period: 3600,
      conf: parseMetricsConf('metrics: {linear_gauge: {unit: u}}'),
      client,
    });
    expect(await collector.fetchAll('linear_gauge', start, end, alpha)).toHaveLength(1);
  });
});
