import { KeystoneConfigError } from '../errors/keystone-config-error.js';

export interface ScopeOptions {
  projectId?: string;
  projectName?: string;
  projectDomainId?: string;
  projectDomainName?: string;
  domainId?: string;
  domainName?: string;
  /** `all` for a system-scoped token. */
  systemScope?: string;
}

type NameOrId = { id: string } | { name: string; domain: { id: string } | { name: string } };

export type Scope =
  | { kind: 'project'; project: NameOrId }
  | { kind: 'domain'; domain: { id: string } | { name: string } }
  | { kind: 'system'; system: string }
  | { kind: 'unscoped' };

/** The one scope the options ask for; contradictory or incomplete options are config errors. */
export function resolveScope(options: ScopeOptions): Scope {
  const project = options.projectId !== undefined || options.projectName !== undefined;
  const domain = options.domainId !== undefined || options.domainName !== undefined;
  const system = options.systemScope !== undefined;
  if ([project, domain, system].filter(Boolean).length > 1) {
    const asked = [project && 'project', domain && 'domain', system && 'system_scope']
      .filter(Boolean)
      .join(', ');
    throw new KeystoneConfigError(
      project ? 'project_name' : 'domain_name',
      `choose one scope, not several (${asked})`,
    );
  }
  if (options.projectId !== undefined) return { kind: 'project', project: { id: options.projectId } };
  if (options.projectName !== undefined) {
    const projectDomain = domainRef(options.projectDomainId, options.projectDomainName, 'project_domain');
    if (projectDomain === undefined) {
      throw new KeystoneConfigError(
        'project_domain_name',
        'project_name needs project_domain_name or project_domain_id',
      );
    }
    return { kind: 'project', project: { name: options.projectName, domain: projectDomain } };
  }
  if (domain) {
    const ref = domainRef(options.domainId, options.domainName, 'domain');
    if (ref !== undefined) return { kind: 'domain', domain: ref };
  }
  if (options.systemScope !== undefined) {
    if (options.systemScope !== 'all') {
      throw new KeystoneConfigError(
        'system_scope',
        `only "all" is supported, got ${JSON.stringify(options.systemScope)}`,
      );
    }
    return { kind: 'system', system: 'all' };
  }
  return { kind: 'unscoped' };
}

function domainRef(id: string | undefined, name: string | undefined, prefix: string) {
  if (id !== undefined && name !== undefined) {
    throw new KeystoneConfigError(`${prefix}_id`, `give ${prefix}_id or ${prefix}_name, not both`);
  }
  if (id !== undefined) return { id };
  if (name !== undefined) return { name };
  return undefined;
}

/** The `auth.scope` of a token request, or nothing for an unscoped token. */
export function scopeBody(scope: Scope): Record<string, unknown> | undefined {
  switch (scope.kind) {
    case 'project':
      return { project: scope.project };
    case 'domain':
      return { domain: scope.domain };
    case 'system':
      return { system: { [scope.system]: true } };
    case 'unscoped':
      return undefined;
  }
}

export function describeScope(scope: Scope): string {
  switch (scope.kind) {
    case 'project':
      return `project ${describeRef(scope.project)}`;
    case 'domain':
      return `domain ${describeRef(scope.domain)}`;
    case 'system':
      return `system scope ${scope.system}`;
    case 'unscoped':
      return 'no scope';
  }
}

export function describeRef(
  ref: { id: string } | { name: string; domain?: { id: string } | { name: string } },
): string {
  if ('id' in ref) return `id ${ref.id}`;
  const domain =
    ref.domain === undefined
      ? ''
      : ` in domain ${'id' in ref.domain ? `id ${ref.domain.id}` : `'${ref.domain.name}'`}`;
  return `'${ref.name}'${domain}`;
}
