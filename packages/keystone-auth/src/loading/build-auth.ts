import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { ApplicationCredentialAuth } from '../identity/application-credential.js';
import type { AuthPlugin } from '../identity/auth-plugin.js';
import { PasswordAuth } from '../identity/password.js';
import { TokenAuth } from '../identity/token.js';
import type { AuthOptions, AuthType } from './auth-options.js';

/** keystoneauth needs auth_type; without it the brief's inference applies: a credential or a token says which. */
export function resolveAuthType(options: AuthOptions): AuthType {
  if (options.auth_type !== undefined) return options.auth_type;
  if (
    options.application_credential_secret !== undefined ||
    options.application_credential_id !== undefined ||
    options.application_credential_name !== undefined
  ) {
    return 'v3applicationcredential';
  }
  if (options.token !== undefined) return 'token';
  return 'password';
}

/**
 * The auth plugin the options describe. Options another plugin would use are ignored, as keystoneauth
 * ignores options its chosen loader does not register; the plugins check completeness and contradictions.
 */
export function buildAuthPlugin(options: AuthOptions): AuthPlugin {
  if (options.trust_id !== undefined) {
    throw new KeystoneConfigError('trust_id', 'trust-scoped tokens are not supported by kitty-collect');
  }
  const authType = resolveAuthType(options);
  const authUrl = required(options.auth_url, 'auth_url');
  const user = userOptions(options);
  switch (authType) {
    case 'password':
    case 'v3password':
      return new PasswordAuth({
        authUrl,
        ...user,
        password: required(options.password, 'password'),
        ...scopeOptions(options),
      });
    case 'token':
    case 'v3token':
      return new TokenAuth({ authUrl, token: required(options.token, 'token'), ...scopeOptions(options) });
    case 'v3applicationcredential':
      refuseScope(options);
      return new ApplicationCredentialAuth({
        authUrl,
        ...user,
        ...defined({
          applicationCredentialId: options.application_credential_id,
          applicationCredentialName: options.application_credential_name,
        }),
        applicationCredentialSecret: required(
          options.application_credential_secret,
          'application_credential_secret',
        ),
      });
  }
}

function required(value: string | undefined, option: string): string {
  if (value === undefined) throw new KeystoneConfigError(option, 'is required');
  return value;
}

/**
 * default_domain_id/default_domain_name fill the user's and the project's domain when neither is given
 * (keystoneauth1/identity/generic: `user_domain_id or default_domain_id`; osc-lib does the same with
 * OS_DEFAULT_DOMAIN). With both defaults, the id wins, as the id wins in keystoneauth's v3 request.
 */
function defaultDomain(options: AuthOptions): { id: string } | { name: string } | undefined {
  if (options.default_domain_id !== undefined) return { id: options.default_domain_id };
  if (options.default_domain_name !== undefined) return { name: options.default_domain_name };
  return undefined;
}

function userOptions(options: AuthOptions) {
  const fallback =
    options.username !== undefined &&
    options.user_domain_id === undefined &&
    options.user_domain_name === undefined
      ? defaultDomain(options)
      : undefined;
  return defined({
    username: options.username,
    userId: options.user_id,
    userDomainId: fallback !== undefined && 'id' in fallback ? fallback.id : options.user_domain_id,
    userDomainName: fallback !== undefined && 'name' in fallback ? fallback.name : options.user_domain_name,
  });
}

function scopeOptions(options: AuthOptions) {
  const fallback =
    options.project_name !== undefined &&
    options.project_domain_id === undefined &&
    options.project_domain_name === undefined
      ? defaultDomain(options)
      : undefined;
  return defined({
    projectId: options.project_id,
    projectName: options.project_name,
    projectDomainId: fallback !== undefined && 'id' in fallback ? fallback.id : options.project_domain_id,
    projectDomainName:
      fallback !== undefined && 'name' in fallback ? fallback.name : options.project_domain_name,
    domainId: options.domain_id,
    domainName: options.domain_name,
    systemScope: options.system_scope,
  });
}

/** Keystone answers 401 "Application credentials cannot request a scope": say so before asking. */
function refuseScope(options: AuthOptions): void {
  const scoping = (['project_id', 'project_name', 'domain_id', 'domain_name', 'system_scope'] as const).find(
    (option) => options[option] !== undefined,
  );
  if (scoping !== undefined) {
    throw new KeystoneConfigError(
      scoping,
      'an application credential is already scoped to its project and Keystone refuses a scope with it: remove this option',
    );
  }
}

/** Drops undefined fields, so plugin options hold only what was given. */
function defined<T extends Record<string, string | undefined>>(fields: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: string;
  };
}
