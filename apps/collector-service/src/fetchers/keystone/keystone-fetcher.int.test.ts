import { Session } from '@kitty-collect/keystone-auth';
import { keystoneRequest, type RunningKeystone, startKeystone } from '@kitty-collect/test-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createKeystoneSession } from '../../config/clients.js';
import type { KeystoneConnection } from '../../config/keystone-connection.js';
import { loadServiceConfig } from '../../config/load-service-config.js';
import { confDir, METRICS_YML } from '../../config/testing/conf-dir.js';
import { keystoneFetcherSections } from '../../testing/service-files.js';
import { createScopeFetcher } from '../create-scope-fetcher.js';
import { ScopeFetchError } from '../errors/scope-fetch-error.js';
import { IdentityApi } from './identity-api.js';
import { KeystoneFetcher, RATING_ROLE } from './keystone-fetcher.js';

let keystone: RunningKeystone;
const removals: (() => void)[] = [];

beforeAll(async () => {
  keystone = await startKeystone();
});

afterAll(async () => {
  for (const remove of removals) remove();
  await keystone?.stop();
});

/** A cloudkitty.conf whose `[fetcher_keystone]` points at `[keystone_authtoken]`, as deployments do. */
async function configFor(options: { user?: string; password?: string; env?: NodeJS.ProcessEnv } = {}) {
  const { users } = keystone.fixtures;
  const dir = confDir({
    'cloudkitty.conf': `
[collect]
metrics_conf = metrics.yml
[collector_prometheus]
prometheus_url = http://127.0.0.1:9090/api/v1
${keystoneFetcherSections({
  authUrl: keystone.authUrl,
  username: options.user ?? users.cloudkitty.name,
  password: options.password ?? users.cloudkitty.password,
  projectName: options.user === undefined ? 'service' : 'demo',
})}`,
    'metrics.yml': METRICS_YML,
  });
  removals.push(dir.remove);
  return loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: options.env ?? {} });
}

async function scopesWith(env: NodeJS.ProcessEnv = {}): Promise<string[]> {
  const fetcher = createScopeFetcher(await configFor({ env }));
  try {
    return await fetcher.getScopes();
  } finally {
    await fetcher.close();
  }
}

const sorted = (ids: string[]) => [...ids].sort();

/**
 * CloudKitty's own check, one request per project: `GET /v3/projects/{p}/users/{me}/roles` (keystoneclient's
 * `roles.list(user=me, project=p)`), keeping the projects where a role is named rating.
 */
async function perProjectCheck(connection: KeystoneConnection, ignoreDisabled = false): Promise<string[]> {
  const session = createKeystoneSession(connection);
  try {
    const me = (await session.getAccess()).user.id;
    const api = await IdentityApi.connect(session, {});
    const projects = (await api.listProjects()).filter((project) => !ignoreDisabled || project.enabled);
    const rolesSchema = z.object({ roles: z.array(z.object({ name: z.string() })) });
    const rated: string[] = [];
    for (const project of projects) {
      const body = await api.get(`projects/${project.id}/users/${me}/roles`, rolesSchema);
      if (body.roles.some((role) => role.name === RATING_ROLE)) rated.push(project.id);
    }
    return rated;
  } finally {
    await session.close();
  }
}

