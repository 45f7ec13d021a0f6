import { booleanValue, kindOf } from '@kitty-collect/oslo-config';
import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { isMapping, type Mapping } from './clouds-yaml-files.js';
import { AUTH_OPTION_NAMES, type OptionName } from './option-names.js';
import { collectOptions, isAbsent, type OptionEntry, type OptionPlace } from './option-set.js';

type Where = (path: readonly string[]) => OptionPlace;

/** An oslo boolean word or a YAML boolean, else undefined (the flag check reports bad values later). */
const flagOf = (value: unknown): boolean | undefined => booleanValue().safeParse(value).data;

const AUTH_NAMES: ReadonlySet<string> = new Set(AUTH_OPTION_NAMES);

/** openstacksdk calls the token `auth_token` too. */
const CLOUD_ALIASES = { auth_token: 'token' } as const;

/** Vendor profiles and identity v2 cannot be honoured: say so rather than load something else. */
export function refuseUnsupported(cloud: Mapping, where: Where): void {
  // `cloud` is the old name of `profile`.
  for (const key of ['profile', 'cloud']) {
    if (!isAbsent(cloud[key])) {
      throw new KeystoneConfigError(
        key,
        'vendor profiles are not supported: write the settings into the cloud entry',
        where([key]),
      );
    }
  }
  const version = cloud.identity_api_version;
  if (!isAbsent(version) && !['3', '3.0'].includes(String(version))) {
    throw new KeystoneConfigError(
      'identity_api_version',
      `only the identity API v3 is supported, got ${JSON.stringify(version)}`,
      where(['identity_api_version']),
    );
  }
}

/** A cloud entry's settings under keystoneauth's option names (the region is the caller's concern). */
export function cloudEntries(cloud: Mapping, where: Where): Map<OptionName, OptionEntry> {
  const auth = cloud.auth ?? {};
  if (!isMapping(auth)) {
    throw new KeystoneConfigError('auth', `expected a mapping, got ${kindOf(auth)}`, where(['auth']));
  }
  const entries = new Map<OptionName, OptionEntry>();
  const fromAuth = collectOptions(auth, 'clouds.yaml', (key) => where(['auth', key]), CLOUD_ALIASES);
  // Plugin options outside `auth` count too, when `auth` lacks them (openstacksdk `_validate_auth`).
  const topLevel = collectOptions(cloud, 'clouds.yaml', (key) => where([key]), CLOUD_ALIASES);
  for (const [option, entry] of [...fromAuth, ...topLevel]) {
    if (AUTH_NAMES.has(option) && !entries.has(option)) entries.set(option, entry);
  }

  const put = (option: OptionName, key: string, value: unknown = cloud[key]) => {
    if (!isAbsent(value)) entries.set(option, { value, place: where([key]), origin: 'clouds.yaml' });
  };
  // openstacksdk renames `endpoint_type` to `interface`.
  put('interface', isAbsent(cloud.interface) ? 'endpoint_type' : 'interface');
  put('certfile', 'cert');
  put('keyfile', 'key');
  put('timeout', 'api_timeout');
  putVerification(cloud, put, where);
  return entries;
}

/**
 * openstacksdk's `get_requests_verify_args`: `insecure: true` wins; `verify: false` turns verification
 * off; when verifying, `cacert` (or, as requests allows, a path given as `verify`) is the CA bundle,
 * and when not verifying a cacert is ignored.
 */
function putVerification(
  cloud: Mapping,
  put: (option: OptionName, key: string, value?: unknown) => void,
  where: Where,
) {
  const insecure = isAbsent(cloud.insecure) ? undefined : flagOf(cloud.insecure);
  const verify = isAbsent(cloud.verify) ? undefined : flagOf(cloud.verify);
  if (!isAbsent(cloud.verify) && verify === undefined && typeof cloud.verify !== 'string') {
    throw new KeystoneConfigError(
      'verify',
      'expected true, false or the path of a CA bundle',
      where(['verify']),
    );
  }
  if (insecure !== true && verify === false) put('insecure', 'verify', true);
  else put('insecure', 'insecure'); // true, false, or a bad value that the flag check reports
  if (insecure === true || verify === false) return;
  if (!isAbsent(cloud.cacert)) put('cafile', 'cacert');
  else if (typeof cloud.verify === 'string' && verify === undefined) put('cafile', 'verify');
}
