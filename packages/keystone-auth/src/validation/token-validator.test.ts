import { inspect } from 'node:util';
import { type HttpResponse, TransportError } from '@kitty-collect/http-request';
import { describe, expect, it } from 'vitest';
import { AuthorizationFailure } from '../errors/authorization-failure.js';
import { InvalidTokenError } from '../errors/invalid-token-error.js';
import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { KeystoneUnavailable } from '../errors/keystone-unavailable.js';
import { TokenValidationError } from '../errors/token-validation-error.js';
import type { SessionRequestOptions } from '../session/adapter-options.js';
import { expectNoSecret } from '../testing/config-errors.js';
import { TokenValidator } from './token-validator.js';
import type { ValidatorSession } from './validator-session.js';

const AUTH_URL = 'http://keystone.test/v3';
const HOUR = 3_600_000;

/** A fake clock the tests move by hand. */
function clock(start = Date.parse('2026-01-01T00:00:00Z')) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function response(status: number, body: unknown, requestId = 'req-1'): HttpResponse {
  return {
    url: `${AUTH_URL}/auth/tokens?nocatalog`,
    status,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    header: (name) => (name === 'x-openstack-request-id' ? requestId : undefined),
  };
}

function tokenBody(expiresAt: number, extra: Record<string, unknown> = {}) {
  return {
    token: {
      expires_at: new Date(expiresAt).toISOString(),
      issued_at: new Date(expiresAt - HOUR).toISOString(),
      methods: ['password'],
      user: { id: 'u1', name: 'alice', domain: { id: 'default', name: 'Default' } },
      project: { id: 'p1', name: 'rated-a', domain: { id: 'default', name: 'Default' } },
      roles: [
        { id: 'r1', name: 'member' },
        { id: 'r2', name: 'reader' },
      ],
      ...extra,
    },
  };
}

/**
 * The session's transport, in process: `answer` decides per subject token; each call is recorded. A call
 * stays pending until `release()` when `hold` is set, to see concurrent callers share it.
 */
