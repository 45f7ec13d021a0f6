import { choiceValue, integerValue, listValue, textValue } from '@kitty-collect/oslo-config';
import { z } from 'zod';

/** `[DEFAULT] auth_strategy`, CloudKitty's option (cloudkitty/api/app.py): how the API authenticates. */
export const DEFAULT_SECTION = 'DEFAULT';
export const AUTH_STRATEGIES = ['keystone', 'noauth'] as const;
export type AuthStrategy = (typeof AUTH_STRATEGIES)[number];

/** CloudKitty's default is `keystone`: an API without a `[keystone_authtoken]` does not start. */
export const authStrategySchema = z
  .object({ auth_strategy: choiceValue(AUTH_STRATEGIES).default('keystone') })
  .transform((section) => section.auth_strategy);

export const KEYSTONE_AUTHTOKEN_SECTION = 'keystone_authtoken';

/**
 * The options of `[keystone_authtoken]` keystonemiddleware's auth_token reads besides the service's own
 * credentials (which keystone-auth's loader reads from the same section, `auth_section` included).
 * `auth_uri` is the deprecated name of `www_authenticate_uri`.
 */
export const keystoneAuthtokenSchema = z
  .object({
    www_authenticate_uri: textValue().optional(),
    auth_uri: textValue().optional(),
    token_cache_time: integerValue('a whole number of seconds', { min: 0 }).default(300),
    service_token_roles: listValue().default(['service']),
    interface: choiceValue(['public', 'internal', 'admin']).optional(),
    region_name: textValue().optional(),
  })
  .transform((section) => ({
    wwwAuthenticateUri: section.www_authenticate_uri ?? section.auth_uri,
    tokenCacheSeconds: section.token_cache_time,
    serviceTokenRoles: section.service_token_roles,
    interface: section.interface,
    regionName: section.region_name,
  }));

export type KeystoneAuthtokenSection = z.output<typeof keystoneAuthtokenSchema>;
