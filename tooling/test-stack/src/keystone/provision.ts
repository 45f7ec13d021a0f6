import { cachingTokenSource, issueToken, keystoneRequest, type TokenSource } from './api.js';
import { ensureRegion, replaceServiceEndpoints } from './endpoints.js';
import {
  ADMIN_PROJECT_NAME,
  ADMIN_USER,
  APPLICATION_CREDENTIAL,
  DEFAULT_DOMAIN,
  EXTRA_ROLES,
  GRANT_SPECS,
  type GrantSpec,
  IDENTITY_SERVICE_NAME,
  type KeystoneAssignmentTarget,
  type KeystoneDomainFixture,
  type KeystoneEndpointFixture,
  type KeystoneEndpointSpec,
  type KeystoneFixtures,
  type KeystoneProjectFixture,
  type KeystoneRoleAssignmentFixture,
  type KeystoneRoleFixture,
  type KeystoneUserFixture,
  METRIC_STORAGE_SERVICE,
  OTHER_DOMAIN_NAME,
  PROJECT_SPECS,
  REGION_ONE,
  REGION_TWO,
  USER_SPECS,
} from './fixtures.js';

interface Named {
  id: string;
  name: string;
}

/**
 * Creates everything in fixtures.ts through the REST API with an admin token. Runs after tokens were issued,
 * which Keystone 22.0.2 on sqlite only survives with the launcher's federation patch.
 */
export async function provisionFixtures(
  authUrl: string,
  metricStorageEndpoints: readonly KeystoneEndpointSpec[],
): Promise<KeystoneFixtures> {
  const admin = await issueToken(authUrl, {
    username: ADMIN_USER.name,
    password: ADMIN_USER.password,
    project: ADMIN_PROJECT_NAME,
    nocatalog: true,
  });
  const adminProject = admin.body.token.project;
  if (!adminProject) throw new Error('the bootstrap admin token is not project-scoped');
  // Re-issued when about to expire: with an expiration of a few seconds, provisioning outlives one token.
  const token = cachingTokenSource(
    () =>
      issueToken(authUrl, {
        userId: admin.body.token.user.id,
        password: ADMIN_USER.password,
        scope: { project: { id: adminProject.id } },
        nocatalog: true,
      }),
    admin,
  );
  const get = async <T>(path: string) =>
    (await keystoneRequest<T>(authUrl, { path, token: await token() })).body;
  const post = async <T>(path: string, body: unknown) =>
    (await keystoneRequest<T>(authUrl, { method: 'POST', path, token: await token(), body })).body;
  const put = async (path: string) =>
    keystoneRequest(authUrl, { method: 'PUT', path, token: await token(), expect: [201, 204] });

  // Roles: bootstrap made admin, member and reader (with admin ⇒ member ⇒ reader in 22.x).
  const existingRoles = (await get<{ roles: Named[] }>('/roles')).roles;
  const roleByName = new Map(existingRoles.map((role) => [role.name, role]));
  for (const name of EXTRA_ROLES) {
    if (!roleByName.has(name))
      roleByName.set(name, (await post<{ role: Named }>('/roles', { role: { name } })).role);
  }
  const role = (name: string): KeystoneRoleFixture => {
    const found = roleByName.get(name);
    if (!found) throw new Error(`role ${name} is missing after bootstrap`);
    return { id: found.id, name: found.name };
  };
  const roles: KeystoneFixtures['roles'] = {
    admin: role('admin'),
    member: role('member'),
    reader: role('reader'),
    service: role('service'),
    rating: role('rating'),
  };
  // Bootstrap in 22.x creates admin ⇒ member ⇒ reader; check it, and add what an other release may lack.
  for (const [prior, implied] of [
    [roles.admin, roles.member],
    [roles.member, roles.reader],
  ] as const) {
    const path = `/roles/${prior.id}/implies/${implied.id}`;
    const found = await keystoneRequest(authUrl, { path, token: await token(), expect: [200, 404] });
    if (found.status === 404) await put(path);
  }

  // RegionOne comes from bootstrap; RegionTwo only holds metric-storage endpoints but must exist either way.
  await ensureRegion(authUrl, token, REGION_ONE);
  await ensureRegion(authUrl, token, REGION_TWO);

  const otherDomain = (
    await post<{ domain: Named }>('/domains', { domain: { name: OTHER_DOMAIN_NAME, enabled: true } })
  ).domain;
  const domains: KeystoneFixtures['domains'] = {
    default: { ...DEFAULT_DOMAIN },
    other: { id: otherDomain.id, name: otherDomain.name },
  };
  const domainOf = (key: 'default' | 'other'): KeystoneDomainFixture => domains[key];

  const projects = {
    admin: {
      id: adminProject.id,
      name: adminProject.name,
      domainId: DEFAULT_DOMAIN.id,
      domainName: DEFAULT_DOMAIN.name,
      enabled: true,
    },
  } as Partial<KeystoneFixtures['projects']> as KeystoneFixtures['projects'];
  for (const spec of PROJECT_SPECS) {
    const domain = domainOf(spec.domain);
    const created = (
      await post<{ project: Named & { enabled: boolean } }>('/projects', {
        project: {
          name: spec.name,
          domain_id: domain.id,
          enabled: spec.enabled,
          description: 'kitty-collect test project',
        },
      })
    ).project;
    projects[spec.key] = {
      id: created.id,
      name: created.name,
      domainId: domain.id,
      domainName: domain.name,
      enabled: created.enabled,
    } satisfies KeystoneProjectFixture;
  }

  const adminUser = admin.body.token.user;
  const users = {
    admin: {
      id: adminUser.id,
      name: adminUser.name,
      password: ADMIN_USER.password,
      domainId: DEFAULT_DOMAIN.id,
      domainName: DEFAULT_DOMAIN.name,
    },
  } as Partial<KeystoneFixtures['users']> as KeystoneFixtures['users'];
  for (const spec of USER_SPECS) {
    const domain = domainOf(spec.domain);
    const created = (
      await post<{ user: Named }>('/users', {
        user: { name: spec.name, password: spec.password, domain_id: domain.id, enabled: true },
      })
    ).user;
    users[spec.key] = {
      id: created.id,
      name: created.name,
      password: spec.password,
      domainId: domain.id,
      domainName: domain.name,
    } satisfies KeystoneUserFixture;
  }

  const assignments: KeystoneRoleAssignmentFixture[] = [
    {
      userId: users.admin.id,
      roleId: roles.admin.id,
      description: 'admin has admin on project admin (bootstrap)',
      target: { projectId: projects.admin.id },
    },
    {
      userId: users.admin.id,
      roleId: roles.admin.id,
      description: 'admin has admin on the system (bootstrap)',
      target: { system: 'all' },
    },
  ];
  // Bootstrap's system assignment is relied upon by tests: check it rather than assume it.
  await keystoneRequest(authUrl, {
    method: 'HEAD',
    path: `/system/users/${users.admin.id}/roles/${roles.admin.id}`,
    token: await token(),
    expect: [200, 204],
  });
  for (const grant of GRANT_SPECS) {
    const user = users[grant.user];
    const granted = roles[grant.role];
    const { path, target, where } = grantTarget(grant, projects, domains);
    await put(`${path}/users/${user.id}/roles/${granted.id}`);
    assignments.push({
      userId: user.id,
      roleId: granted.id,
      description: `${user.name} has ${granted.name} on ${where}`,
      target,
    });
  }

  const identity = await identityService(authUrl, token);
  const metricStorageService = (
    await post<{ service: Named & { type: string } }>('/services', {
      service: { type: METRIC_STORAGE_SERVICE.type, name: METRIC_STORAGE_SERVICE.name, enabled: true },
    })
  ).service;
  const metricStorageEndpointFixtures = await replaceServiceEndpoints(
    authUrl,
    token,
    metricStorageService.id,
    metricStorageEndpoints,
  );

  // Application credentials can only be created by their own user, with a token scoped to the project.
  const owner = users[APPLICATION_CREDENTIAL.user];
  const ownerProject = projects[APPLICATION_CREDENTIAL.project];
  const ownerToken = await issueToken(authUrl, {
    userId: owner.id,
    password: owner.password,
    scope: { project: { id: ownerProject.id } },
    nocatalog: true,
  });
  const appCred = (
    await keystoneRequest<{ application_credential: Named & { project_id: string } }>(authUrl, {
      method: 'POST',
      path: `/users/${owner.id}/application_credentials`,
      token: ownerToken.token,
      body: {
        application_credential: {
          name: APPLICATION_CREDENTIAL.name,
          secret: APPLICATION_CREDENTIAL.secret,
          roles: APPLICATION_CREDENTIAL.roles.map((name) => ({ name })),
          description: 'kitty-collect test application credential',
        },
      },
    })
  ).body.application_credential;

  return {
    regions: { one: REGION_ONE, two: REGION_TWO },
    domains,
    roles,
    projects,
    users,
    applicationCredential: {
      id: appCred.id,
      name: appCred.name,
      secret: APPLICATION_CREDENTIAL.secret,
      userId: owner.id,
      userName: owner.name,
      userDomainName: owner.domainName,
      projectId: appCred.project_id,
      roles: [...APPLICATION_CREDENTIAL.roles],
    },
    services: {
      identity,
      metricStorage: {
        id: metricStorageService.id,
        type: metricStorageService.type,
        name: metricStorageService.name,
        endpoints: metricStorageEndpointFixtures,
      },
    },
    assignments,
  };
}

