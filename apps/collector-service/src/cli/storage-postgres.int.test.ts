import { join } from 'node:path';
import { redactUrl } from '@kitty-collect/http-request';
import { PROJECTS, type RunningPostgres, startPostgres, waitForHttpOk } from '@kitty-collect/test-stack';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EXIT } from './exit-codes.js';
import { cli, workspace } from './testing/in-process-cli.js';
import { serviceConf } from './testing/service-conf.js';
import { freePort, startService } from './testing/service-process.js';

const apiUrl = inject('prometheusApiUrl');
const METRICS = 'metrics:\n  ceilometer_cpu:\n    unit: instance\n    groupby: [resource_id]\n';
const { alpha, beta } = PROJECTS;

function conf(url: string, kittyCollect = ''): string {
  return serviceConf({
    collector: { prometheusUrl: apiUrl },
    fetcher: { sources: [alpha, beta] },
    kittyCollect,
    storage: `[storage]\nbackend = postgresql\n\n[storage_postgresql]\nurl = ${url}\n`,
  });
}

const WINDOW = ['--since', '2026-01-04T00:00:00Z', '--until', '2026-01-04T03:00:00Z'];

describe('kitty-collect on PostgreSQL ([storage] backend = postgresql)', () => {
  let postgres: RunningPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await postgres?.stop();
  });

  it('serve --once stores there, summary reads it back, config check names it without contacting it', async () => {
    const url = await postgres.createDatabase('cli_storage');
    const dir = await workspace({ 'cloudkitty.conf': conf(url), 'metrics.yml': METRICS });
    const config = join(dir, 'cloudkitty.conf');
    const served = await cli(['serve', '--once', '-c', config, ...WINDOW]);
    expect(served.err).toBe('');
    expect(served.code).toBe(EXIT.ok);
    expect(served.out.trim().split('\n').at(-1)).toMatch(
      /^kitty-collect: 2 scopes, 6 periods stored \(\d+ points\), 0 failed$/,
    );
    const summary = await cli(['summary', '-c', config]);
    expect(summary.code).toBe(EXIT.ok);
    const redacted = redactUrl(url);
    expect(redacted).toMatch(/^postgresql:\/\/127\.0\.0\.1:\d+\/cli_storage$/);
    expect(summary.out).toContain(`Storage ${redacted}: 6 dataframes`);
    expect(summary.out).toContain(alpha);
    const check = await cli(['config', 'check', '-c', config]);
    expect(check.out).toContain(
      `  storage: postgresql ${redacted} (pool 10, ssl_mode disable, leases 30 s; not contacted)`,
    );
    for (const output of [served, summary, check]) {
      expect(`${output.out}${output.err}`).not.toContain(postgres.password);
    }
    // Leases were given back when serve --once ended.
    const held = await postgres.query("SELECT * FROM scope_leases WHERE owner <> ''", [], 'cli_storage');
    expect(held).toEqual([]);
  });

  it.each([
    [
      'nothing listens there',
      async () => `postgresql://kitty:pw-${'x'.repeat(12)}@127.0.0.1:${await freePort()}/none`,
      /ECONNREFUSED|connect/,
    ],
    [
      'the password is wrong',
      async () => postgres.url.replace(/:[^:@/]+@/, ':wrong-password-123@'),
      /password authentication failed/,
    ],
  ])(
    'cannot open the storage when %s: exit 1, one line naming the option, no password',
    async (_, urlOf, reason) => {
      const url = await urlOf();
      const dir = await workspace({ 'cloudkitty.conf': conf(url), 'metrics.yml': METRICS });
      const result = await cli(['serve', '--once', '-c', join(dir, 'cloudkitty.conf'), ...WINDOW]);
      expect(result.code).toBe(EXIT.invalidConfiguration);
      const password = decodeURIComponent(new URL(url).password);
      expect(result.err).toMatch(
        /^kitty-collect: cannot open the storage \(\[storage_postgresql\] url postgresql:\/\/127\.0\.0\.1:\d+\/\w+\): /,
      );
      expect(result.err).toMatch(reason);
      expect(result.err).not.toContain(password);
      expect(result.err.trim().split('\n')).toHaveLength(1);
    },
  );

  it('api: /healthz is 503 "storage unreachable" while PostgreSQL is down, 200 again once it is back', async () => {
    const url = await postgres.createDatabase('cli_health');
    const port = await freePort();
    const dir = await workspace({
      'cloudkitty.conf': conf(url, `listen = 127.0.0.1:${port}\n`),
      'metrics.yml': METRICS,
    });
    const service = startService(['api', '--config', join(dir, 'cloudkitty.conf')]);
    try {
      await waitForHttpOk(`http://127.0.0.1:${port}/healthz`, { timeoutMs: 30_000 });
      const health = async () => {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', storage: 'ok' } });
      await postgres.restart({
        whileDown: async () => {
          const down = await health();
          expect(down.status).toBe(503);
          expect(String(down.body.reason)).toMatch(/^storage unreachable: /);
          expect(JSON.stringify(down.body)).not.toContain(postgres.password);
        },
      });
      // The pool replaces its broken connections: the next check answers.
      let back = await health();
      for (let attempt = 0; attempt < 20 && back.status !== 200; attempt++) back = await health();
      expect(back).toMatchObject({ status: 200, body: { status: 'ok' } });
    } finally {
      const exit = await service.stop();
      expect(exit.code).toBe(0);
      expect(exit.lines.map((line) => line.text).join('\n')).not.toContain(postgres.password);
    }
  }, 60_000);
});
