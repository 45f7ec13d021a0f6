import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { findFreePort, PROJECTS } from '@kitty-collect/test-stack';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { describe, expect, inject, it } from 'vitest';
import { CPU_AND_GAUGE_METRICS, keystoneFetcherSections } from '../testing/service-files.js';
import { cli, workspace } from './testing/in-process-cli.js';
import { serviceConf } from './testing/service-conf.js';

const apiUrl = inject('prometheusApiUrl');
const { alpha, beta } = PROJECTS;
const isRoot = process.getuid?.() === 0;

const METRICS = CPU_AND_GAUGE_METRICS;

/** The keystone fetcher on `authUrl`; the password must never be printed. */
const PASSWORD = 'never-printed-password';
const keystoneFetcher = (authUrl: string) =>
  keystoneFetcherSections({ authUrl, username: 'cloudkitty', password: PASSWORD, projectName: 'service' });

function conf(options: { prometheusUrl?: string; fetcher?: string; storagePath?: string } = {}): string {
  return serviceConf({
    collector: { prometheusUrl: options.prometheusUrl ?? apiUrl },
    fetcher: options.fetcher === undefined ? { sources: [alpha, beta] } : { sections: options.fetcher },
    ...(options.storagePath === undefined ? {} : { storagePath: options.storagePath }),
  });
}

const WINDOW = ['--since', '2026-01-04T00:00:00Z', '--until', '2026-01-04T06:00:00Z'];
const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe('serve --once after a failure (issue 11, defect 3)', () => {
  it('attempts every due period at once, ignoring the loop’s backoff, and says what it stored', async () => {
    const closed = await findFreePort();
    const dir = await workspace({
      'metrics.yml': METRICS,
      'cloudkitty.conf': conf(),
      'down.conf': conf({ prometheusUrl: `http://127.0.0.1:${closed}/api/v1` }),
    });
    const down = await cli(['serve', '--once', '--config', join(dir, 'down.conf'), ...WINDOW]);
    expect(down.code).toBe(2);
    expect(down.out).toBe('kitty-collect: 2 scopes, 0 periods stored (0 points), 2 failed\n');
    expect(lines(down.err)).toHaveLength(1);
    expect(down.err).toMatch(
      new RegExp(
        `^kitty-collect: scope (${alpha}|${beta}): .*Cannot get a response from Prometheus at http://127\\.0\\.0\\.1:${closed}/api/v1/query \\(ECONNREFUSED: .*\\(2 of 2 scopes failed: ${alpha}, ${beta}; they resume on the next run\\)\n$`,
      ),
    );

    // At once, with the right URL: the backoff (10 s by default) belongs to the long-running loop.
    const up = await cli(['serve', '--once', '--config', join(dir, 'cloudkitty.conf'), ...WINDOW]);
    expect(up).toMatchObject({ code: 0, err: '' });
    expect(up.out).toMatch(/^kitty-collect: 2 scopes, 12 periods stored \(\d+ points\), 0 failed\n$/);
    const summary = await cli(['summary', '--config', join(dir, 'cloudkitty.conf')]);
    expect(summary.out).toContain(': 12 dataframes');
    expect(summary.out).toMatch(new RegExp(`${alpha} +2026-01-04T05:00:00.000Z +ok +yes +0`));
  });
});

