import { KeystoneConfigError } from '../errors/keystone-config-error.js';

/**
 * The identity v3 root from an `auth_url` given with or without `/v3`
 * (`http://keystone:5000`, `http://keystone:5000/v3/`, `https://cloud/identity`).
 */
export function normalizeAuthUrl(authUrl: string): string {
  let url: URL;
  try {
    url = new URL(authUrl);
  } catch (error) {
    throw new KeystoneConfigError('auth_url', `not a URL: ${JSON.stringify(authUrl)}`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new KeystoneConfigError('auth_url', `expected an http or https URL, got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new KeystoneConfigError('auth_url', 'must not carry credentials');
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (/\/v2(\.0)?$/.test(path)) {
    throw new KeystoneConfigError('auth_url', 'identity v2 is not supported: use the v3 endpoint');
  }
  const base = `${url.origin}${path}`;
  return /\/v3$/.test(path) ? base : `${base}/v3`;
}
