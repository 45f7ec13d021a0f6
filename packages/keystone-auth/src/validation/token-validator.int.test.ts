import { issueToken, type RunningKeystone, revokeToken, startKeystone } from '@kitty-collect/test-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidTokenError } from '../errors/invalid-token-error.js';
import { KeystoneUnavailable } from '../errors/keystone-unavailable.js';
import { TokenValidationError } from '../errors/token-validation-error.js';
import { PasswordAuth } from '../identity/password.js';
import { Session } from '../session/session.js';
import { TokenValidator } from './token-validator.js';

let keystone: RunningKeystone;
const sessions: Session[] = [];

beforeAll(async () => {
  keystone = await startKeystone();
});

afterAll(async () => {
  await Promise.all(sessions.map((session) => session.close()));
  await keystone?.stop();
});

/** The service's own session: cloudkitty, admin on project service (keystonemiddleware's service user). */
function serviceSession(user: 'cloudkitty' | 'readerDemo' = 'cloudkitty', password?: string): Session {
  const fixture = keystone.fixtures.users[user];
  const session = new Session({
    auth: new PasswordAuth({
      authUrl: keystone.authUrl,
      username: fixture.name,
      userDomainName: 'Default',
      password: password ?? fixture.password,
      projectName: user === 'cloudkitty' ? 'service' : 'demo',
      projectDomainName: 'Default',
    }),
    timeout: 10,
  });
  sessions.push(session);
  return session;
}

/** A caller's token: a user of the fixtures, scoped to a project by name or unscoped. */
async function callerToken(user: 'readerDemo' | 'memberDemo' | 'admin', project?: string): Promise<string> {
  const fixture = keystone.fixtures.users[user];
  const issued = await issueToken(keystone.authUrl, {
    username: fixture.name,
    password: fixture.password,
    ...(project === undefined ? {} : { project }),
    nocatalog: true,
  });
  return issued.token;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('TokenValidator against a real Keystone', () => {
  it('validates a project-scoped token: user, project, roles (implied ones included)', async () => {
    const validator = new TokenValidator({ session: serviceSession() });
    const token = await callerToken('memberDemo', 'demo');
    const validated = await validator.validate(token);
    const { users, projects } = keystone.fixtures;
    expect(validated).toMatchObject({
      userId: users.memberDemo.id,
      userName: 'member-demo',
      userDomainId: 'default',
      projectId: projects.demo.id,
      projectName: 'demo',
      projectDomainId: 'default',
      isAdminProject: true,
    });
    expect([...validated.roles].sort()).toEqual(['member', 'reader']);
    expect(validated.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3000_000);
    expect(validated.issuedAt?.getTime()).toBeLessThanOrEqual(Date.now());
    expect(validated).not.toHaveProperty('domainId');
    expect(validator.validations).toBe(1);
  });

  it('validates an unscoped token: no project, no roles', async () => {
    const validator = new TokenValidator({ session: serviceSession() });
    const validated = await validator.validate(await callerToken('readerDemo'));
    expect(validated.userId).toBe(keystone.fixtures.users.readerDemo.id);
    expect(validated.roles).toEqual([]);
    expect(validated).not.toHaveProperty('projectId');
  });

  it('finds the identity endpoint in the catalog when asked for an interface', async () => {
    const validator = new TokenValidator({
      session: serviceSession(),
      interface: 'internal',
      regionName: 'RegionOne',
    });
    await expect(validator.validate(await callerToken('readerDemo', 'demo'))).resolves.toMatchObject({
      projectName: 'demo',
    });
  });

  it('a tampered token is invalid (Keystone 404), cached as such', async () => {
    const validator = new TokenValidator({ session: serviceSession() });
    const token = await callerToken('readerDemo', 'demo');
    const middle = Math.floor(token.length / 2);
    const tampered = `${token.slice(0, middle)}${token[middle] === 'A' ? 'B' : 'A'}${token.slice(middle + 1)}`;
    const error = await validator.validate(tampered).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect((error as InvalidTokenError).reason).toBe('invalid');
    expect((error as InvalidTokenError).message).not.toContain(tampered);
    await expect(validator.validate(tampered)).rejects.toBeInstanceOf(InvalidTokenError);
    expect(validator.validations).toBe(1);
  });

  it('a revoked token stays valid from the cache, and is invalid once the cache time has passed', async () => {
    const validator = new TokenValidator({ session: serviceSession(), cacheSeconds: 1 });
    const token = await callerToken('memberDemo', 'demo');
    await validator.validate(token);
    const admin = await keystone.adminToken();
    await revokeToken(keystone.authUrl, admin.token, token);
    await expect(validator.validate(token)).resolves.toMatchObject({ projectName: 'demo' });
    expect(validator.validations).toBe(1);
    await sleep(1100);
    await expect(validator.validate(token)).rejects.toMatchObject({ reason: 'invalid' });
    expect(validator.validations).toBe(2);
  });

  it('validates 50 concurrent calls of 5 tokens with 5 Keystone requests', async () => {
    const validator = new TokenValidator({ session: serviceSession() });
    const tokens = await Promise.all(
      Array.from({ length: 5 }, (_, i) => callerToken(i % 2 === 0 ? 'readerDemo' : 'memberDemo', 'demo')),
    );
    expect(new Set(tokens).size).toBe(5);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => validator.validate(tokens[i % 5] as string)),
    );
    expect(results.every((result) => result.projectName === 'demo')).toBe(true);
    expect(validator.validations).toBe(5);
    expect(validator.cacheSize).toBe(5);
  });

  it("a service user that may not validate others' tokens is a TokenValidationError (403), not the caller's fault", async () => {
    const validator = new TokenValidator({ session: serviceSession('readerDemo') });
    const error = await validator
      .validate(await callerToken('memberDemo', 'demo'))
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TokenValidationError);
    expect((error as TokenValidationError).status).toBe(403);
  });

  it("the service's own password refused is a TokenValidationError carrying the AuthorizationFailure", async () => {
    const wrong = 'Wrong-Service-Password-0042';
    const validator = new TokenValidator({ session: serviceSession('cloudkitty', wrong) });
    const error = await validator
      .validate(await callerToken('readerDemo', 'demo'))
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TokenValidationError);
    expect((error as TokenValidationError).cause).toMatchObject({
      name: 'AuthorizationFailure',
      status: 401,
    });
    expect((error as Error).message).not.toContain(wrong);
  });

  it('with Keystone stopped: a cached token still passes, an unseen one is KeystoneUnavailable', async () => {
    const validator = new TokenValidator({ session: serviceSession() });
    const seen = await callerToken('memberDemo', 'demo');
    const unseen = await callerToken('readerDemo', 'demo');
    await validator.validate(seen);
    let whileDown: { seen: unknown; unseen: unknown } | undefined;
    await keystone.restart({
      whileDown: async () => {
        whileDown = {
          seen: await validator.validate(seen).catch((thrown: unknown) => thrown),
          unseen: await validator.validate(unseen).catch((thrown: unknown) => thrown),
        };
      },
    });
    expect(whileDown?.seen).toMatchObject({ projectName: 'demo' });
    expect(whileDown?.unseen).toBeInstanceOf(KeystoneUnavailable);
    expect(validator.cacheSize).toBe(1);
    // Keystone is back: the unseen token is validated now (the failure was not cached)
    await expect(validator.validate(unseen)).resolves.toMatchObject({ projectName: 'demo' });
  });
});
