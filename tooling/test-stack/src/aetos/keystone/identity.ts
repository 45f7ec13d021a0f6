import type { KeystoneTokenBody } from '../../keystone/api.js';

/** What keystonemiddleware hands the application about a valid token (X-Project-Id, X-Roles, …). */
export interface TokenIdentity {
  userId: string;
  userName: string;
  /** null for domain-scoped, system-scoped and unscoped tokens. */
  projectId: string | null;
  projectName: string | null;
  /** Role names, implied roles included (application credentials: only their own roles). */
  roles: string[];
  expiresAt: Date;
}

export function identityFromTokenBody(body: KeystoneTokenBody): TokenIdentity {
  const { token } = body;
  return {
    userId: token.user.id,
    userName: token.user.name,
    projectId: token.project?.id ?? null,
    projectName: token.project?.name ?? null,
    roles: (token.roles ?? []).map((role) => role.name),
    expiresAt: new Date(token.expires_at),
  };
}
