import { TokenValidator } from '@kitty-collect/keystone-auth';
import type { Logger } from 'pino';
import { createKeystoneSession } from '../config/clients.js';
import type { ServiceConfig } from '../config/service-config.js';
import { type IsAdmin, keystoneAuthenticate } from '../http/keystone-authenticate.js';
import type { Authenticate } from '../http/request-context.js';

export interface ApiAuth {
  /** Undefined under noauth: the API's default context, admin. */
  authenticate?: Authenticate;
  /** Releases the service's Keystone session. */
  close(): Promise<void>;
}

/**
 * `[DEFAULT] auth_strategy` made real: with `keystone`, a token validator on the service's own session of
 * `[keystone_authtoken]` (keystonemiddleware's `token_cache_time`, `interface`, `region_name`,
 * `www_authenticate_uri` — else the auth URL — in the 401's challenge); with `noauth`, a warning that
 * every request is admin, as CloudKitty's noauth.
 */
export function createApiAuth(config: ServiceConfig, logger: Logger, isAdmin: IsAdmin): ApiAuth {
  const keystone = config.api.keystone;
  if (config.api.strategy === 'noauth' || keystone === undefined) {
    logger.warn(
      { auth_strategy: config.api.strategy },
      'The HTTP API does not authenticate ([DEFAULT] auth_strategy = noauth): every request is admin',
    );
    return { close: async () => {} };
  }
  const session = createKeystoneSession(keystone.connection);
  const validator = new TokenValidator({
    session,
    cacheSeconds: keystone.tokenCacheSeconds,
    ...(keystone.interface === undefined ? {} : { interface: keystone.interface }),
    ...(keystone.regionName === undefined ? {} : { regionName: keystone.regionName }),
  });
  return {
    authenticate: keystoneAuthenticate(validator, {
      wwwAuthenticateUri: keystone.wwwAuthenticateUri ?? keystone.connection.auth.authUrl,
      isAdmin,
    }),
    close: () => session.close(),
  };
}
