import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  buildAuthRequest,
  DEFAULT_METRIC_STORAGE_ENDPOINTS,
  type IssuedToken,
  issueToken,
  KeystoneHttpError,
  keystoneRequest,
  type RunningKeystone,
  revokeToken,
  setMetricStorageEndpoints,
  startKeystone,
  validateToken,
} from './index.js';

const SHORT_EXPIRATION_SECONDS = 3;
const report = (line: string) => {
  if (process.env.KITTY_REPORT_TIMINGS) console.log(`[keystone timings] ${line}`);
};

let keystone: RunningKeystone;
let shortLived: RunningKeystone;

beforeAll(async () => {
  const started = Date.now();
  // Two instances at once: the second one only exists to see tokens expire quickly. (With `cache: false` it
  // would also prove the launcher's sqlite patch on every token issue, but provisioning then takes ~12 s.)
  const [main, short] = await Promise.allSettled([
    startKeystone(),
    startKeystone({ tokenExpirationSeconds: SHORT_EXPIRATION_SECONDS }),
  ]);
  if (main.status === 'fulfilled') keystone = main.value;
  if (short.status === 'fulfilled') shortLived = short.value;
  if (main.status === 'rejected') throw main.reason;
  if (short.status === 'rejected') throw short.reason;
  report(`two instances in parallel: ${Date.now() - started} ms`);
  report(
    `main ${JSON.stringify(keystone.startupTimings)}; short ${JSON.stringify(shortLived.startupTimings)}`,
  );
}, 120_000);

afterAll(async () => {
  await Promise.all([keystone?.stop(), shortLived?.stop()]);
});

const roleNames = (issued: IssuedToken) => (issued.body.token.roles ?? []).map((role) => role.name).sort();

function cloudkittyToken(): Promise<IssuedToken> {
  const user = keystone.fixtures.users.cloudkitty;
  return issueToken(keystone.authUrl, { username: user.name, password: user.password, project: 'service' });
}

