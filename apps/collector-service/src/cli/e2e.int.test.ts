import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort, PROJECTS, type RunningAetosStack, startAetosStack } from '@kitty-collect/test-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CPU_FLAVOR_AND_GAUGE_METRICS } from '../testing/service-files.js';
import { workspace } from './testing/in-process-cli.js';
import { serviceConf } from './testing/service-conf.js';

const main = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
let stack: RunningAetosStack;

beforeAll(async () => {
  stack = await startAetosStack({ projectLabel: 'project_id' });
});

afterAll(async () => {
  await stack?.stop();
});

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe('kitty-collect serve through Aetos (real Keystone, real Prometheus), HTTP API, SIGTERM', () => {
  it('collects through the gateway, serves what it stored, and stops cleanly on SIGTERM', async () => {
    const port = await findFreePort();
    const dir = await workspace({
      'metrics.yml': CPU_FLAVOR_AND_GAUGE_METRICS,
      'cloudkitty.conf': serviceConf({
        collector: {
          aetos: {
            authUrl: stack.keystone.authUrl,
            username: stack.keystone.fixtures.users.cloudkitty.name,
            password: stack.keystone.fixtures.users.cloudkitty.password,
            projectName: 'service',
          },
        },
        fetcher: { sources: [PROJECTS.alpha, PROJECTS.beta] },
        kittyCollect: `listen = 127.0.0.1:${port}\n`,
      }),
    });
    let stderr = '';
    const child = spawn(
      process.execPath,
      [
        main,
        'serve',
        '--config',
        join(dir, 'cloudkitty.conf'),
        '--since',
        '2026-01-04T00:00:00Z',
        '--until',
        '2026-01-04T06:00:00Z',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const base = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 60_000;
      let scopes: { results: { scope_id: string; last_processed_timestamp: string | null }[] } = {
        results: [],
      };
      while (Date.now() < deadline) {
        try {
          scopes = await getJson(`${base}/v2/scope`);
          if (
            scopes.results.length === 2 &&
            scopes.results.every((s) => s.last_processed_timestamp?.startsWith('2026-01-04T05:00:00'))
          )
            break;
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(scopes.results.map((s) => s.scope_id).sort()).toEqual([PROJECTS.alpha, PROJECTS.beta].sort());

      const window = 'begin=2026-01-04T00:00:00Z&end=2026-01-04T06:00:00Z';
      const all = await getJson<{ total: number; dataframes: { period: { begin: string } }[] }>(
        `${base}/v2/dataframes?${window}`,
      );
      // per period: alpha 2 cpu points + 1 gauge, beta 1 + 1 → 5 points × 6 periods
      expect(all.total).toBe(30);
      const filtered = await getJson<{
        total: number;
        dataframes: { usage: Record<string, { vol: { qty: string }; groupby: Record<string, string> }[]> }[];
      }>(`${base}/v2/dataframes?${window}&filters=resource_id:vm-a2`);
      expect(filtered.total).toBe(6);
      expect(
        filtered.dataframes.flatMap((f) => f.usage.ceilometer_cpu ?? []).map((p) => p.groupby.resource_id),
      ).toEqual(Array(6).fill('vm-a2'));
      const page = await getJson<{ total: number; dataframes: unknown[] }>(
        `${base}/v2/dataframes?${window}&limit=4&offset=28`,
      );
      expect(page.total).toBe(30);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/kitty_collect_collections_total\{result="success"\} 12/);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).not.toContain(stack.keystone.fixtures.users.cloudkitty.password);
  });
});
