import { expect, test } from 'vitest';
import type { TokenIdentity } from './keystone/identity.js';
import { decideQueryAccess } from './policy.js';

const identity = (projectId: string | null, roles: string[]): TokenIdentity => ({
  userId: 'u',
  userName: 'user',
  projectId,
  projectName: projectId,
  roles,
  expiresAt: new Date(Date.now() + 3_600_000),
});

test.each([
  [identity('p', ['admin', 'member', 'reader']), { kind: 'all-projects' }],
  [identity('p', ['Admin']), { kind: 'all-projects' }],
  [identity(null, ['admin', 'member', 'reader']), { kind: 'denied' }], // domain- or system-scoped admin
  [identity('service', ['service']), { kind: 'all-projects' }],
  [identity(null, ['service']), { kind: 'all-projects' }],
  [identity('demo', ['reader']), { kind: 'project', projectId: 'demo' }],
  [identity('demo', ['member', 'reader']), { kind: 'project', projectId: 'demo' }],
  [identity('demo', ['member']), { kind: 'denied' }], // e.g. an application credential given only member
  [identity('rated-a', ['rating']), { kind: 'denied' }],
  [identity(null, ['reader']), { kind: 'denied' }],
])('%o → %o', (who, access) => {
  expect(decideQueryAccess(who)).toEqual(access);
});
