import type { TokenResponse } from '../access/token-response.js';

/**
 * Who a valid token speaks for, as keystonemiddleware hands it to a service (its `X-User-Id`,
 * `X-Project-Id`, `X-Roles`, … headers). No token in it: it is safe to log.
 */
export interface ValidatedToken {
  userId: string;
  userName: string;
  userDomainId?: string;
  userDomainName?: string;
  /** Project scope. */
  projectId?: string;
  projectName?: string;
  projectDomainId?: string;
  projectDomainName?: string;
  /** Domain scope. */
  domainId?: string;
  domainName?: string;
  /** `true` for a system-scoped token (`system: {all: true}`); absent otherwise. */
  systemScope?: boolean;
  /** Role names, implied ones included (admin ⇒ member ⇒ reader). */
  roles: string[];
  expiresAt: Date;
  issuedAt?: Date;
  /**
   * Keystone's `is_admin_project`. Keystone only sends it when an admin project is configured; absent, it is
   * `true`, as keystoneauth's AccessInfo (and so keystonemiddleware's `X-Is-Admin-Project`) assumes.
   */
  isAdminProject: boolean;
}

/** The fields of a validation answer; `undefined` parts are left out rather than set to `undefined`. */
export function validatedTokenFrom(body: TokenResponse): ValidatedToken {
  const t = body.token;
  const result: ValidatedToken = {
    userId: t.user.id,
    // Keystone always names the user; an id stands in for a name should some proxy strip it.
    userName: t.user.name ?? t.user.id,
    roles: t.roles.map((role) => role.name ?? role.id),
    expiresAt: new Date(t.expires_at),
    isAdminProject: t.is_admin_project ?? true,
  };
  assign(result, 'userDomainId', t.user.domain?.id);
  assign(result, 'userDomainName', t.user.domain?.name);
  assign(result, 'projectId', t.project?.id);
  assign(result, 'projectName', t.project?.name);
  assign(result, 'projectDomainId', t.project?.domain?.id);
  assign(result, 'projectDomainName', t.project?.domain?.name);
  assign(result, 'domainId', t.domain?.id);
  assign(result, 'domainName', t.domain?.name);
  assign(result, 'issuedAt', t.issued_at === undefined ? undefined : new Date(t.issued_at));
  if (t.system !== undefined) result.systemScope = t.system.all === true;
  return result;
}

function assign<K extends keyof ValidatedToken>(
  target: ValidatedToken,
  key: K,
  value: ValidatedToken[K] | undefined,
) {
  if (value !== undefined) target[key] = value;
}
