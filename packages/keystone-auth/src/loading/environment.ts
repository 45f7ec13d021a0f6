import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import type { Environment } from './clouds-yaml-files.js';
import { type LoadedConfig, resolveOptionSet } from './loaded-config.js';
import { applyDomainShortcut } from './openstacksdk-domain.js';
import type { OptionName } from './option-names.js';
import { isAbsent, type OptionEntry, type OptionPlace, type OptionSet } from './option-set.js';

/**
 * `OS_*` variables → keystoneauth options, first name preferred when a variable has several spellings
 * (as python-openstackclient reads them: `--os-<option>` defaulting to `OS_<OPTION>`, plus openstacksdk's
 * and the legacy clients' names).
 */
export const ENVIRONMENT_VARIABLES: Readonly<Record<OptionName, readonly string[]>> = {
  auth_type: ['OS_AUTH_TYPE'],
  auth_url: ['OS_AUTH_URL'],
  username: ['OS_USERNAME'],
  user_id: ['OS_USER_ID'],
  user_domain_name: ['OS_USER_DOMAIN_NAME'],
  user_domain_id: ['OS_USER_DOMAIN_ID'],
  password: ['OS_PASSWORD'],
  project_name: ['OS_PROJECT_NAME', 'OS_TENANT_NAME'],
  project_id: ['OS_PROJECT_ID', 'OS_TENANT_ID'],
  project_domain_name: ['OS_PROJECT_DOMAIN_NAME'],
  project_domain_id: ['OS_PROJECT_DOMAIN_ID'],
  domain_name: ['OS_DOMAIN_NAME'],
  domain_id: ['OS_DOMAIN_ID'],
  system_scope: ['OS_SYSTEM_SCOPE'],
  // osc-lib's OS_DEFAULT_DOMAIN is a domain id; keystoneauth's CLI reads OS_DEFAULT_DOMAIN_ID/_NAME.
  default_domain_id: ['OS_DEFAULT_DOMAIN_ID', 'OS_DEFAULT_DOMAIN'],
  default_domain_name: ['OS_DEFAULT_DOMAIN_NAME'],
  application_credential_id: ['OS_APPLICATION_CREDENTIAL_ID'],
  application_credential_name: ['OS_APPLICATION_CREDENTIAL_NAME'],
  application_credential_secret: ['OS_APPLICATION_CREDENTIAL_SECRET'],
  token: ['OS_TOKEN', 'OS_AUTH_TOKEN'],
  trust_id: ['OS_TRUST_ID'],
  cafile: ['OS_CACERT'],
  certfile: ['OS_CERT'],
  keyfile: ['OS_KEY'],
  insecure: ['OS_INSECURE'],
  timeout: ['OS_TIMEOUT', 'OS_API_TIMEOUT'],
  interface: ['OS_INTERFACE', 'OS_ENDPOINT_TYPE'],
  valid_interfaces: [],
  region_name: ['OS_REGION_NAME'],
  service_type: ['OS_SERVICE_TYPE'],
  service_name: ['OS_SERVICE_NAME'],
  endpoint_override: ['OS_ENDPOINT_OVERRIDE'],
};

/** The variable an option is read from, for "is required" errors: `auth_url` → `OS_AUTH_URL`. */
export function variableFor(option: string): string {
  const names = Object.hasOwn(ENVIRONMENT_VARIABLES, option)
    ? ENVIRONMENT_VARIABLES[option as OptionName]
    : undefined;
  return names?.[0] ?? `OS_${option.toUpperCase()}`;
}

/** The options `OS_*` variables give, each sourced as `environment variable OS_X`. */
export function environmentOptionSet(env: Environment): {
  set: OptionSet;
  entries: Map<OptionName, OptionEntry>;
} {
  checkIdentityApiVersion(env);
  const entries = new Map<OptionName, OptionEntry>();
  for (const [option, variables] of Object.entries(ENVIRONMENT_VARIABLES) as Array<
    [OptionName, readonly string[]]
  >) {
    const given = variables.filter((name) => !isAbsent(env[name]));
    const first = given[0];
    if (first === undefined) continue;
    const value = env[first];
    const other = given.find((name) => env[name] !== value);
    if (other !== undefined) {
      throw new KeystoneConfigError(option, `${first} and ${other} are both set, with different values`, {
        source: `environment variables ${first} and ${other}`,
        variable: first,
      });
    }
    entries.set(option, { value, place: variablePlace(first), origin: 'environment' });
  }
  return {
    set: { entries, whereMissing: (option) => variablePlace(variableFor(option)) },
    entries,
  };
}

function variablePlace(variable: string): OptionPlace {
  return { source: `environment variable ${variable}`, variable };
}

/** python-openstackclient reads OS_IDENTITY_API_VERSION to pick v2 or v3 plugins: only v3 exists here. */
function checkIdentityApiVersion(env: Environment): void {
  const version = env.OS_IDENTITY_API_VERSION;
  if (!isAbsent(version) && version !== '3' && version !== '3.0') {
    throw new KeystoneConfigError(
      'identity_api_version',
      `only the identity API v3 is supported, got ${JSON.stringify(version)}`,
      variablePlace('OS_IDENTITY_API_VERSION'),
    );
  }
}

/**
 * The auth plugin, session and adapter options from `OS_*` variables (an "openrc" file). Errors name the
 * variable: a missing auth URL is reported as `environment variable OS_AUTH_URL`.
 */
export function loadFromEnvironment(env: Environment = process.env): LoadedConfig {
  const { set, entries } = environmentOptionSet(env);
  applyDomainShortcut(entries, () => true);
  return resolveOptionSet(set);
}
