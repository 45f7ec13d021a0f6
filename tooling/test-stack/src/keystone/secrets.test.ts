import { describe, expect, it } from 'vitest';
import { ADMIN_USER, APPLICATION_CREDENTIAL, USER_SPECS } from './fixtures.js';
import { TEST_STACK_SECRETS } from './secrets.js';

describe('TEST_STACK_SECRETS', () => {
  it('lists every password and the application credential secret the stack provisions, once each', () => {
    expect([...TEST_STACK_SECRETS].sort()).toEqual(
      [ADMIN_USER.password, ...USER_SPECS.map((spec) => spec.password), APPLICATION_CREDENTIAL.secret].sort(),
    );
    expect(new Set(TEST_STACK_SECRETS).size).toBe(TEST_STACK_SECRETS.length);
    expect(TEST_STACK_SECRETS).toContain('cloudkitty-secret');
    expect(TEST_STACK_SECRETS).toContain('cloudkitty-app-cred-secret');
    // Long enough that finding one in a line of output is never a coincidence.
    for (const secret of TEST_STACK_SECRETS) expect(secret.length).toBeGreaterThanOrEqual(10);
  });
});
