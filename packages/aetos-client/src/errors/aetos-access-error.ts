import { PrometheusError } from '@kitty-collect/prometheus-client-base';

/** Either role lets a token query every project through Aetos: `admin` on a project-scoped token, `service` on any. */
export const AETOS_ALL_PROJECTS_ROLES = ['admin', 'service'] as const;

export interface AetosAccessErrorDetails {
  /** What Aetos would do with the token's queries: restrict them to its project, or refuse them (403). */
  access: 'project' | 'denied';
  /** The token's user (name, else id). */
  user: string | undefined;
  /** The token's project (name, else id); undefined unless project-scoped. */
  project: string | undefined;
  /** The token's domain (name, else id) when domain-scoped. */
  domain?: string | undefined;
  /** Whether the token is system-scoped. */
  system?: boolean;
  /** The roles the token holds, implied ones included (sorted by name). */
  roles: readonly string[];
}

/** The roles that let a token query every project through Aetos, as the message says them. */
const ROLES_NEEDED = "role 'admin' on a project-scoped token or role 'service'";

/**
 * A Keystone token whose roles would not let Aetos answer for every project: Aetos would restrict its
 * queries to the token's own project (a reader or member) or refuse them (403), so collecting with it
 * would under-bill. The message names the user, scope, roles held and roles needed; never the token.
 */
export class AetosAccessError extends PrometheusError {
  override name = 'AetosAccessError';
  readonly access: 'project' | 'denied';
  readonly user: string | undefined;
  readonly project: string | undefined;
  readonly domain: string | undefined;
  readonly system: boolean;
  readonly roles: readonly string[];
  /** Either role grants every project: `admin` only on a project-scoped token, `service` on any. */
  readonly rolesNeeded: readonly string[] = AETOS_ALL_PROJECTS_ROLES;

  constructor(details: AetosAccessErrorDetails) {
    const roles = [...details.roles].sort();
    super(accessMessage({ ...details, roles }));
    this.access = details.access;
    this.user = details.user;
    this.project = details.project;
    this.domain = details.domain;
    this.system = details.system ?? false;
    this.roles = roles;
  }
}

function accessMessage(details: AetosAccessErrorDetails): string {
  const who = details.user === undefined ? 'The Keystone token' : `Keystone user '${details.user}'`;
  const held =
    details.roles.length === 0
      ? 'no role'
      : `${details.roles.length === 1 ? 'role' : 'roles'} ${details.roles.join(', ')}`;
  const consequence =
    details.access === 'project'
      ? `Aetos would return only project ${details.project}'s series`
      : 'Aetos would refuse its queries with 403';
  return `${who} has ${held} ${scopeText(details)}; collecting every project through Aetos needs ${ROLES_NEEDED} (${consequence})`;
}

function scopeText({ project, domain, system }: AetosAccessErrorDetails): string {
  if (project !== undefined) return `on project ${project}`;
  if (domain !== undefined) return `on domain ${domain} (a domain-scoped token)`;
  if (system === true) return 'on the system (a system-scoped token)';
  return 'with an unscoped token';
}
