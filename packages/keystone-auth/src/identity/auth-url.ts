import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { checkedUrl } from './checked-url.js';

/**
 * The identity v3 root from an `auth_url` given with or without `/v3`
 * (`http://keystone:5000`, `http://keystone:5000/v3/`, `https://cloud/identity`). A query string is
 * dropped; any `@` is refused as credentials (`http://ck:1234/pw@keystone` parses as port 1234 and a path
 * holding the password), and nothing refused is shown but through `redactUrl`.
 */
export function normalizeAuthUrl(authUrl: string): string {
  const url = new URL(checkedUrl('auth_url', authUrl));
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new KeystoneConfigError('auth_url', `expected an http or https URL, got ${url.protocol}`);
  }
  if (url.username || url.password || authUrl.includes('@')) {
    throw new KeystoneConfigError('auth_url', 'must not carry credentials (user:password@)');
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (/\/v2(\.0)?$/.test(path)) {
    throw new KeystoneConfigError('auth_url', 'identity v2 is not supported: use the v3 endpoint');
  }
  const base = `${url.origin}${path}`;
  return /\/v3$/.test(path) ? base : `${base}/v3`;
}