function fakeSession(answer: (subject: string) => HttpResponse | Error | Promise<HttpResponse>) {
  const calls: { url: string; headers: Readonly<Record<string, string>> }[] = [];
  const session: ValidatorSession = {
    auth: { authUrl: AUTH_URL },
    getEndpoint: async () => 'http://catalog.test/identity/v3/',
    request: async (url: string, options: SessionRequestOptions = {}) => {
      const headers = options.headers ?? {};
      calls.push({ url, headers });
      const result = await answer(headers['X-Subject-Token'] ?? '');
      if (result instanceof Error) throw result;
      return result;
    },
  };
  return { session, calls };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('TokenValidator.validate', () => {
  it('asks Keystone with X-Subject-Token and maps the answer', async () => {
    const time = clock();
    const { session, calls } = fakeSession(() => response(200, tokenBody(time.now() + HOUR)));
    const validator = new TokenValidator({ session, now: time.now });
    const validated = await validator.validate('gAAAA-good');
    expect(calls).toEqual([
      {
        url: `${AUTH_URL}/auth/tokens?nocatalog`,
        headers: { accept: 'application/json', 'X-Subject-Token': 'gAAAA-good' },
      },
    ]);
    expect(validated).toEqual({
      userId: 'u1',
      userName: 'alice',
      userDomainId: 'default',
      userDomainName: 'Default',
      projectId: 'p1',
      projectName: 'rated-a',
      projectDomainId: 'default',
      projectDomainName: 'Default',
      roles: ['member', 'reader'],
      expiresAt: new Date(time.now() + HOUR),
      issuedAt: new Date(time.now()),
      isAdminProject: true,
    });
    expect(validator.validations).toBe(1);
  });

  it('reads is_admin_project, domain and system scope', async () => {
    const time = clock();
    const bodies = [
      tokenBody(time.now() + HOUR, { is_admin_project: false }),
      tokenBody(time.now() + HOUR, { project: undefined, domain: { id: 'd1', name: 'other' } }),
      tokenBody(time.now() + HOUR, { project: undefined, system: { all: true } }),
    ];
    const { session } = fakeSession((subject) => response(200, bodies[Number(subject.slice(-1))]));
    const validator = new TokenValidator({ session, now: time.now });
    expect((await validator.validate('tok-0')).isAdminProject).toBe(false);
    expect(await validator.validate('tok-1')).toMatchObject({ domainId: 'd1', domainName: 'other' });
    expect(await validator.validate('tok-1')).not.toHaveProperty('projectId');
    expect(await validator.validate('tok-2')).toMatchObject({ systemScope: true });
  });

  it.each([
    ['', 'missing', 'No token given'],
    ['has space', 'malformed', /^Malformed token sha256:[0-9a-f]{8}…: character 4 is not printable ASCII$/],
    ['tök', 'malformed', /character 2 is not printable ASCII/],
    ['x'.repeat(8193), 'malformed', /longer than 8192 characters/],
  ])('refuses %j as %s without asking Keystone', async (token, reason, message) => {
    const { session, calls } = fakeSession(() => response(500, ''));
    const validator = new TokenValidator({ session });
    const error = await rejection(validator.validate(token));
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect((error as InvalidTokenError).reason).toBe(reason);
    expect((error as InvalidTokenError).message).toMatch(message);
    expect(calls).toHaveLength(0);
    expect(validator.validations).toBe(0);
  });

  it('accepts a token of exactly 8192 printable characters', async () => {
    const time = clock();
    const { session } = fakeSession(() => response(200, tokenBody(time.now() + HOUR)));
    await expect(
      new TokenValidator({ session, now: time.now }).validate('~'.repeat(8192)),
    ).resolves.toMatchObject({
      userId: 'u1',
    });
  });

  it('a 404 is reason invalid; the message shows 8 hex digits of the digest, never the token', async () => {
    const secret = 'gAAAAB-Secret-Token-0042';
    const { session } = fakeSession(() =>
      response(404, { error: { code: 404, message: 'Could not find token' } }),
    );
    const error = await rejection(new TokenValidator({ session }).validate(secret));
    expect(error).toBeInstanceOf(InvalidTokenError);
    const invalid = error as InvalidTokenError;
    expect(invalid.reason).toBe('invalid');
    expect(invalid.fingerprint).toMatch(/^sha256:[0-9a-f]{8}$/);
    expect(invalid.requestId).toBe('req-1');
    expect(invalid.message).toBe(
      `Keystone does not accept token ${invalid.fingerprint}…: unknown, revoked or expired (request id req-1)`,
    );
    expectNoSecret(secret, invalid, inspect(invalid));
  });

  it('an answer whose expires_at is past is reason expired', async () => {
    const time = clock();
    const { session } = fakeSession(() => response(200, tokenBody(time.now() - 1000)));
    const error = await rejection(new TokenValidator({ session, now: time.now }).validate('old'));
    expect(error).toMatchObject({ reason: 'expired', expiresAt: new Date(time.now() - 1000) });
  });

  it.each([
    [
      'a connection failure',
      () => new TransportError({ url: AUTH_URL, kind: 'refused', code: 'ECONNREFUSED' }),
    ],
    ['a 503', () => response(503, '<html>down</html>')],
    [
      'the session failing to reach Keystone',
      () => new KeystoneUnavailable({ url: AUTH_URL, reason: 'ETIMEDOUT' }),
    ],
  ])('%s is KeystoneUnavailable, and not cached', async (_label, failure) => {
    const { session, calls } = fakeSession(() => failure());
    const validator = new TokenValidator({ session });
    await expect(validator.validate('tok')).rejects.toBeInstanceOf(KeystoneUnavailable);
    await expect(validator.validate('tok')).rejects.toBeInstanceOf(KeystoneUnavailable);
    expect(calls).toHaveLength(2);
    expect(validator.cacheSize).toBe(0);
  });

  it.each([
    ['403', () => response(403, { error: { code: 403, message: 'You are not authorized' } }), 403],
    [
      '401 after re-auth',
      () => response(401, { error: { code: 401, message: 'requires authentication' } }),
      401,
    ],
    ['a body that is not a token', () => response(200, { token: { user: 'x' } }), 200],
    ['a body that is not JSON', () => response(200, 'nope'), 200],
    [
      "the service's credentials refused",
      () => new AuthorizationFailure({ attempt: 'password auth of cloudkitty', url: AUTH_URL, status: 401 }),
      undefined,
    ],
  ])(
    '%s is TokenValidationError, not an InvalidTokenError, and not cached',
    async (_label, failure, status) => {
      const { session, calls } = fakeSession(() => failure());
      const validator = new TokenValidator({ session });
      const error = await rejection(validator.validate('tok'));
      expect(error).toBeInstanceOf(TokenValidationError);
      expect((error as TokenValidationError).status).toBe(status);
      await rejection(validator.validate('tok'));
      expect(calls).toHaveLength(2);
    },
  );

  it('with interface or regionName, validates at the catalog identity endpoint', async () => {
    const time = clock();
    const { session, calls } = fakeSession(() => response(200, tokenBody(time.now() + HOUR)));
    const validator = new TokenValidator({ session, now: time.now, interface: 'internal' });
    await validator.validate('a');
    await validator.validate('b');
    expect(calls.map((call) => call.url)).toEqual([
      'http://catalog.test/identity/v3/auth/tokens?nocatalog',
      'http://catalog.test/identity/v3/auth/tokens?nocatalog',
    ]);
  });

  it('refuses nonsensical options by name', () => {
    const { session } = fakeSession(() => response(500, ''));
    expect(() => new TokenValidator({ session, cacheSeconds: -1 })).toThrow(KeystoneConfigError);
    expect(() => new TokenValidator({ session, maxCacheEntries: 1.5 })).toThrow(/max_cache_entries/);
  });
});

describe('TokenValidator cache', () => {
  it('answers a valid token from the cache until cacheSeconds pass', async () => {
    const time = clock();
    const { session, calls } = fakeSession(() => response(200, tokenBody(time.now() + HOUR)));
    const validator = new TokenValidator({ session, now: time.now, cacheSeconds: 300 });
    await validator.validate('tok');
    time.advance(299_999);
    await validator.validate('tok');
    expect(calls).toHaveLength(1);
    time.advance(1);
    await validator.validate('tok');
    expect(calls).toHaveLength(2);
  });

  it('never past the token expiry: then Keystone is asked again', async () => {
    const time = clock();
    const expiry = time.now() + 10_000;
    const { session, calls } = fakeSession(() =>
      time.now() < expiry ? response(200, tokenBody(expiry)) : response(404, ''),
    );
    const validator = new TokenValidator({ session, now: time.now, cacheSeconds: 300 });
    await validator.validate('tok');
    time.advance(9_999);
    await validator.validate('tok');
    expect(calls).toHaveLength(1);
    time.advance(1);
    await expect(validator.validate('tok')).rejects.toMatchObject({ reason: 'invalid' });
    expect(calls).toHaveLength(2);
  });

  it('remembers an invalid token for the cache time: a flood of it costs one validation', async () => {
    const time = clock();
    const { session, calls } = fakeSession(() => response(404, ''));
    const validator = new TokenValidator({ session, now: time.now, cacheSeconds: 60 });
    for (let i = 0; i < 20; i++)
      await expect(validator.validate('bad')).rejects.toMatchObject({ reason: 'invalid' });
    expect(calls).toHaveLength(1);
    time.advance(60_000);
    await expect(validator.validate('bad')).rejects.toBeInstanceOf(InvalidTokenError);
    expect(calls).toHaveLength(2);
  });

  it('keeps answering a cached token while Keystone is down, but not an unseen one', async () => {
    const time = clock();
    let down = false;
    const { session } = fakeSession(() =>
      down
        ? new TransportError({ url: AUTH_URL, kind: 'refused' })
        : response(200, tokenBody(time.now() + HOUR)),
    );
    const validator = new TokenValidator({ session, now: time.now });
    await validator.validate('seen');
    down = true;
    await expect(validator.validate('seen')).resolves.toMatchObject({ userId: 'u1' });
    await expect(validator.validate('unseen')).rejects.toBeInstanceOf(KeystoneUnavailable);
  });

  it('keys entries by digest, drops the least recently used beyond maxCacheEntries', async () => {
    const time = clock();
    const { session, calls } = fakeSession(() => response(200, tokenBody(time.now() + HOUR)));
    const validator = new TokenValidator({ session, now: time.now, maxCacheEntries: 2 });
    await validator.validate('a');
    await validator.validate('b');
    await validator.validate('a'); // a is now the most recent
    await validator.validate('c'); // evicts b
    expect(validator.cacheSize).toBe(2);
    expect(calls).toHaveLength(3);
    await validator.validate('a');
    expect(calls).toHaveLength(3);
    await validator.validate('b');
    expect(calls).toHaveLength(4);
  });

  it('cacheSeconds 0 asks every time; clearCache forgets', async () => {
    const time = clock();
    const { session, calls } = fakeSession(() => response(200, tokenBody(time.now() + HOUR)));
    const uncached = new TokenValidator({ session, now: time.now, cacheSeconds: 0 });
    await uncached.validate('a');
    await uncached.validate('a');
    expect(calls).toHaveLength(2);
    expect(uncached.cacheSize).toBe(0);
    const cached = new TokenValidator({ session, now: time.now });
    await cached.validate('a');
    cached.clearCache();
    await cached.validate('a');
    expect(calls).toHaveLength(4);
  });
});

describe('TokenValidator single flight', () => {
  function held() {
    const releases: (() => void)[] = [];
    const release = () => {
      for (const r of releases.splice(0)) r();
    };
    const wait = () => new Promise<void>((resolve) => releases.push(resolve));
    return { release, wait };
  }

  it('concurrent validations of one token share one request, failures included', async () => {
    const time = clock();
    const gate = held();
    let fail = false;
    const { session, calls } = fakeSession(async () => {
      await gate.wait();
      return fail ? response(503, '') : response(200, tokenBody(time.now() + HOUR));
    });
    const validator = new TokenValidator({ session, now: time.now });
    fail = true;
    const failing = Array.from({ length: 10 }, () => rejection(validator.validate('tok')));
    await new Promise((resolve) => setImmediate(resolve));
    gate.release();
    for (const error of await Promise.all(failing)) expect(error).toBeInstanceOf(KeystoneUnavailable);
    expect(calls).toHaveLength(1);
    fail = false;
    const waiting = Array.from({ length: 10 }, (_, i) => validator.validate(i % 2 === 0 ? 'tok' : 'other'));
    await new Promise((resolve) => setImmediate(resolve));
    gate.release();
    await Promise.all(waiting);
    expect(calls).toHaveLength(3);
    expect(validator.validations).toBe(3);
  });

  it("one caller's abort ends its own wait; the shared request goes on for the others", async () => {
    const time = clock();
    const gate = held();
    const { session, calls } = fakeSession(async () => {
      await gate.wait();
      return response(200, tokenBody(time.now() + HOUR));
    });
    const validator = new TokenValidator({ session, now: time.now });
    const controller = new AbortController();
    const aborted = rejection(validator.validate('tok', controller.signal));
    const other = validator.validate('tok');
    controller.abort(new Error('client went away'));
    expect(await aborted).toMatchObject({ message: 'client went away' });
    await new Promise((resolve) => setImmediate(resolve));
    gate.release();
    await expect(other).resolves.toMatchObject({ userId: 'u1' });
    expect(calls).toHaveLength(1);
    expect(validator.cacheSize).toBe(1);
  });
});
