import { inspect } from 'node:util';
import { expect } from 'vitest';
import { KeystoneConfigError } from '../errors/keystone-config-error.js';

/** Test-only: the KeystoneConfigError `run` throws (fails the test when it throws nothing or something else). */
export function configError(run: () => unknown): KeystoneConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof KeystoneConfigError) return error;
    throw error;
  }
  throw new Error('expected a KeystoneConfigError');
}

/** Asserts a secret appears nowhere: not in the message, the error's inspect output, nor the given values. */
export function expectNoSecret(secret: string, ...values: unknown[]): void {
  for (const value of values) {
    const text = typeof value === 'string' ? value : inspect(value, { depth: 10 });
    expect(text).not.toContain(secret);
  }
}
