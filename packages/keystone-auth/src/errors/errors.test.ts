import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { keystoneErrorMessage } from '../access/keystone-error-message.js';
import { ServiceCatalog } from '../access/service-catalog.js';
import { expectNoSecret } from '../testing/config-errors.js';
import { AuthorizationFailure } from './authorization-failure.js';
import { EndpointNotFound } from './endpoint-not-found.js';
import { KeystoneUnavailable } from './keystone-unavailable.js';

const SECRET = 'Err-Secret-0042';
const URL_WITH_SECRETS = `http://ck:${SECRET}@keystone:5000/v3/auth/tokens?pw=${SECRET}`;

describe('URLs in keystone-auth errors', () => {
  it('AuthorizationFailure and KeystoneUnavailable redact the URL they are given, field and message', () => {
    const refused = new AuthorizationFailure({
      attempt: 'password auth',
      url: URL_WITH_SECRETS,
      status: 401,
    });
    expect(refused.url).toBe('http://keystone:5000/v3/auth/tokens');
    expect(refused.message).toBe(
      'Keystone refused password auth (HTTP 401 at http://keystone:5000/v3/auth/tokens)',
    );
    const down = new KeystoneUnavailable({ url: URL_WITH_SECRETS, reason: 'ECONNREFUSED' });
    expect(down.url).toBe('http://keystone:5000/v3/auth/tokens');
    expect(down.message).toBe('Keystone is unavailable at http://keystone:5000/v3/auth/tokens: ECONNREFUSED');
    expectNoSecret(SECRET, refused, down, inspect(refused), inspect(down));
  });

  it('EndpointNotFound lists what the catalog offers with its URLs redacted', () => {
    const catalog = new ServiceCatalog([
      {
        type: 'metric-storage',
        name: 'aetos',
        endpoints: [
          {
            interface: 'public',
            region_id: 'RegionOne',
            url: `http://aetos:${SECRET}@a1/prometheus?t=${SECRET}`,
          },
        ],
      },
    ]);
    let error: unknown;
    try {
      catalog.urlFor({ serviceType: 'metric-storage', interface: 'internal' });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(EndpointNotFound);
    expect((error as EndpointNotFound).message).toBe(
      "No 'metric-storage' endpoint for interface internal: the catalog offers: public RegionOne [aetos] http://a1/prometheus",
    );
    expect((error as EndpointNotFound).offered[0]?.url).toBe('http://a1/prometheus');
    expectNoSecret(SECRET, error);
  });

  it("keystoneErrorMessage redacts URLs another service's error body quotes", () => {
    expect(
      keystoneErrorMessage(`<html>upstream http://ck:${SECRET}@keystone:5000/v3?pw=${SECRET} is down</html>`),
    ).toBe('<html>upstream http://keystone:5000/v3 is down</html>');
    expect(
      keystoneErrorMessage(
        JSON.stringify({ error: { message: `cannot reach http://u:${SECRET}@k/v3`, code: 503 } }),
      ),
    ).toBe('cannot reach http://k/v3');
  });
});
