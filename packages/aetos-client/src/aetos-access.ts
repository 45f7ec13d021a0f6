import type { AccessInfo } from '@kitty-collect/keystone-auth';
import { type AETOS_ALL_PROJECTS_ROLES, AetosAccessError } from './errors/aetos-access-error.js';

/**
 * What Aetos lets a token do, as its policy decides: `all-projects` (role `admin` on a project-scoped token,
 * or role `service` on any token) sends queries unmodified; `project` (role `reader`, which `member` and
 * `admin` imply, on a project-scoped token) rewrites every query to that project's series; `denied`
 * answers 403. `role` is the role that grants all projects (`service` when the token holds both).
 */
export type AetosAccess =
  | { kind: 'all-projects'; role: (typeof AETOS_ALL_PROJECTS_ROLES)[number] }
  | { kind: 'project'; projectId: string }
  | { kind: 'denied' };

/** The parts of a token that Aetos' policy reads (roles, project scope) and its refusal names. */
export type AetosAccessToken = Pick<AccessInfo, 'roles' | 'project' | 'domain' | 'system' | 'user'>;

/**
 * Aetos' decision for a token (keystone-auth's `AccessInfo`: roles with the implied ones, as Keystone
 * returns them). Role names compare case-insensitively, as oslo.policy does. Pure: nothing is sent.
 */
export function decideAetosAccess(token: AetosAccessToken): AetosAccess {
  const roles = new Set(token.roles.map((role) => role.toLowerCase()));
  const projectId = token.project?.id;
  if (roles.has('service')) return { kind: 'all-projects', role: 'service' };
  if (projectId !== undefined && roles.has('admin')) return { kind: 'all-projects', role: 'admin' };
  if (projectId !== undefined && roles.has('reader')) return { kind: 'project', projectId };
  return { kind: 'denied' };
}

/**
 * The role that lets `token` query every project through Aetos; an `AetosAccessError` naming the roles
 * held and needed when Aetos would restrict its queries to its project, or refuse them.
 */
export function requireAetosAllProjects(token: AetosAccessToken): (typeof AETOS_ALL_PROJECTS_ROLES)[number] {
  const access = decideAetosAccess(token);
  if (access.kind === 'all-projects') return access.role;
  throw new AetosAccessError({
    access: access.kind,
    user: token.user.name ?? token.user.id,
    project: token.project === undefined ? undefined : (token.project.name ?? token.project.id),
    domain: token.domain === undefined ? undefined : (token.domain.name ?? token.domain.id),
    system: token.system !== undefined,
    roles: token.roles,
  });
}
