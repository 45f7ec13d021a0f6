import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ConfigProblem } from '../config-problem.js';
import { ServiceConfigError } from '../service-config-error.js';

/** A metrics.yml every collector accepts. */
export const METRICS_YML = `metrics:
  ceilometer_cpu:
    unit: instance
    groupby: [resource_id]
    metadata: [flavor_name]
`;

/** A valid cloudkitty.conf over metrics.yml next to it: Prometheus on loopback, the source fetcher. */
export const SOURCE_CONF = `
[collect]
metrics_conf = metrics.yml

[collector_prometheus]
prometheus_url = http://127.0.0.1:9090/api/v1

[fetcher]
backend = source

[fetcher_source]
sources = a
`;

/** A fresh directory holding `files` (name → text); `remove()` deletes it. */
export function confDir(files: Record<string, string>): {
  dir: string;
  path: (name: string) => string;
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'kitty-conf-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return {
    dir,
    path: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The problems a load rejects with; fails the test when it resolves or throws anything else. */
export async function problemsOf(load: Promise<unknown>): Promise<ConfigProblem[]> {
  const error: unknown = await load.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ServiceConfigError);
  return [...(error as ServiceConfigError).problems];
}