describe('keystone fetcher against the real Keystone', () => {
  it('by default: the projects where the service user has rating, disabled ones included', async () => {
    const { ratedA, ratedB, disabledC } = keystone.fixtures.projects;
    expect(sorted(await scopesWith())).toEqual(sorted([ratedA.id, ratedB.id, disabledC.id]));
  });

  it('ignore_disabled_tenants skips disabled projects', async () => {
    const { ratedA, ratedB } = keystone.fixtures.projects;
    const scopes = await scopesWith({ KITTY_COLLECT__FETCHER_KEYSTONE__IGNORE_DISABLED_TENANTS: 'true' });
    expect(sorted(scopes)).toEqual(sorted([ratedA.id, ratedB.id]));
  });

  it('ignore_rating_role gives every project, in both domains', async () => {
    const all = Object.values(keystone.fixtures.projects).map((project) => project.id);
    const scopes = await scopesWith({ KITTY_COLLECT__FETCHER_KEYSTONE__IGNORE_RATING_ROLE: 'true' });
    expect(sorted(scopes)).toEqual(sorted(all));
    const enabled = Object.values(keystone.fixtures.projects)
      .filter((project) => project.enabled)
      .map((project) => project.id);
    const both = await scopesWith({
      KITTY_COLLECT__FETCHER_KEYSTONE__IGNORE_RATING_ROLE: 'true',
      KITTY_COLLECT__FETCHER_KEYSTONE__IGNORE_DISABLED_TENANTS: 'true',
    });
    expect(sorted(both)).toEqual(sorted(enabled));
  });

  it('asks Keystone for the projects and the role assignments, not once per project', async () => {
    const config = await configFor();
    if (config.fetcher.backend !== 'keystone') throw new Error('expected the keystone fetcher');
    const counting = new Session({ auth: config.fetcher.keystone.connection.auth });
    // Service requests go through the session's `request` (token requests do not): record them there.
    const requests: string[] = [];
    const passOn = counting.request.bind(counting);
    Object.defineProperty(counting, 'request', {
      value: (url: string, options?: Parameters<Session['request']>[1]) => {
        requests.push(`${options?.method ?? 'GET'} ${new URL(url).pathname}`);
        return passOn(url, options);
      },
    });
    const fetcher = new KeystoneFetcher({ session: counting, ownsSession: true });
    expect(await fetcher.getScopes()).toHaveLength(3);
    await fetcher.close();
    expect(requests).toEqual(['GET /v3/projects', 'GET /v3/role_assignments']);
  });

  it('uses a session it is given, and leaves it open', async () => {
    const config = await configFor();
    if (config.fetcher.backend !== 'keystone') throw new Error('expected the keystone fetcher');
    const session = createKeystoneSession(config.fetcher.keystone.connection);
    const fetcher = createScopeFetcher(config, { keystoneSession: session });
    expect(await fetcher.getScopes()).toHaveLength(3);
    await fetcher.close();
    expect(await fetcher.getScopes()).toHaveLength(3);
    await session.close();
  });

  it('fails with a ScopeFetchError naming the fetcher and the cause', async () => {
    const config = await configFor({ password: 'wrong' });
    const fetcher = createScopeFetcher(config);
    const error: unknown = await fetcher.getScopes().catch((thrown: unknown) => thrown);
    await fetcher.close();
    expect(error).toBeInstanceOf(ScopeFetchError);
    expect((error as ScopeFetchError).fetcher).toBe('keystone');
    expect((error as ScopeFetchError).message).toMatch(
      /^The keystone scope fetcher failed: Keystone refused .*HTTP 401/,
    );
    expect((error as ScopeFetchError).message).not.toContain('wrong');
  });

  it('explains a 403: a user without admin may not list projects', async () => {
    const { readerDemo } = keystone.fixtures.users;
    const fetcher = createScopeFetcher(
      await configFor({ user: readerDemo.name, password: readerDemo.password }),
    );
    const error: unknown = await fetcher.getScopes().catch((thrown: unknown) => thrown);
    await fetcher.close();
    expect(error).toBeInstanceOf(ScopeFetchError);
    expect((error as Error).message).toMatch(/403.*needs an admin token/);
  });

  // Last: it adds role assignments to this Keystone.
  it('gives exactly what per-project checks give, also with group, inherited, domain and implied roles', async () => {
    const config = await configFor();
    if (config.fetcher.backend !== 'keystone') throw new Error('expected the keystone fetcher');
    const { connection } = config.fetcher.keystone;
    expect(sorted(await scopesWith())).toEqual(sorted(await perProjectCheck(connection)));

    // Grants CloudKitty's per-project check does not see, and `effective` role assignments would.
    const { token } = await keystone.adminToken();
    const { users, roles, projects, domains } = keystone.fixtures;
    const call = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) =>
      keystoneRequest(keystone.authUrl, { method, path, token, ...(body === undefined ? {} : { body }) });
    const group = (await call('POST', '/groups', {
      group: { name: 'raters', domain_id: domains.default.id },
    })) as {
      body: { group: { id: string } };
    };
    const groupId = group.body.group.id;
    const me = users.cloudkitty.id;
    await call('PUT', `/groups/${groupId}/users/${me}`);
    await call('PUT', `/projects/${projects.demo.id}/groups/${groupId}/roles/${roles.rating.id}`);
    await call(
      'PUT',
      `/OS-INHERIT/domains/${domains.other.id}/users/${me}/roles/${roles.rating.id}/inherited_to_projects`,
    );
    await call('PUT', `/domains/${domains.default.id}/users/${me}/roles/${roles.rating.id}`);
    await call('PUT', `/roles/${roles.reader.id}/implies/${roles.rating.id}`);

    const effective = (await call(
      'GET',
      `/role_assignments?user.id=${me}&role.id=${roles.rating.id}&effective&include_names`,
    )) as { body: { role_assignments: { scope: { project?: { id: string } } }[] } };
    const effectiveProjects = new Set(
      effective.body.role_assignments.flatMap((a) => (a.scope.project ? [a.scope.project.id] : [])),
    );
    // What `effective` would wrongly add: the group's demo and the inherited other-p.
    expect(effectiveProjects).toContain(projects.demo.id);
    expect(effectiveProjects).toContain(projects.otherP.id);

    const expected = sorted([projects.ratedA.id, projects.ratedB.id, projects.disabledC.id]);
    expect(sorted(await perProjectCheck(connection))).toEqual(expected);
    expect(sorted(await scopesWith())).toEqual(expected);
    expect(sorted(await perProjectCheck(connection, true))).toEqual(
      sorted(await scopesWith({ KITTY_COLLECT__FETCHER_KEYSTONE__IGNORE_DISABLED_TENANTS: '1' })),
    );
  });
});
