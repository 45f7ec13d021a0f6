import { PROJECTS, type RunningAetosStack, startAetosStack } from '@kitty-collect/test-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServiceConfig } from '../../config/load-service-config.js';
import { confDir, METRICS_YML } from '../../config/testing/conf-dir.js';
import { createScopeFetcher } from '../create-scope-fetcher.js';
import { ScopeFetchError } from '../errors/scope-fetch-error.js';

let stack: RunningAetosStack;
const removals: (() => void)[] = [];

beforeAll(async () => {
  stack = await startAetosStack();
});

afterAll(async () => {
  for (const remove of removals) remove();
  await stack?.stop();
});

/** `[fetcher_prometheus] use_aetos = true`: the query goes through `[collector_aetos]`'s Keystone connection. */
async function aetosFetcher(user: { name: string; password: string; project: string }, filters = '') {
  const dir = confDir({
    'cloudkitty.conf': `
[collect]
collector = aetos
metrics_conf = metrics.yml
[collector_aetos]
interface = public
region_name = RegionOne
auth_type = password
auth_url = ${stack.keystone.authUrl}
username = ${user.name}
user_domain_name = Default
password = ${user.password}
project_name = ${user.project}
project_domain_name = Default
[fetcher]
backend = prometheus
[fetcher_prometheus]
metric = ceilometer_cpu
use_aetos = true
filters = ${filters}
`,
    'metrics.yml': METRICS_YML,
  });
  removals.push(dir.remove);
  const config = await loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} });
  return createScopeFetcher(config, { now: () => new Date('2026-01-04T01:00:00Z') });
}

describe('prometheus fetcher through Aetos (use_aetos)', () => {
  it('lists every project with the service user (admin on its project)', async () => {
    const { cloudkitty } = stack.keystone.fixtures.users;
    const fetcher = await aetosFetcher({ ...cloudkitty, project: 'service' });
    try {
      expect(await fetcher.getScopes()).toEqual(Object.values(PROJECTS).sort());
    } finally {
      await fetcher.close();
    }
  });

  it('applies filters', async () => {
    const { cloudkitty } = stack.keystone.fixtures.users;
    const fetcher = await aetosFetcher({ ...cloudkitty, project: 'service' }, 'flavor_name:m1.small');
    try {
      const { alpha, beta, quirky } = PROJECTS as Record<string, string>;
      expect(await fetcher.getScopes()).toEqual([alpha, beta, quirky].sort());
    } finally {
      await fetcher.close();
    }
  });

  it("sees only its own project's series without admin or service (Aetos rewrites a reader's query)", async () => {
    const { memberDemo } = stack.keystone.fixtures.users;
    const fetcher = await aetosFetcher({ ...memberDemo, project: 'demo' });
    try {
      // Project demo has no series in the dataset.
      expect(await fetcher.getScopes()).toEqual([]);
    } finally {
      await fetcher.close();
    }
  });

  it('fails with a ScopeFetchError when Keystone refuses the credentials', async () => {
    const { cloudkitty } = stack.keystone.fixtures.users;
    const fetcher = await aetosFetcher({
      name: cloudkitty.name,
      password: 'not-the-password',
      project: 'service',
    });
    try {
      const error: unknown = await fetcher.getScopes().catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(ScopeFetchError);
      expect((error as ScopeFetchError).fetcher).toBe('prometheus');
      expect((error as Error).message).toMatch(
        /^The prometheus scope fetcher failed: Cannot reach Aetos .*HTTP 401/,
      );
      expect((error as Error).message).not.toContain('not-the-password');
    } finally {
      await fetcher.close();
    }
  });
});
