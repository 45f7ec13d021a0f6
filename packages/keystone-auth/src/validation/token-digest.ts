import { createHash } from 'node:crypto';

/** The token's SHA-256, hex: the cache key, so the cache never holds a token someone could replay. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** What errors and logs may show of a token: `sha256:` and 8 hex digits of its digest. */
export function fingerprintOf(digest: string): string {
  return `sha256:${digest.slice(0, 8)}`;
}