describe('password authentication', () => {
  test('cloudkitty on project service: admin, its implied roles and the provisioned catalog', async () => {
    const { fixtures } = keystone;
    const response = await fetch(`${keystone.authUrl}/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        buildAuthRequest({
          username: fixtures.users.cloudkitty.name,
          password: fixtures.users.cloudkitty.password,
          project: fixtures.projects.service.name,
        }),
      ),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-subject-token')).toMatch(/^gAAAAA/);

    const issued = await cloudkittyToken();
    expect(roleNames(issued)).toEqual(['admin', 'member', 'reader']);
    expect(issued.body.token.project?.id).toBe(fixtures.projects.service.id);
    expect(issued.body.token.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000000Z$/);
    expect((issued.expiresAt.getTime() - issued.issuedAt.getTime()) / 1000).toBeCloseTo(3600, 0);

    const metricStorage = issued.body.token.catalog?.find((entry) => entry.type === 'metric-storage');
    expect(metricStorage?.name).toBe('aetos');
    const endpoints = metricStorage?.endpoints.map((e) => ({
      interface: e.interface,
      region: e.region_id,
      url: e.url,
    }));
    expect(endpoints).toEqual(expect.arrayContaining([...DEFAULT_METRIC_STORAGE_ENDPOINTS]));
    expect(endpoints).toHaveLength(DEFAULT_METRIC_STORAGE_ENDPOINTS.length);
    expect(metricStorage?.endpoints.every((e) => e.region === e.region_id)).toBe(true);
    const identity = issued.body.token.catalog?.find((entry) => entry.type === 'identity');
    expect(identity?.endpoints.map((e) => e.url)).toEqual([
      keystone.authUrl,
      keystone.authUrl,
      keystone.authUrl,
    ]);

    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await cloudkittyToken();
      latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    report(
      `password token issue: median ${latencies[10]?.toFixed(1)} ms, max ${latencies[19]?.toFixed(1)} ms`,
    );
    expect(latencies[10]).toBeLessThan(500);
  });

  test('a wrong password answers 401 with Keystone JSON error and WWW-Authenticate', async () => {
    const response = await fetch(`${keystone.authUrl}/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(
        buildAuthRequest({ username: 'cloudkitty', password: 'wrong', project: 'service' }),
      ),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: {
        code: 401,
        message: 'The request you have made requires authentication.',
        title: 'Unauthorized',
      },
    });
    expect(response.headers.get('www-authenticate')).toMatch(/^Keystone uri="http:\/\/127\.0\.0\.1:\d+/);

    const error = await issueToken(keystone.authUrl, { username: 'nobody', password: 'x' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KeystoneHttpError);
    expect((error as KeystoneHttpError).status).toBe(401);
  });

  test('scopes: domain, system, per-user roles, other domain, disabled project, re-scoping', async () => {
    const { fixtures, authUrl } = keystone;
    const admin = fixtures.users.admin;

    const domainScoped = await issueToken(authUrl, {
      username: admin.name,
      password: admin.password,
      scope: { domain: { id: 'default' } },
    });
    expect(domainScoped.body.token.domain?.id).toBe('default');
    expect(roleNames(domainScoped)).toEqual(['admin', 'member', 'reader']);

    const system = await issueToken(authUrl, {
      username: admin.name,
      password: admin.password,
      scope: { system: { all: true } },
    });
    expect(system.body.token.system).toEqual({ all: true });
    expect(roleNames(system)).toContain('admin');

    const users = fixtures.users;
    const svc = await issueToken(authUrl, {
      userId: users.svcOnly.id,
      password: users.svcOnly.password,
      project: 'service',
    });
    expect(roleNames(svc)).toEqual(['service']);
    const reader = await issueToken(authUrl, { ...login('readerDemo'), project: 'demo' });
    expect(roleNames(reader)).toEqual(['reader']);
    const member = await issueToken(authUrl, { ...login('memberDemo'), project: 'demo' });
    expect(roleNames(member)).toEqual(['member', 'reader']);
    const other = await issueToken(authUrl, { ...login('otherUser'), domain: 'other', project: 'other-p' });
    expect(other.body.token.project).toMatchObject({
      id: fixtures.projects.otherP.id,
      domain: { name: 'other' },
    });
    const rated = await issueToken(authUrl, { ...login('cloudkitty'), project: 'rated-a' });
    expect(roleNames(rated)).toEqual(['rating']);

    const disabled = await issueToken(authUrl, { ...login('cloudkitty'), project: 'disabled-c' }).catch(
      (e) => e,
    );
    expect(disabled).toBeInstanceOf(KeystoneHttpError);
    expect((disabled as KeystoneHttpError).status).toBe(401);
    const noRole = await issueToken(authUrl, { ...login('readerDemo'), project: 'service' }).catch((e) => e);
    expect((noRole as KeystoneHttpError).status).toBe(401);

    const unscoped = await issueToken(authUrl, login('cloudkitty'));
    expect(unscoped.body.token.project).toBeUndefined();
    const rescoped = await issueToken(authUrl, { token: unscoped.token, project: 'rated-b' });
    expect([...rescoped.body.token.methods].sort()).toEqual(['password', 'token']); // order varies
    expect(rescoped.body.token.project?.id).toBe(fixtures.projects.ratedB.id);
    // A re-scoped token keeps the original expiry: renewal needs the credentials again.
    expect(rescoped.body.token.expires_at).toBe(unscoped.body.token.expires_at);

    function login(key: keyof typeof users) {
      return { username: users[key].name, password: users[key].password };
    }
  });
});

test('application credential: by id and by name, scoped to the credential project', async () => {
  const { applicationCredential: cred, projects } = keystone.fixtures;
  const byId = await issueToken(keystone.authUrl, {
    applicationCredential: { id: cred.id, secret: cred.secret },
  });
  expect(byId.body.token.methods).toEqual(['application_credential']);
  expect(byId.body.token.project?.id).toBe(projects.service.id);
  expect(byId.body.token.application_credential?.id).toBe(cred.id);
  // Keystone 22 does not expand implied roles for application credentials: only the credential's own roles.
  expect(roleNames(byId)).toEqual(['admin']);
  expect(byId.body.token.catalog?.some((entry) => entry.type === 'metric-storage')).toBe(true);

  const byName = await issueToken(keystone.authUrl, {
    applicationCredential: { name: cred.name, secret: cred.secret, user: { id: cred.userId } },
  });
  expect(byName.body.token.user.id).toBe(cred.userId);

  const wrong = await issueToken(keystone.authUrl, {
    applicationCredential: { id: cred.id, secret: 'nope' },
  }).catch((e) => e);
  expect((wrong as KeystoneHttpError).status).toBe(401);
});

test('validation, revocation and writes after tokens were issued (no "database is locked")', async () => {
  const { authUrl, fixtures } = keystone;
  const admin = await keystone.adminToken();
  const subject = await cloudkittyToken();

  const valid = await validateToken(authUrl, admin.token, subject.token);
  expect(valid.status).toBe(200);
  expect(valid.body).toMatchObject({ token: { user: { id: fixtures.users.cloudkitty.id } } });
  // The role a gateway has: service may validate others' tokens, reader may not.
  const { svcOnly, readerDemo } = fixtures.users;
  const svc = await issueToken(authUrl, {
    username: svcOnly.name,
    password: svcOnly.password,
    project: 'service',
  });
  expect((await validateToken(authUrl, svc.token, subject.token)).status).toBe(200);
  const reader = await issueToken(authUrl, {
    username: readerDemo.name,
    password: readerDemo.password,
    project: 'demo',
  });
  expect((await validateToken(authUrl, reader.token, subject.token)).status).toBe(403);

  let t0 = performance.now();
  await revokeToken(authUrl, admin.token, subject.token);
  const revokeMs = performance.now() - t0;
  expect((await validateToken(authUrl, admin.token, subject.token)).status).toBe(404);
  const used = await keystoneRequest(authUrl, { path: '/projects', token: subject.token, expect: [401] });
  expect(used.status).toBe(401);

  t0 = performance.now();
  const created = await keystoneRequest<{ project: { id: string } }>(authUrl, {
    method: 'POST',
    path: '/projects',
    token: admin.token,
    body: { project: { name: 'created-at-runtime', domain_id: 'default' } },
    expect: [201],
  });
  await keystoneRequest(authUrl, {
    method: 'PATCH',
    path: `/projects/${created.body.project.id}`,
    token: admin.token,
    body: { project: { enabled: false } },
  });
  await keystoneRequest(authUrl, {
    method: 'DELETE',
    path: `/projects/${created.body.project.id}`,
    token: admin.token,
    expect: [204],
  });
  const writeMs = performance.now() - t0;
  report(`revoke ${revokeMs.toFixed(1)} ms; project create+disable+delete ${writeMs.toFixed(1)} ms`);
  // A lock shows up as a 5 s wait and then HTTP 500.
  expect(revokeMs).toBeLessThan(2_000);
  expect(writeMs).toBeLessThan(3_000);
});

test('setMetricStorageEndpoints replaces the catalog entries at runtime', async () => {
  const specs = [
    { interface: 'public', region: 'RegionOne', url: 'http://127.0.0.1:9/aetos' },
    { interface: 'internal', region: 'RegionThree', url: 'http://127.0.0.1:10/aetos' },
  ] as const;
  const before = await cloudkittyToken();
  try {
    const endpoints = await setMetricStorageEndpoints(keystone, specs);
    expect(endpoints.map(({ id: _id, ...spec }) => spec)).toEqual(specs);
    expect(keystone.fixtures.services.metricStorage.endpoints).toEqual(endpoints);
    const after = await cloudkittyToken();
    const entry = after.body.token.catalog?.find((e) => e.type === 'metric-storage');
    expect(entry?.endpoints.map((e) => [e.interface, e.region_id, e.url]).sort()).toEqual([
      ['internal', 'RegionThree', 'http://127.0.0.1:10/aetos'],
      ['public', 'RegionOne', 'http://127.0.0.1:9/aetos'],
    ]);
    // Fernet tokens carry no catalog: validating an older token shows the new one too.
    const admin = await keystone.adminToken();
    const validated = await validateToken(keystone.authUrl, admin.token, before.token);
    const seen = (validated.body as typeof before.body).token.catalog?.find(
      (e) => e.type === 'metric-storage',
    );
    expect(seen?.endpoints).toHaveLength(2);
  } finally {
    await setMetricStorageEndpoints(keystone, DEFAULT_METRIC_STORAGE_ENDPOINTS);
  }
});

test('tokenExpirationSeconds: tokens expire and are then refused', async () => {
  const { authUrl, fixtures } = shortLived;
  const user = fixtures.users.cloudkitty;
  const issued = await issueToken(authUrl, {
    username: user.name,
    password: user.password,
    project: 'service',
  });
  expect((issued.expiresAt.getTime() - issued.issuedAt.getTime()) / 1000).toBe(SHORT_EXPIRATION_SECONDS);
  expect((await validateToken(authUrl, issued.token, issued.token)).status).toBe(200);

  // issued_at is truncated to the second; wait for expires_at plus a margin.
  await new Promise((resolve) => setTimeout(resolve, issued.expiresAt.getTime() - Date.now() + 1_200));
  // The caller's token must be fresh: any older one has expired as well.
  const admin = await shortLived.adminToken();
  expect((await validateToken(authUrl, admin.token, issued.token)).status).toBe(404);
  const allowed = await validateToken(authUrl, admin.token, issued.token, { allowExpired: true });
  expect(allowed.status).toBe(200);
  await keystoneRequest(authUrl, { path: '/auth/projects', token: issued.token, expect: [401] });

  // Renewal: the same credentials give a fresh token.
  const renewed = await issueToken(authUrl, {
    username: user.name,
    password: user.password,
    project: 'service',
  });
  expect(renewed.expiresAt.getTime()).toBeGreaterThan(issued.expiresAt.getTime());
});

test('restart() keeps the database and keys: an earlier token still validates', async () => {
  const oldPid = keystone.pid;
  const token = await cloudkittyToken();
  const t0 = performance.now();
  let whileDown: unknown;
  await keystone.restart({
    whileDown: async () => {
      whileDown = await fetch(keystone.authUrl).catch((error: unknown) => error);
    },
  });
  expect(whileDown).toBeInstanceOf(TypeError); // fetch failed: connection refused
  report(`restart ${(performance.now() - t0).toFixed(0)} ms`);
  expect(keystone.pid).not.toBe(oldPid);
  expect(() => process.kill(oldPid, 0)).toThrow();
  const admin = await keystone.adminToken();
  expect((await validateToken(keystone.authUrl, admin.token, token.token)).status).toBe(200);
  const project = await keystoneRequest<{ project: { name: string } }>(keystone.authUrl, {
    path: `/projects/${keystone.fixtures.projects.ratedA.id}`,
    token: admin.token,
  });
  expect(project.body.project.name).toBe('rated-a');
});

test('a failing step rejects with the command and the tail of its log', async () => {
  const previous = process.env.KITTY_KEYSTONE_MANAGE_BIN;
  process.env.KITTY_KEYSTONE_MANAGE_BIN = '/bin/false';
  try {
    await expect(startKeystone({ startTimeoutMs: 10_000 })).rejects.toThrow(
      /db_sync exited with code 1\ncommand: \/bin\/false --config-file \S+\.conf db_sync\nlast lines of/,
    );
  } finally {
    if (previous === undefined) delete process.env.KITTY_KEYSTONE_MANAGE_BIN;
    else process.env.KITTY_KEYSTONE_MANAGE_BIN = previous;
  }
});

test('stop() leaves no process and removes its workDir', async () => {
  const { pid, workDir } = shortLived;
  expect(() => process.kill(pid, 0)).not.toThrow();
  await shortLived.stop();
  expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  expect(existsSync(workDir)).toBe(false);
  await shortLived.stop();
  await expect(fetch(shortLived.authUrl)).rejects.toThrow();
});
