import { PasswordAuth, Session } from '@kitty-collect/keystone-auth';
import type { RunningAetosStack } from '@kitty-collect/test-stack';

type UserKey = keyof RunningAetosStack['keystone']['fixtures']['users'];

/** A password session for a test-stack user, scoped to a project of the Default domain (tests only). */
export function passwordSession(
  stack: RunningAetosStack,
  user: UserKey,
  projectName: string,
  password?: string,
): Session {
  const fixture = stack.keystone.fixtures.users[user];
  return new Session({
    auth: new PasswordAuth({
      authUrl: stack.keystone.authUrl,
      username: fixture.name,
      userDomainName: 'Default',
      password: password ?? fixture.password,
      projectName,
      projectDomainName: 'Default',
    }),
  });
}
