import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startPrometheus } from './prometheus/launcher.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** API URL of a Prometheus serving the default dataset, e.g. http://127.0.0.1:41234/api/v1. */
    prometheusApiUrl: string;
  }
}

/**
 * vitest globalSetup: one default-dataset Prometheus for the whole run, or the one named by
 * KITTY_TEST_PROMETHEUS_URL (an API URL; it must serve the default dataset). Tests read the URL with
 * `inject('prometheusApiUrl')`.
 */
export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  const external = process.env.KITTY_TEST_PROMETHEUS_URL;
  if (external) {
    provide('prometheusApiUrl', external.replace(/\/+$/, ''));
    return async () => {};
  }
  const prometheus = await startPrometheus();
  provide('prometheusApiUrl', prometheus.apiUrl);
  return () => prometheus.stop();
}
