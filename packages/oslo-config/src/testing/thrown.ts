import { inspect } from 'node:util';
import { expect } from 'vitest';

/** Test-only: the error of class `type` that `run` throws (fails the test when it throws nothing or something else). */
export function thrown<E extends Error>(type: abstract new (...args: never[]) => E, run: () => unknown): E {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}

/** Asserts a secret appears nowhere: not in the message, the error's inspect output, nor the given values. */
export function expectNoSecret(secret: string, ...values: unknown[]): void {
  for (const value of values) {
    const text = typeof value === 'string' ? value : inspect(value, { depth: 10 });
    expect(text).not.toContain(secret);
  }
}
