import { booleanValue, quote } from '@kitty-collect/oslo-config';
import { z } from 'zod';

export const FETCHER_KEYSTONE_SECTION = 'fetcher_keystone';

/**
 * keystoneclient's `normalize_version_number` accepts `3`, `v3`, `3.0`… Keystone's v2 API is gone
 * (removed in Queens), so only v3 is implemented.
 */
function keystoneVersionValue() {
  return z.string().transform((text, ctx): 3 => {
    const version = text.trim().toLowerCase().replace(/^v/, '');
    if (/^3(\.\d+)?$/.test(version)) return 3;
    const note = /^2(\.\d+)?$/.test(version) ? ' (the v2 API was removed from Keystone)' : '';
    ctx.issues.push({
      code: 'custom',
      message: `only 3 is supported, got ${quote(text)}${note}`,
      input: undefined,
    });
    return z.NEVER;
  });
}

/**
 * The fetcher's own options of `[fetcher_keystone]` (cloudkitty/fetcher/keystone.py); the keystoneauth
 * options of the section (or of its `auth_section`) are read by keystone-auth's loader.
 */
export const fetcherKeystoneSectionSchema = z
  .object({
    keystone_version: keystoneVersionValue().default(3),
    ignore_rating_role: booleanValue().default(false),
    ignore_disabled_tenants: booleanValue().default(false),
  })
  .transform((section) => ({
    keystoneVersion: section.keystone_version,
    ignoreRatingRole: section.ignore_rating_role,
    ignoreDisabledTenants: section.ignore_disabled_tenants,
  }));

export type FetcherKeystoneSection = z.output<typeof fetcherKeystoneSectionSchema>;
