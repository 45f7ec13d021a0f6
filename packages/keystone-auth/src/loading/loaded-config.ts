import type { AuthPlugin } from '../identity/auth-plugin.js';
import { type LoadedAdapterOptions, resolveAdapterOptions } from './adapter-options.js';
import { parseAuthOptions } from './auth-options.js';
import { buildAuthPlugin } from './build-auth.js';
import type { OptionSet } from './option-set.js';
import { sourced } from './option-source.js';
import { type LoadedSessionOptions, resolveSessionOptions } from './session-options.js';

/** What every loader returns: the plugin, the session's and the adapter's options, and where each option came from. */
export interface LoadedConfig {
  auth: AuthPlugin;
  sessionOptions: LoadedSessionOptions;
  adapterOptions: LoadedAdapterOptions;
  /** keystoneauth option name → where it was read (`environment variable OS_AUTH_URL`); never a value. */
  sources: Record<string, string>;
}

export function resolveOptionSet(set: OptionSet): LoadedConfig {
  const authOptions = parseAuthOptions(set);
  const auth = sourced(set, () => buildAuthPlugin(authOptions));
  return {
    auth,
    sessionOptions: resolveSessionOptions(set),
    adapterOptions: resolveAdapterOptions(set),
    sources: describeSources(set),
  };
}

export function describeSources(set: OptionSet): Record<string, string> {
  return Object.fromEntries([...set.entries].map(([option, entry]) => [option, entry.place.source]));
}
