/**
 * keystoneauth's option names (underscore spelling, as oslo.config stores them), grouped by the layer
 * that uses them. Every loader turns its input into these names first, so validation and plugin
 * construction happen once, whatever the source.
 */
export const AUTH_OPTION_NAMES = [
  'auth_type',
  'auth_url',
  'username',
  'user_id',
  'user_domain_name',
  'user_domain_id',
  'password',
  'project_name',
  'project_id',
  'project_domain_name',
  'project_domain_id',
  'domain_name',
  'domain_id',
  'system_scope',
  'default_domain_id',
  'default_domain_name',
  'application_credential_id',
  'application_credential_name',
  'application_credential_secret',
  'token',
  // Known to keystoneauth but not supported here: refused rather than silently ignored (a trust changes
  // what the token may do).
  'trust_id',
] as const;

export const SESSION_OPTION_NAMES = ['cafile', 'certfile', 'keyfile', 'insecure', 'timeout'] as const;

export const ADAPTER_OPTION_NAMES = [
  'interface',
  'valid_interfaces',
  'region_name',
  'service_type',
  'service_name',
  'endpoint_override',
] as const;

export type AuthOptionName = (typeof AUTH_OPTION_NAMES)[number];
export type SessionOptionName = (typeof SESSION_OPTION_NAMES)[number];
export type AdapterOptionName = (typeof ADAPTER_OPTION_NAMES)[number];
export type OptionName = AuthOptionName | SessionOptionName | AdapterOptionName;

export const OPTION_NAMES: readonly OptionName[] = [
  ...AUTH_OPTION_NAMES,
  ...SESSION_OPTION_NAMES,
  ...ADAPTER_OPTION_NAMES,
];

/**
 * Older spellings keystoneauth still reads: `auth_plugin` (conf.py's deprecated name of auth_type),
 * `tenant_*` (the generic plugins' deprecated names of project_*), `user_name` (deprecated name of username).
 */
export const OPTION_ALIASES: Readonly<Record<string, OptionName>> = {
  auth_plugin: 'auth_type',
  tenant_name: 'project_name',
  tenant_id: 'project_id',
  user_name: 'username',
};

/** Options whose values are never shown: not in errors, not in `sources`, not in `inspect`. */
export const SECRET_OPTIONS: ReadonlySet<string> = new Set([
  'password',
  'application_credential_secret',
  'token',
]);

const NAMES: ReadonlySet<string> = new Set(OPTION_NAMES);

export function isOptionName(name: string): name is OptionName {
  return NAMES.has(name);
}

/**
 * Options keystoneauth's conf loaders also register in a section, which kitty-collect does not use: the
 * session's `collect_timing`, `split_loggers` and the adapter's version and retry options. Known, so that
 * they are not taken for typos.
 */
export const UNUSED_CONF_OPTION_NAMES = [
  'collect_timing',
  'split_loggers',
  'version',
  'min_version',
  'max_version',
  'connect_retries',
  'connect_retry_delay',
  'status_code_retries',
  'status_code_retry_delay',
  'retriable_status_codes',
] as const;

/**
 * Every option keystoneauth reads from a conf section for the auth plugins supported here (with
 * `auth_section` and the deprecated aliases): what a section holding only keystoneauth's options may have.
 */
export const CONF_SECTION_OPTION_NAMES: readonly string[] = [
  'auth_section',
  ...OPTION_NAMES,
  ...Object.keys(OPTION_ALIASES),
  ...UNUSED_CONF_OPTION_NAMES,
];
