import { inspect } from 'node:util';
import { AccessInfo, tokenResponseSchema } from '@kitty-collect/keystone-auth';
import { describe, expect, it } from 'vitest';
import { decideAetosAccess, requireAetosAllProjects } from './aetos-access.js';
import { AetosAccessError } from './errors/aetos-access-error.js';

const TOKEN = 'gAAAAA-secret-token-0042';
const DEMO = { id: 'd3m0', name: 'demo', domain: { id: 'default', name: 'Default' } };

/** A token as Keystone returns it: implied roles listed (admin ⇒ member ⇒ reader). */
function token(
  roles: string[],
  scope: { project?: typeof DEMO; domain?: { id: string; name?: string }; system?: boolean } = {
    project: DEMO,
  },
): AccessInfo {
  return new AccessInfo(
    TOKEN,
    tokenResponseSchema.parse({
      token: {
        expires_at: '2030-01-01T00:00:00.000000Z',
        methods: ['password'],
        user: { id: 'u1', name: 'reader-demo', domain: { id: 'default', name: 'Default' } },
        ...(scope.project === undefined ? {} : { project: scope.project }),
        ...(scope.domain === undefined ? {} : { domain: scope.domain }),
        ...(scope.system === true ? { system: { all: true } } : {}),
        roles: roles.map((name, index) => ({ id: `r${index}`, name })),
      },
    }),
  );
}

const ADMIN = ['admin', 'member', 'reader'];
const MEMBER = ['member', 'reader'];
const DOMAIN = { domain: { id: 'default', name: 'Default' } };

describe('decideAetosAccess: Aetos policy on the token Keystone returned', () => {
  it.each([
    ['admin on a project', token(ADMIN), { kind: 'all-projects', role: 'admin' }],
    ['service on a project', token(['service']), { kind: 'all-projects', role: 'service' }],
    [
      'service and admin on a project',
      token([...ADMIN, 'service']),
      { kind: 'all-projects', role: 'service' },
    ],
    ['service on a domain', token(['service'], DOMAIN), { kind: 'all-projects', role: 'service' }],
    [
      'service on the system',
      token(['service'], { system: true }),
      { kind: 'all-projects', role: 'service' },
    ],
    ['Admin, differently cased', token(['Admin']), { kind: 'all-projects', role: 'admin' }],
    ['member (implies reader) on a project', token(MEMBER), { kind: 'project', projectId: 'd3m0' }],
    ['reader on a project', token(['reader']), { kind: 'project', projectId: 'd3m0' }],
    ['admin on a domain', token(ADMIN, DOMAIN), { kind: 'denied' }],
    ['admin on the system', token(ADMIN, { system: true }), { kind: 'denied' }],
    ['reader on a domain', token(['reader'], DOMAIN), { kind: 'denied' }],
    ['an unrelated role on a project', token(['rating']), { kind: 'denied' }],
    ['member without the implied reader', token(['member']), { kind: 'denied' }],
    ['an unscoped token', token([], {}), { kind: 'denied' }],
  ])('%s', (_, access, expected) => {
    expect(decideAetosAccess(access)).toEqual(expected);
  });
});

describe('requireAetosAllProjects', () => {
  it('returns the role that grants every project', () => {
    expect(requireAetosAllProjects(token(ADMIN))).toBe('admin');
    expect(requireAetosAllProjects(token(['service'], DOMAIN))).toBe('service');
  });

  it('a reader: names user, project, roles held and roles needed; would be restricted', () => {
    const error = thrown(() => requireAetosAllProjects(token(['reader'])));
    expect(error).toBeInstanceOf(AetosAccessError);
    expect(error).toMatchObject({
      name: 'AetosAccessError',
      access: 'project',
      user: 'reader-demo',
      project: 'demo',
      roles: ['reader'],
      rolesNeeded: ['admin', 'service'],
    });
    expect(error.message).toBe(
      "Keystone user 'reader-demo' has role reader on project demo; collecting every project through Aetos needs role 'admin' on a project-scoped token or role 'service' (Aetos would return only project demo's series)",
    );
  });

  it('a member: every role listed', () => {
    expect(thrown(() => requireAetosAllProjects(token(MEMBER))).message).toMatch(
      /^Keystone user 'reader-demo' has roles member, reader on project demo; .* needs role 'admin' on a project-scoped token or role 'service'/,
    );
  });

  it('a domain-scoped admin: refused, saying the scope', () => {
    const error = thrown(() => requireAetosAllProjects(token(ADMIN, DOMAIN)));
    expect(error).toMatchObject({ access: 'denied', project: undefined, domain: 'Default' });
    expect(error.message).toBe(
      "Keystone user 'reader-demo' has roles admin, member, reader on domain Default (a domain-scoped token); collecting every project through Aetos needs role 'admin' on a project-scoped token or role 'service' (Aetos would refuse its queries with 403)",
    );
  });

  it('a system-scoped admin and an unscoped token: refused', () => {
    expect(thrown(() => requireAetosAllProjects(token(ADMIN, { system: true }))).message).toContain(
      'has roles admin, member, reader on the system (a system-scoped token);',
    );
    expect(thrown(() => requireAetosAllProjects(token([], {}))).message).toContain(
      'has no role with an unscoped token;',
    );
  });

  it('names ids when Keystone gave no names, and never the token', () => {
    const error = thrown(() =>
      requireAetosAllProjects({
        user: { id: 'u1' },
        project: { id: 'p1' },
        roles: ['reader'],
        domain: undefined,
        system: undefined,
      }),
    );
    expect(error.message).toMatch(/^Keystone user 'u1' has role reader on project p1;/);
    expect(
      inspect(
        thrown(() => requireAetosAllProjects(token(['reader']))),
        { depth: 10 },
      ),
    ).not.toContain(TOKEN);
  });
});

function thrown(run: () => unknown): AetosAccessError {
  try {
    run();
  } catch (error) {
    return error as AetosAccessError;
  }
  throw new Error('expected a throw');
}
