import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { issueToken, type RunningKeystone, revokeToken, startKeystone } from '@kitty-collect/test-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorizationFailure } from '../errors/authorization-failure.js';
import { EndpointNotFound } from '../errors/endpoint-not-found.js';
import { KeystoneUnavailable } from '../errors/keystone-unavailable.js';
import { ApplicationCredentialAuth } from '../identity/application-credential.js';
import { PasswordAuth } from '../identity/password.js';
import { TokenAuth } from '../identity/token.js';
import { Session } from './session.js';
import type { SessionLogger } from './session-options.js';

let keystone: RunningKeystone;
let shortLived: RunningKeystone;

beforeAll(async () => {
  [keystone, shortLived] = await Promise.all([
    startKeystone(),
    startKeystone({ tokenExpirationSeconds: 12 }),
  ]);
});

afterAll(async () => {
  await Promise.all([keystone?.stop(), shortLived?.stop()]);
});

function cloudkittyAuth(authUrl = keystone.authUrl, password = keystone.fixtures.users.cloudkitty.password) {
  return new PasswordAuth({
    authUrl,
    username: 'cloudkitty',
    userDomainName: 'Default',
    password,
    projectName: 'service',
    projectDomainName: 'Default',
  });
}

/** Revokes the session's current token behind its back (as an admin would); returns it. */
async function revokeCurrentToken(session: Session): Promise<string> {
  const token = await session.getToken();
  const admin = await issueToken(keystone.authUrl, {
    username: 'admin',
    password: keystone.fixtures.users.admin.password,
    project: 'admin',
  });
  await revokeToken(keystone.authUrl, admin.token, token);
  return token;
}