describe('expected failures end with one line and the documented code (issue 11, defect 4)', () => {
  it('Keystone unreachable at scope fetch: serve --once and collect exit 2, no stack, no password', async () => {
    const closed = await findFreePort();
    const authUrl = `http://127.0.0.1:${closed}/v3`;
    const dir = await workspace({
      'metrics.yml': METRICS,
      'cloudkitty.conf': conf({ fetcher: keystoneFetcher(authUrl) }),
    });
    const config = join(dir, 'cloudkitty.conf');
    const line = `kitty-collect: The keystone scope fetcher failed: Keystone is unavailable at ${authUrl}/auth/tokens: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${closed}; nothing was collected\n`;

    const serve = await cli(['serve', '--once', '--config', config, ...WINDOW]);
    expect(serve).toEqual({ code: 2, out: '', err: line });
    const collect = await cli([
      'collect',
      '--config',
      config,
      '--begin',
      '2026-01-04T00:00:00Z',
      '--end',
      '2026-01-04T01:00:00Z',
    ]);
    expect(collect).toEqual({ code: 2, out: '', err: line });
    expect(existsSync(join(dir, 'store.sqlite'))).toBe(true); // serve opened its storage, stored nothing
  });

  it('--debug adds the stack trace and its causes to the one line', async () => {
    const closed = await findFreePort();
    const dir = await workspace({
      'metrics.yml': METRICS,
      'cloudkitty.conf': conf({ fetcher: keystoneFetcher(`http://127.0.0.1:${closed}/v3`) }),
    });
    for (const args of [
      ['--debug', 'serve', '--once', '--config', join(dir, 'cloudkitty.conf'), ...WINDOW],
      ['serve', '--once', '--debug', '--config', join(dir, 'cloudkitty.conf'), ...WINDOW],
    ]) {
      const result = await cli(args);
      expect(result.code).toBe(2);
      const [first, ...rest] = lines(result.err);
      expect(first).toMatch(/^kitty-collect: The keystone scope fetcher failed: .*; nothing was collected$/);
      expect(rest[0]).toMatch(/^ScopeFetchError: The keystone scope fetcher failed: /);
      expect(rest[1]).toMatch(/^ {4}at /);
      expect(rest).toContainEqual(
        expect.stringMatching(/^\[cause\] KeystoneUnavailable: Keystone is unavailable/),
      );
      expect(result.err).not.toContain(PASSWORD);
    }
  });

  it('a storage path under a regular file: config check names [kitty_collect] storage_path; serve and summary exit 1', async () => {
    const dir = await workspace({
      'metrics.yml': METRICS,
      'cloudkitty.conf': conf({ storagePath: 'blocker/data/store.sqlite' }),
      blocker: 'a regular file\n',
    });
    const config = join(dir, 'cloudkitty.conf');
    const storagePath = join(dir, 'blocker', 'data', 'store.sqlite');

    const check = await cli(['config', 'check', '--config', config]);
    expect(check).toEqual({
      code: 1,
      out: '',
      err: `Invalid configuration (1 problem):\n  ${config} [kitty_collect] storage_path: cannot create ${storagePath}: ${join(dir, 'blocker')} is not a directory\n`,
    });
    const line = `kitty-collect: cannot open the storage ([kitty_collect] storage_path ${storagePath}): cannot create its directory: ENOTDIR: not a directory, mkdir '${join(dir, 'blocker', 'data')}'\n`;
    expect(await cli(['serve', '--once', '--config', config, ...WINDOW])).toEqual({
      code: 1,
      out: '',
      err: line,
    });
    expect(await cli(['summary', '--config', config])).toEqual({ code: 1, out: '', err: line });
  });

  it('config check does not create the storage, and says valid when its directory can be created', async () => {
    const dir = await workspace({
      'metrics.yml': METRICS,
      'cloudkitty.conf': conf({ storagePath: 'new/store.sqlite' }),
    });
    const check = await cli(['config', 'check', '--config', join(dir, 'cloudkitty.conf')]);
    expect(check).toMatchObject({ code: 0, err: '' });
    expect(check.out).toContain(`  storage: ${join(dir, 'new', 'store.sqlite')}\n`);
    expect(existsSync(join(dir, 'new'))).toBe(false);
  });

  it('a storage path that is a directory: config check and serve exit 1', async () => {
    const dir = await workspace({ 'metrics.yml': METRICS, 'cloudkitty.conf': conf() });
    await mkdir(join(dir, 'store.sqlite'));
    const config = join(dir, 'cloudkitty.conf');
    const check = await cli(['config', 'check', '--config', config]);
    expect(check.code).toBe(1);
    expect(check.err).toBe(
      `Invalid configuration (1 problem):\n  ${config} [kitty_collect] storage_path: ${join(dir, 'store.sqlite')} is a directory, not a file\n`,
    );
    const serve = await cli(['serve', '--once', '--config', config, ...WINDOW]);
    expect(serve.code).toBe(1);
    expect(serve.err).toMatch(
      new RegExp(
        `^kitty-collect: cannot open the storage \\(\\[kitty_collect\\] storage_path ${join(dir, 'store.sqlite')}\\): .*\n$`,
      ),
    );
  });

  it('a storage directory in a place nothing can be created (/proc, even as root): config check and serve exit 1', async () => {
    const dir = await workspace({
      'metrics.yml': METRICS,
      'cloudkitty.conf': conf({ storagePath: '/proc/kitty-collect/store.sqlite' }),
    });
    const config = join(dir, 'cloudkitty.conf');
    const check = await cli(['config', 'check', '--config', config]);
    expect(check.code).toBe(1);
    expect(check.err).toMatch(
      new RegExp(
        `^Invalid configuration \\(1 problem\\):\n  ${config} \\[kitty_collect\\] storage_path: cannot create /proc/kitty-collect/store\\.sqlite: /proc is not writable \\(E[A-Z]+\\)\n$`,
      ),
    );
    const serve = await cli(['serve', '--once', '--config', config, ...WINDOW]);
    expect(serve.code).toBe(1);
    expect(serve.err).toMatch(
      /^kitty-collect: cannot open the storage \(\[kitty_collect\] storage_path \/proc\/kitty-collect\/store\.sqlite\): cannot create its directory: E[A-Z]+: .*, mkdir '\/proc\/kitty-collect'\n$/,
    );
  });

  it.skipIf(isRoot)(
    'an unwritable storage directory (EACCES, not as root): config check and serve exit 1',
    async () => {
      const dir = await workspace({
        'metrics.yml': METRICS,
        'cloudkitty.conf': conf({ storagePath: 'ro/data/store.sqlite' }),
      });
      await mkdir(join(dir, 'ro'));
      await chmod(join(dir, 'ro'), 0o555);
      try {
        const config = join(dir, 'cloudkitty.conf');
        const check = await cli(['config', 'check', '--config', config]);
        expect(check.err).toBe(
          `Invalid configuration (1 problem):\n  ${config} [kitty_collect] storage_path: cannot create ${join(dir, 'ro', 'data', 'store.sqlite')}: ${join(dir, 'ro')} is not writable (EACCES)\n`,
        );
        const serve = await cli(['serve', '--once', '--config', config, ...WINDOW]);
        expect(serve).toEqual({
          code: 1,
          out: '',
          err: `kitty-collect: cannot open the storage ([kitty_collect] storage_path ${join(dir, 'ro', 'data', 'store.sqlite')}): cannot create its directory: EACCES: permission denied, mkdir '${join(dir, 'ro', 'data')}'\n`,
        });
      } finally {
        await chmod(join(dir, 'ro'), 0o755);
      }
    },
  );
});
