import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import type { ValidatorSession } from './validator-session.js';

export interface TokenValidatorOptions {
  /** A Session holding this service's own credentials (a user with the admin or service role). */
  session: ValidatorSession;
  /** keystonemiddleware's `token_cache_time`: seconds an outcome is reused (never past the token's expiry); 0 disables the cache. Default 300. */
  cacheSeconds?: number;
  /** At most this many tokens remembered, the least recently used dropped first. Default 10 000. */
  maxCacheEntries?: number;
  /** The clock, epoch ms; default Date.now. */
  now?: () => number;
  /**
   * Take the identity endpoint from the catalog with this interface (keystonemiddleware's `interface`) —
   * and `regionName` — instead of the session's auth URL. Without either, the auth URL is used.
   */
  interface?: string | readonly string[];
  regionName?: string;
}

export interface NormalizedTokenValidatorOptions {
  session: ValidatorSession;
  cacheMs: number;
  maxCacheEntries: number;
  now: () => number;
  /** Set when the identity endpoint comes from the catalog. */
  catalog: { interface?: string | readonly string[]; regionName?: string } | undefined;
}

export function normalizeTokenValidatorOptions(
  options: TokenValidatorOptions,
): NormalizedTokenValidatorOptions {
  const cacheSeconds = options.cacheSeconds ?? 300;
  if (!Number.isFinite(cacheSeconds) || cacheSeconds < 0) {
    throw new KeystoneConfigError('token_cache_time', 'must be a number of seconds, 0 or more', {
      source: 'TokenValidator',
    });
  }
  const maxCacheEntries = options.maxCacheEntries ?? 10_000;
  if (!Number.isInteger(maxCacheEntries) || maxCacheEntries < 0) {
    throw new KeystoneConfigError('max_cache_entries', 'must be a whole number, 0 or more', {
      source: 'TokenValidator',
    });
  }
  const fromCatalog = options.interface !== undefined || options.regionName !== undefined;
  return {
    session: options.session,
    cacheMs: cacheSeconds * 1000,
    maxCacheEntries,
    now: options.now ?? Date.now,
    catalog: fromCatalog
      ? {
          ...(options.interface === undefined ? {} : { interface: options.interface }),
          ...(options.regionName === undefined ? {} : { regionName: options.regionName }),
        }
      : undefined,
  };
}
