import { textValue } from '@kitty-collect/oslo-config';
import { z } from 'zod';
import { AUTH_OPTION_NAMES } from './option-names.js';
import type { OptionSet } from './option-set.js';
import { parseOptions } from './parse-options.js';

/** keystoneauth plugin names this package implements (v3 only: `password`/`token` are the generic plugins). */
export const AUTH_TYPES = ['password', 'v3password', 'v3applicationcredential', 'token', 'v3token'] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

const authTypeValue = textValue().pipe(
  z.enum(AUTH_TYPES, {
    error: (issue) =>
      `unsupported auth type ${JSON.stringify(issue.input)}: use one of ${AUTH_TYPES.join(', ')}`,
  }),
);

export const authOptionsSchema = z.object({
  auth_type: authTypeValue.optional(),
  auth_url: textValue().optional(),
  username: textValue().optional(),
  user_id: textValue().optional(),
  user_domain_name: textValue().optional(),
  user_domain_id: textValue().optional(),
  password: textValue().optional(),
  project_name: textValue().optional(),
  project_id: textValue().optional(),
  project_domain_name: textValue().optional(),
  project_domain_id: textValue().optional(),
  domain_name: textValue().optional(),
  domain_id: textValue().optional(),
  system_scope: textValue().optional(),
  default_domain_id: textValue().optional(),
  default_domain_name: textValue().optional(),
  application_credential_id: textValue().optional(),
  application_credential_name: textValue().optional(),
  application_credential_secret: textValue().optional(),
  token: textValue().optional(),
  trust_id: textValue().optional(),
});

/** Auth options under keystoneauth's names, validated as values (completeness is the plugin's concern). */
export type AuthOptions = z.infer<typeof authOptionsSchema>;

export function parseAuthOptions(set: OptionSet): AuthOptions {
  return parseOptions(authOptionsSchema, AUTH_OPTION_NAMES, set);
}
