import { ADMIN_USER, APPLICATION_CREDENTIAL, USER_SPECS } from './fixtures.js';

/**
 * Every secret startKeystone() (and so startAetosStack(), whose gateway signs in as `svc-only`) creates: the
 * admin's and each user's password, and the application credential's secret. They are fixed, so a test can
 * assert that none of them appears in what a process printed (the Keystone tokens issued with them vary:
 * match those by their `gAAAA…` shape).
 */
export const TEST_STACK_SECRETS: readonly string[] = Object.freeze([
  ADMIN_USER.password,
  ...USER_SPECS.map((spec) => spec.password),
  APPLICATION_CREDENTIAL.secret,
]);
