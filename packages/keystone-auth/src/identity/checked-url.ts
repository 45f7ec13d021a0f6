import { redactUrl } from '@kitty-collect/http-request';
import { KeystoneConfigError } from '../errors/keystone-config-error.js';

/**
 * `url` when it parses, else a KeystoneConfigError for `option` showing it through `redactUrl` only
 * (`not a URL: "http://[bad/v3"` for `http://ck:pw@[bad/v3?pw=x`). No `cause`: Node's TypeError keeps
 * the raw text in its `input`, which `util.inspect` would show.
 */
export function checkedUrl(option: string, url: string): string {
  if (URL.canParse(url)) return url;
  throw new KeystoneConfigError(option, `not a URL: ${JSON.stringify(redactUrl(url))}`);
}
