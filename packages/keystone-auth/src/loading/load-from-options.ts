import type { AuthPlugin } from '../identity/auth-plugin.js';
import { Session } from '../session/session.js';
import type { SessionOptions } from '../session/session-options.js';
import { type LoadedAdapterOptions, resolveAdapterOptions } from './adapter-options.js';
import { parseAuthOptions } from './auth-options.js';
import { buildAuthPlugin } from './build-auth.js';
import { collectOptions, type OptionSet } from './option-set.js';
import { sourced } from './option-source.js';
import { type LoadedSessionOptions, resolveSessionOptions } from './session-options.js';

export interface FromOptionsOptions {
  /** Where the record comes from, for errors (default `options`). */
  source?: string;
}

/** A record under keystoneauth's names, as its `load_from_options` takes them (dashes and aliases accepted). */
export function optionSetFromRecord(
  record: Readonly<Record<string, unknown>>,
  source = 'options',
): OptionSet {
  const entries = collectOptions(record, 'options', (key, option) => ({
    source: key === option ? source : `${source}, as ${key}`,
  }));
  return { entries, whereMissing: () => ({ source }) };
}

/**
 * An auth plugin from keystoneauth options (`auth_type`, `auth_url`, `username`, …). Session, adapter and
 * unknown keys are ignored: a conf section holds other libraries' options too.
 */
export function loadAuthFromOptions(
  record: Readonly<Record<string, unknown>>,
  options: FromOptionsOptions = {},
): AuthPlugin {
  const set = optionSetFromRecord(record, options.source);
  const authOptions = parseAuthOptions(set);
  return sourced(set, () => buildAuthPlugin(authOptions));
}

/** `cafile`, `certfile`, `keyfile`, `insecure`, `timeout` → the Session's `caFile`, `certFile`, … */
export function loadSessionOptionsFromOptions(
  record: Readonly<Record<string, unknown>>,
  options: FromOptionsOptions = {},
): LoadedSessionOptions {
  return resolveSessionOptions(optionSetFromRecord(record, options.source));
}

/** `interface` or `valid_interfaces`, `region_name`, `service_type`, `service_name`, `endpoint_override`. */
export function loadAdapterOptionsFromOptions(
  record: Readonly<Record<string, unknown>>,
  options: FromOptionsOptions = {},
): LoadedAdapterOptions {
  return resolveAdapterOptions(optionSetFromRecord(record, options.source));
}

/** Options the caller adds to what the record gives (they win over it). */
export type ExtraSessionOptions = Omit<SessionOptions, 'auth'>;

/** `new Session({ auth, ...sessionOptions, ...extra })` from one record of keystoneauth options. */
export function loadSessionFromOptions(
  record: Readonly<Record<string, unknown>>,
  extra: ExtraSessionOptions = {},
  options: FromOptionsOptions = {},
): Session {
  const set = optionSetFromRecord(record, options.source);
  const authOptions = parseAuthOptions(set);
  const auth = sourced(set, () => buildAuthPlugin(authOptions));
  return createSession(set, auth, resolveSessionOptions(set), extra);
}

/** The session's own checks (a key without its certificate, an unreadable CA file) name the source too. */
export function createSession(
  set: OptionSet,
  auth: AuthPlugin,
  sessionOptions: LoadedSessionOptions,
  extra: ExtraSessionOptions = {},
): Session {
  return sourced(set, () => new Session({ auth, ...sessionOptions, ...extra }));
}
