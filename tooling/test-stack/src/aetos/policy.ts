import type { TokenIdentity } from './keystone/identity.js';

/**
 * Aetos' query policy (the same rules guard series, labels and label, aetos/policies.py): `query:all_projects` (role admin on a project-scoped token, or role service) sends
 * the query unmodified; `query` (role reader on the token's project) restricts it to that project; anything
 * else is refused with 403 "RBAC Authorization Failed". Role names compare case-insensitively, as in
 * oslo.policy.
 */
export type QueryAccess =
  | { kind: 'all-projects' }
  | { kind: 'project'; projectId: string }
  | { kind: 'denied' };

export function decideQueryAccess(identity: TokenIdentity): QueryAccess {
  const roles = new Set(identity.roles.map((role) => role.toLowerCase()));
  if (roles.has('service') || (identity.projectId !== null && roles.has('admin'))) {
    return { kind: 'all-projects' };
  }
  if (identity.projectId !== null && roles.has('reader')) {
    return { kind: 'project', projectId: identity.projectId };
  }
  return { kind: 'denied' };
}
