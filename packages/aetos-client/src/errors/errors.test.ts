import { inspect } from 'node:util';
import { PasswordAuth, Session } from '@kitty-collect/keystone-auth';
import { afterEach, describe, expect, it } from 'vitest';
import { AetosClient } from '../aetos-client.js';
import { AetosAuthenticationError } from './aetos-authentication-error.js';
import { AetosClientOptionsError } from './aetos-client-options-error.js';

const SECRET = 'Aetos-Secret-0042';
const sessions: Session[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
});

/** A session whose Keystone refuses connections (port 1): no token, so nothing reaches Aetos. */
function session(): Session {
  const created = new Session({
    auth: new PasswordAuth({
      authUrl: 'http://127.0.0.1:1/v3',
      userId: 'u',
      password: SECRET,
      projectId: 'p',
    }),
    timeout: 2,
  });
  sessions.push(created);
  return created;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('no secret in aetos-client errors', () => {
  it('an endpoint override that does not parse is refused without being quoted', () => {
    let error: unknown;
    try {
      new AetosClient(session(), { endpointOverride: `http://aetos:${SECRET}@[bad/prometheus?pw=${SECRET}` });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(AetosClientOptionsError);
    expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
  });

  it('Keystone unreachable: the authentication error names Keystone, never the override or the password', async () => {
    const client = new AetosClient(session(), {
      endpointOverride: `http://aetos:${SECRET}@127.0.0.1:1/prometheus?pw=${SECRET}`,
      retries: 0,
    });
    const error = await rejection(client.getInstant('up'));
    expect(error).toBeInstanceOf(AetosAuthenticationError);
    expect((error as Error).message).toMatch(
      /^Cannot reach Aetos \(metric-storage\): Keystone is unavailable at http:\/\/127\.0\.0\.1:1\/v3\/auth\/tokens: ECONNREFUSED/,
    );
    expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
  });

  it('AetosAuthenticationError redacts the URLs of the message it is given', () => {
    const error = new AetosAuthenticationError(`Cannot reach Aetos: http://u:${SECRET}@k/v3?pw=${SECRET}`, {
      cause: undefined,
    });
    expect(error.message).toBe('Cannot reach Aetos: http://k/v3');
  });
});
