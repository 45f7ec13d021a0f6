import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { type AetosStackInfo, startAetosStack } from './stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * A real Prometheus (default dataset), a real Keystone (fixtures provisioned) and an Aetos-compatible
     * gateway in front of both, registered in Keystone's catalog as metric-storage.
     */
    aetosStack: AetosStackInfo;
  }
}

/**
 * vitest globalSetup: one Aetos stack for the whole run. Tests read it with `inject('aetosStack')`. The
 * gateway runs in the setup's process: read its request records over HTTP with `gatewayRecords(gatewayUrl)`.
 */
export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  const stack = await startAetosStack();
  provide('aetosStack', stack.info());
  return () => stack.stop();
}
