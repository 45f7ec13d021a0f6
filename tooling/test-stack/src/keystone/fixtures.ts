/** What startKeystone() provisions: names and secrets are fixed here, ids are filled in at start. */

export interface KeystoneEndpointSpec {
  interface: 'public' | 'internal' | 'admin';
  region: string;
  url: string;
}

export interface KeystoneEndpointFixture extends KeystoneEndpointSpec {
  id: string;
}

export interface KeystoneDomainFixture {
  id: string;
  name: string;
}

export interface KeystoneRoleFixture {
  id: string;
  name: string;
}

export interface KeystoneProjectFixture {
  id: string;
  name: string;
  domainId: string;
  domainName: string;
  enabled: boolean;
}

export interface KeystoneUserFixture {
  id: string;
  name: string;
  password: string;
  domainId: string;
  domainName: string;
}

export interface KeystoneApplicationCredentialFixture {
  id: string;
  name: string;
  secret: string;
  userId: string;
  userName: string;
  userDomainName: string;
  projectId: string;
  /** Role names given to the credential (implied roles come on top in its tokens). */
  roles: string[];
}

export interface KeystoneServiceFixture {
  id: string;
  type: string;
  name: string;
  /** setMetricStorageEndpoints() replaces this array's contents for metric-storage. */
  endpoints: KeystoneEndpointFixture[];
}

export type KeystoneAssignmentTarget = { projectId: string } | { domainId: string } | { system: 'all' };

export interface KeystoneRoleAssignmentFixture {
  userId: string;
  roleId: string;
  /** Readable form, e.g. "cloudkitty has rating on project rated-a". */
  description: string;
  target: KeystoneAssignmentTarget;
}

export interface KeystoneFixtures {
  regions: { one: string; two: string };
  domains: { default: KeystoneDomainFixture; other: KeystoneDomainFixture };
  roles: {
    admin: KeystoneRoleFixture;
    member: KeystoneRoleFixture;
    reader: KeystoneRoleFixture;
    service: KeystoneRoleFixture;
    rating: KeystoneRoleFixture;
  };
  projects: {
    admin: KeystoneProjectFixture;
    service: KeystoneProjectFixture;
    demo: KeystoneProjectFixture;
    ratedA: KeystoneProjectFixture;
    ratedB: KeystoneProjectFixture;
    disabledC: KeystoneProjectFixture;
    /** In domain `other`. */
    otherP: KeystoneProjectFixture;
  };
  users: {
    admin: KeystoneUserFixture;
    cloudkitty: KeystoneUserFixture;
    svcOnly: KeystoneUserFixture;
    readerDemo: KeystoneUserFixture;
    memberDemo: KeystoneUserFixture;
    /** In domain `other`. */
    otherUser: KeystoneUserFixture;
  };
  /** cloudkitty's, on project service with role admin. */
  applicationCredential: KeystoneApplicationCredentialFixture;
  services: { identity: KeystoneServiceFixture; metricStorage: KeystoneServiceFixture };
  /** Every role assignment that exists, bootstrap's included. */
  assignments: KeystoneRoleAssignmentFixture[];
}

export type RoleKey = keyof KeystoneFixtures['roles'];
export type ProjectKey = keyof KeystoneFixtures['projects'];
export type UserKey = keyof KeystoneFixtures['users'];

export const REGION_ONE = 'RegionOne';
export const REGION_TWO = 'RegionTwo';
export const DEFAULT_DOMAIN = { id: 'default', name: 'Default' } as const;
export const OTHER_DOMAIN_NAME = 'other';

export const ADMIN_USER = { name: 'admin', password: 'admin-secret' } as const;
export const ADMIN_PROJECT_NAME = 'admin';

export const METRIC_STORAGE_SERVICE = { type: 'metric-storage', name: 'aetos' } as const;
export const IDENTITY_SERVICE_NAME = 'keystone';

/** metric-storage catalog entries unless `metricStorageEndpoints` says otherwise; nothing listens there. */
export const DEFAULT_METRIC_STORAGE_ENDPOINTS: readonly KeystoneEndpointSpec[] = [
  { interface: 'public', region: REGION_ONE, url: 'http://127.0.0.1:1/prometheus' },
  { interface: 'internal', region: REGION_ONE, url: 'http://127.0.0.1:2/prometheus' },
  { interface: 'admin', region: REGION_ONE, url: 'http://127.0.0.1:3/prometheus' },
  { interface: 'public', region: REGION_TWO, url: 'http://127.0.0.1:4/prometheus' },
  { interface: 'internal', region: REGION_TWO, url: 'http://127.0.0.1:5' },
  { interface: 'admin', region: REGION_TWO, url: 'http://127.0.0.1:6' },
];

/** Roles bootstrap does not create. */
export const EXTRA_ROLES = ['service', 'rating'] as const;

export interface ProjectSpec {
  key: Exclude<ProjectKey, 'admin'>;
  name: string;
  domain: 'default' | 'other';
  enabled: boolean;
}

export const PROJECT_SPECS: readonly ProjectSpec[] = [
  { key: 'service', name: 'service', domain: 'default', enabled: true },
  { key: 'demo', name: 'demo', domain: 'default', enabled: true },
  { key: 'ratedA', name: 'rated-a', domain: 'default', enabled: true },
  { key: 'ratedB', name: 'rated-b', domain: 'default', enabled: true },
  { key: 'disabledC', name: 'disabled-c', domain: 'default', enabled: false },
  { key: 'otherP', name: 'other-p', domain: 'other', enabled: true },
];

export interface UserSpec {
  key: Exclude<UserKey, 'admin'>;
  name: string;
  password: string;
  domain: 'default' | 'other';
}

export const USER_SPECS: readonly UserSpec[] = [
  { key: 'cloudkitty', name: 'cloudkitty', password: 'cloudkitty-secret', domain: 'default' },
  { key: 'svcOnly', name: 'svc-only', password: 'svc-only-secret', domain: 'default' },
  { key: 'readerDemo', name: 'reader-demo', password: 'reader-demo-secret', domain: 'default' },
  { key: 'memberDemo', name: 'member-demo', password: 'member-demo-secret', domain: 'default' },
  { key: 'otherUser', name: 'other-user', password: 'other-user-secret', domain: 'other' },
];

export type GrantTarget = { project: ProjectKey } | { domain: 'default' | 'other' };

export interface GrantSpec {
  user: UserKey;
  role: RoleKey;
  on: GrantTarget;
}

/** Granted at start, on top of bootstrap's admin-on-admin-project and system admin for `admin`. */
export const GRANT_SPECS: readonly GrantSpec[] = [
  { user: 'cloudkitty', role: 'admin', on: { project: 'service' } },
  { user: 'cloudkitty', role: 'rating', on: { project: 'ratedA' } },
  { user: 'cloudkitty', role: 'rating', on: { project: 'ratedB' } },
  { user: 'cloudkitty', role: 'rating', on: { project: 'disabledC' } },
  { user: 'svcOnly', role: 'service', on: { project: 'service' } },
  { user: 'readerDemo', role: 'reader', on: { project: 'demo' } },
  { user: 'memberDemo', role: 'member', on: { project: 'demo' } },
  { user: 'otherUser', role: 'member', on: { project: 'otherP' } },
  { user: 'admin', role: 'admin', on: { domain: 'default' } },
];

export const APPLICATION_CREDENTIAL = {
  name: 'cloudkitty-collector',
  secret: 'cloudkitty-app-cred-secret',
  user: 'cloudkitty',
  project: 'service',
  roles: ['admin'],
} as const;
