import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { PasswordAuth } from '../identity/password.js';
import { expectNoSecret } from '../testing/config-errors.js';
import { Session } from './session.js';

const SECRET = 'Session-Secret-0042';

describe('Session.getEndpoint with an endpoint override', () => {
  it.each([`http://aetos:${SECRET}@[bad/prometheus`, `http://[bad/prometheus?pw=${SECRET}`])(
    'refuses %s without showing its password, in the message or the cause',
    async (override) => {
      const session = new Session({
        auth: new PasswordAuth({
          authUrl: 'http://127.0.0.1:1/v3',
          userId: 'u',
          password: 'pw',
          projectId: 'p',
        }),
      });
      try {
        const error = await session
          .getEndpoint({ serviceType: 'metric-storage', endpointOverride: override })
          .then(
            () => undefined,
            (thrown: unknown) => thrown,
          );
        expect(error).toBeInstanceOf(KeystoneConfigError);
        expect((error as KeystoneConfigError).message).toBe(
          'Invalid Keystone option endpoint_override: not a URL: "http://[bad/prometheus"',
        );
        expectNoSecret(SECRET, error, inspect(error, { depth: 10 }));
      } finally {
        await session.close();
      }
    },
  );
});