/** A reverse proxy in front of Keystone that counts token requests, to see them on the wire. */
async function countingProxy(
  target: string,
): Promise<{ url: string; tokenRequests: () => number; close: () => Promise<void> }> {
  let tokenRequests = 0;
  const server: Server = createServer(async (request, response) => {
    if (request.method === 'POST' && request.url?.endsWith('/auth/tokens')) tokenRequests += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const upstream = await fetch(`${target}${request.url}`, {
      method: request.method,
      headers: {
        'content-type': 'application/json',
        ...(request.headers['x-auth-token']
          ? { 'x-auth-token': String(request.headers['x-auth-token']) }
          : {}),
      },
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    });
    const headers: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'content-encoding')
        headers[name] = value;
    });
    response.writeHead(upstream.status, headers).end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tokenRequests: () => tokenRequests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('Session against a real Keystone', () => {
  it('authenticates with a password, scoped to a project by name, and exposes roles and catalog', async () => {
    const session = new Session({ auth: cloudkittyAuth(), timeout: 30 });
    const access = await session.getAccess();
    expect(access.token).toMatch(/^gAAAA/);
    expect(access.user).toMatchObject({ id: keystone.fixtures.users.cloudkitty.id, name: 'cloudkitty' });
    expect(access.project).toMatchObject({ id: keystone.fixtures.projects.service.id, name: 'service' });
    expect([...access.roles].sort()).toEqual(['admin', 'member', 'reader']);
    expect(access.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3000_000);
    expect(await session.getToken()).toBe(access.token);
    expect(session.authentications).toBe(1);
    await session.close();
  });

  it.each([
    ['project by id', () => ({ projectId: keystone.fixtures.projects.admin.id }), 'project'],
    ['domain', () => ({ domainName: 'Default' }), 'domain'],
    ['system', () => ({ systemScope: 'all' }), 'system'],
    ['nothing', () => ({}), 'unscoped'],
  ] as const)('scopes an admin token to %s', async (_label, scope, kind) => {
    const session = new Session({
      auth: new PasswordAuth({
        authUrl: keystone.baseUrl,
        userId: keystone.fixtures.users.admin.id,
        password: keystone.fixtures.users.admin.password,
        ...scope(),
      }),
    });
    const access = await session.getAccess();
    expect({
      project: access.project !== undefined,
      domain: access.domain !== undefined,
      system: access.system !== undefined,
    }).toEqual({ project: kind === 'project', domain: kind === 'domain', system: kind === 'system' });
    if (kind === 'unscoped') expect(access.roles).toEqual([]);
    else expect(access.roles).toContain('admin');
    await session.close();
  });

  it('authenticates a user of another domain by domain id', async () => {
    const other = keystone.fixtures.users.otherUser;
    const session = new Session({
      auth: new PasswordAuth({
        authUrl: keystone.authUrl,
        username: other.name,
        userDomainId: other.domainId,
        password: other.password,
        projectName: 'other-p',
        projectDomainName: 'other',
      }),
    });
    expect((await session.getAccess()).project?.id).toBe(keystone.fixtures.projects.otherP.id);
    await session.close();
  });

  it('authenticates with an application credential, by id and by name with its user', async () => {
    const credential = keystone.fixtures.applicationCredential;
    for (const auth of [
      new ApplicationCredentialAuth({
        authUrl: keystone.authUrl,
        applicationCredentialId: credential.id,
        applicationCredentialSecret: credential.secret,
      }),
      new ApplicationCredentialAuth({
        authUrl: keystone.authUrl,
        applicationCredentialName: credential.name,
        applicationCredentialSecret: credential.secret,
        username: credential.userName,
        userDomainName: credential.userDomainName,
      }),
    ]) {
      const session = new Session({ auth });
      const access = await session.getAccess();
      expect(access.project?.id).toBe(credential.projectId);
      expect(access.methods).toContain('application_credential');
      expect(access.roles).toContain('admin');
      await session.close();
    }
  });

  it('rescopes an existing token with TokenAuth', async () => {
    const unscoped = await issueToken(keystone.authUrl, {
      username: 'cloudkitty',
      password: keystone.fixtures.users.cloudkitty.password,
    });
    const session = new Session({
      auth: new TokenAuth({
        authUrl: keystone.authUrl,
        token: unscoped.token,
        projectName: 'rated-a',
        projectDomainName: 'Default',
      }),
    });
    const access = await session.getAccess();
    expect(access.project?.name).toBe('rated-a');
    expect(access.roles).toContain('rating');
    await session.close();
  });

  it('selects endpoints by interface and region, and lists the offer when nothing matches', async () => {
    const session = new Session({ auth: cloudkittyAuth() });
    expect(
      await session.getEndpoint({
        serviceType: 'metric-storage',
        interface: 'public',
        regionName: 'RegionOne',
      }),
    ).toBe('http://127.0.0.1:1/prometheus');
    expect(
      await session.getEndpoint({
        serviceType: 'metric-storage',
        interface: 'internalURL',
        regionName: 'RegionTwo',
      }),
    ).toBe('http://127.0.0.1:5');
    expect(await session.getEndpoint({ serviceType: 'identity' })).toBe(keystone.authUrl);
    expect(
      await session.getEndpoint({
        serviceType: 'metric-storage',
        endpointOverride: 'http://127.0.0.1:9/aetos',
      }),
    ).toBe('http://127.0.0.1:9/aetos');
    const missing = session.getEndpoint({ serviceType: 'metric-storage', regionName: 'RegionThree' });
    await expect(missing).rejects.toBeInstanceOf(EndpointNotFound);
    await expect(missing).rejects.toThrow(
      "No 'metric-storage' endpoint for interface public, region RegionThree: the catalog offers: public RegionOne [aetos] http://127.0.0.1:1/prometheus;",
    );
    await session.close();
  });

  it('gives a ky client on the catalog endpoint that carries the token', async () => {
    const session = new Session({ auth: cloudkittyAuth() });
    const identity = await session.client({ serviceType: 'identity', interface: 'public' });
    const body = await identity.get('projects').json<{ projects: { name: string }[] }>();
    expect(body.projects.map((project) => project.name)).toEqual(
      expect.arrayContaining(['admin', 'service', 'demo', 'rated-a', 'rated-b', 'disabled-c']),
    );
    await session.close();
  });

  it('re-authenticates once and replays the request when a service answers 401 (revoked token)', async () => {
    const proxy = await countingProxy(keystone.baseUrl);
    const session = new Session({ auth: cloudkittyAuth(`${proxy.url}/v3`) });
    try {
      const first = await revokeCurrentToken(session);
      const identity = await session.client({
        serviceType: 'identity',
        endpointOverride: `${keystone.authUrl}/`,
      });
      const body = await identity.get('projects').json<{ projects: unknown[] }>();
      expect(body.projects.length).toBeGreaterThan(5);
      expect(await session.getToken()).not.toBe(first);
      expect(session.authentications).toBe(2);
      expect(proxy.tokenRequests()).toBe(2);
    } finally {
      await session.close();
      await proxy.close();
    }
  });

  it('request() sends the token and returns the response whatever its status', async () => {
    const session = new Session({ auth: cloudkittyAuth() });
    try {
      const projects = await session.request(`${keystone.authUrl}/projects`, {
        headers: { accept: 'application/json' },
      });
      expect(projects.status).toBe(200);
      expect(projects.header('content-type')).toBe('application/json');
      const names = (JSON.parse(projects.body) as { projects: { name: string }[] }).projects.map(
        (p) => p.name,
      );
      expect(names).toEqual(expect.arrayContaining(['admin', 'service', 'rated-a']));
      const missing = await session.request(`${keystone.authUrl}/projects/no-such-project`);
      expect(missing.status).toBe(404);
      expect(missing.body).toContain('Could not find project');
      expect(session.authentications).toBe(1);
    } finally {
      await session.close();
    }
  });

  it('request() re-authenticates once and replays on 401 (revoked token)', async () => {
    const proxy = await countingProxy(keystone.baseUrl);
    const session = new Session({ auth: cloudkittyAuth(`${proxy.url}/v3`) });
    try {
      const first = await revokeCurrentToken(session);
      const response = await session.request(`${keystone.authUrl}/projects`);
      expect(response.status).toBe(200);
      expect(await session.getToken()).not.toBe(first);
      expect(proxy.tokenRequests()).toBe(2);
    } finally {
      await session.close();
      await proxy.close();
    }
  });

  it('request() times out with a TimeoutError naming the limit', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const session = new Session({ auth: cloudkittyAuth() });
    try {
      const failure = session.request(`http://127.0.0.1:${port}/slow`, { timeout: 0.2 });
      await expect(failure).rejects.toMatchObject({
        name: 'TimeoutError',
        message: 'Request timed out after 200 ms',
      });
    } finally {
      await session.close();
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('shares one authentication among 100 concurrent callers, and one per token for many calls', async () => {
    const proxy = await countingProxy(keystone.baseUrl);
    const session = new Session({ auth: cloudkittyAuth(`${proxy.url}/v3`) });
    try {
      const tokens = await Promise.all(Array.from({ length: 100 }, () => session.getToken()));
      expect(new Set(tokens).size).toBe(1);
      for (let call = 0; call < 500; call += 1) await session.getToken();
      expect(proxy.tokenRequests()).toBe(1);
      expect(session.authentications).toBe(1);
    } finally {
      await session.close();
      await proxy.close();
    }
  });

  it('raises AuthorizationFailure for a wrong password, naming user and project but not the password', async () => {
    const wrong = 'not-the-password-4711';
    const session = new Session({ auth: cloudkittyAuth(keystone.authUrl, wrong) });
    const failure = session.getToken();
    await expect(failure).rejects.toBeInstanceOf(AuthorizationFailure);
    const error = await failure.then(
      () => {
        throw new Error('expected an AuthorizationFailure');
      },
      (caught: unknown) => caught as AuthorizationFailure,
    );
    expect(error.status).toBe(401);
    expect(error.message).toBe(
      `Keystone refused password auth for user 'cloudkitty' in domain 'Default', project 'service' in domain 'Default' ` +
        `(HTTP 401 at ${keystone.authUrl}/auth/tokens: The request you have made requires authentication.)` +
        (error.requestId ? ` (request id ${error.requestId})` : ''),
    );
    expect(error.message).not.toContain(wrong);
    expect(inspect(error)).not.toContain(wrong);
    expect(inspect(session)).not.toContain(wrong);
    await session.close();
  });

  it('raises KeystoneUnavailable naming the URL when Keystone is down', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const session = new Session({ auth: cloudkittyAuth(`http://127.0.0.1:${port}`) });
    const failure = session.getToken();
    await expect(failure).rejects.toBeInstanceOf(KeystoneUnavailable);
    await expect(failure).rejects.toThrow(
      `Keystone is unavailable at http://127.0.0.1:${port}/v3/auth/tokens: ECONNREFUSED`,
    );
    await session.close();
  });
});

describe('Session token lifetime (Keystone with 12 s tokens)', () => {
  const auth = () =>
    new PasswordAuth({
      authUrl: shortLived.authUrl,
      username: 'cloudkitty',
      userDomainName: 'Default',
      password: shortLived.fixtures.users.cloudkitty.password,
      projectName: 'service',
      projectDomainName: 'Default',
    });

  it('renews the token shortly before it expires', async () => {
    const session = new Session({ auth: auth(), renewBeforeSeconds: 9 });
    const first = await session.getAccess();
    expect(first.secondsLeft()).toBeLessThanOrEqual(12.5);
    expect(await session.getToken()).toBe(first.token);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, (first.secondsLeft() - 9) * 1000) + 300));
    const second = await session.getAccess();
    expect(second.token).not.toBe(first.token);
    expect(second.expiresAt.getTime()).toBeGreaterThan(first.expiresAt.getTime());
    expect(session.authentications).toBe(2);
    await session.close();
  });

  it('keeps a still-valid token when Keystone is down, warning without secrets', async () => {
    const warnings: string[] = [];
    const logger: SessionLogger = {
      warn: (details, message) => warnings.push(`${message} ${JSON.stringify(details)}`),
    };
    const session = new Session({ auth: auth(), renewBeforeSeconds: 11, logger });
    const access = await session.getAccess();
    await shortLived.stop();
    // renewal is due (less than 11 s left) but Keystone is down: the cached token still works
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await session.getToken()).toBe(access.token);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Keystone unavailable, keeping the current token until it expires');
    expect(warnings[0]).not.toContain(access.token);
    expect(warnings[0]).not.toContain(shortLived.fixtures.users.cloudkitty.password);
    // once expired, there is nothing left to use
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, access.secondsLeft() * 1000) + 200));
    await expect(session.getToken()).rejects.toBeInstanceOf(KeystoneUnavailable);
    await session.close();
  });
});
