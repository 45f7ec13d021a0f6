import { KeystoneConfigError } from '../errors/keystone-config-error.js';

export const INTERFACES = ['public', 'internal', 'admin'] as const;
export type Interface = (typeof INTERFACES)[number];

/** `public`, `publicURL`, `PUBLIC` → `public` (keystoneauth accepts the v2-era `…URL` names too). */
export function normalizeInterface(value: string): Interface {
  const name = value.toLowerCase().replace(/url$/, '');
  if ((INTERFACES as readonly string[]).includes(name)) return name as Interface;
  throw new KeystoneConfigError(
    'interface',
    `expected one of public, internal, admin, got ${JSON.stringify(value)}`,
  );
}