function grantTarget(
  grant: GrantSpec,
  projects: KeystoneFixtures['projects'],
  domains: KeystoneFixtures['domains'],
): { path: string; target: KeystoneAssignmentTarget; where: string } {
  if ('project' in grant.on) {
    const project = projects[grant.on.project];
    return {
      path: `/projects/${project.id}`,
      target: { projectId: project.id },
      where: `project ${project.name}`,
    };
  }
  const domain = domains[grant.on.domain];
  return { path: `/domains/${domain.id}`, target: { domainId: domain.id }, where: `domain ${domain.name}` };
}

async function identityService(
  authUrl: string,
  token: TokenSource,
): Promise<KeystoneFixtures['services']['identity']> {
  const services = (
    await keystoneRequest<{ services: (Named & { type: string })[] }>(authUrl, {
      path: '/services?type=identity',
      token: await token(),
    })
  ).body.services;
  const service = services.find((candidate) => candidate.name === IDENTITY_SERVICE_NAME) ?? services[0];
  if (!service) throw new Error('bootstrap registered no identity service');
  const endpoints = (
    await keystoneRequest<{
      endpoints: {
        id: string;
        interface: KeystoneEndpointSpec['interface'];
        region_id: string;
        url: string;
      }[];
    }>(authUrl, { path: `/endpoints?service_id=${service.id}`, token: await token() })
  ).body.endpoints;
  return {
    id: service.id,
    type: service.type,
    name: service.name,
    endpoints: endpoints.map(
      (endpoint): KeystoneEndpointFixture => ({
        id: endpoint.id,
        interface: endpoint.interface,
        region: endpoint.region_id,
        url: endpoint.url,
      }),
    ),
  };
}
