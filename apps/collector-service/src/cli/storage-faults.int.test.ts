import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECTS } from '@kitty-collect/test-stack';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { describe, expect, inject, it } from 'vitest';
import { workspace } from './testing/in-process-cli.js';
import { runServeOnce } from './testing/main-process.js';
import { expectNoSecrets } from './testing/secret-scan.js';
import { serviceConf } from './testing/service-conf.js';
import { expectCompletePeriods, expectSameStorage, readStored } from './testing/stored-periods.js';

const apiUrl = inject('prometheusApiUrl');
const scopes = [PROJECTS.alpha, PROJECTS.beta];
const SINCE = new Date('2026-01-04T00:00:00Z');
const PERIOD = 3600;
const until = (hours: number) => new Date(SINCE.getTime() + hours * 3600_000).toISOString();
const isRoot = process.getuid?.() === 0;

/** Every line the service printed in this file's runs. */
const printed: string[] = [];

async function serviceDir(): Promise<{ config: string; storagePath: string }> {
  const dir = await workspace({
    'metrics.yml':
      'metrics:\n  ceilometer_cpu:\n    unit: ns\n    groupby: [resource_id]\n  http_requests_total:\n    unit: r\n    groupby: [code]\n',
    'cloudkitty.conf': serviceConf({
      collector: { prometheusUrl: apiUrl },
      fetcher: { sources: scopes },
      period: PERIOD,
    }),
  });
  return { config: join(dir, 'cloudkitty.conf'), storagePath: join(dir, 'store.sqlite') };
}

function serveOnce(config: string, hours: number, options: { fileSizeLimitKiB?: number } = {}) {
  return runServeOnce(
    config,
    { since: SINCE, until: new Date(until(hours)) },
    { record: printed, ...options },
  ).done;
}

/** The same window, undisturbed: what every stored frame must equal. */
async function reference(hours: number) {
  const { config, storagePath } = await serviceDir();
  expect((await serveOnce(config, hours)).code).toBe(0);
  return readStored(storagePath, scopes);
}

describe('a storage that cannot take more writes (issue 11, defect 4)', () => {
  // A character device like /dev/full as the WAL: the kernel answers ENOSPC to every write, as a full disk
  // does, and SQLite says SQLITE_FULL. mknod needs root (CI runs as root).
  it.skipIf(!isRoot)(
    'full disk (ENOSPC → SQLITE_FULL): exit 2 with one line; the re-run completes',
    async () => {
      const { config, storagePath } = await serviceDir();
      expect((await serveOnce(config, 2)).code).toBe(0);
      const wal = `${storagePath}-wal`;
      expect(spawnSync('mknod', [wal, 'c', '1', '7']).status).toBe(0);
      try {
        const full = await serveOnce(config, 6);
        expect(full).toMatchObject({
          code: 2,
          signal: null,
          stdout: ['kitty-collect: 2 scopes, 0 periods stored (0 points), 2 failed'],
        });
        expect(full.stderr).toEqual([
          `kitty-collect: storage full: ${storagePath} (SQLITE_FULL): database or disk is full (2 of 2 scopes failed: ${scopes.join(', ')}; they resume on the next run)`,
        ]);
      } finally {
        await rm(wal, { force: true });
      }
      const rerun = await serveOnce(config, 6);
      expect(rerun).toMatchObject({ code: 0, stderr: [] });
      expect(rerun.stdout[0]).toMatch(/^kitty-collect: 2 scopes, 8 periods stored \(\d+ points\), 0 failed$/);
      expectSameStorage(readStored(storagePath, scopes), await reference(6));
    },
  );

  // RLIMIT_FSIZE: writes past the limit fail with EFBIG, which SQLite reports as SQLITE_IOERR_WRITE.
  it('a file size limit (EFBIG → SQLITE_IOERR_WRITE): exit 2, complete periods only; the re-run completes', async () => {
    const expected = await reference(24);
    const { config, storagePath } = await serviceDir();
    expect((await serveOnce(config, 1)).code).toBe(0); // creates the file; closing it empties the WAL
    const limited = await serveOnce(config, 24, { fileSizeLimitKiB: 96 });
    expect(limited).toMatchObject({ code: 2, signal: null });
    expect(limited.stderr).toHaveLength(1);
    expect(limited.stderr[0]).toMatch(
      new RegExp(
        `^kitty-collect: storage write failed: ${storagePath} \\(SQLITE_IOERR_WRITE\\): disk I/O error \\([12] of 2 scopes failed: .*; they resume on the next run\\)$`,
      ),
    );
    const stored = expectCompletePeriods(readStored(storagePath, scopes), expected, {
      since: SINCE,
      periodSeconds: PERIOD,
    });
    expect(stored).toBeGreaterThan(2);
    expect(stored).toBeLessThan(48);

    expect((await serveOnce(config, 24)).code).toBe(0);
    expectSameStorage(readStored(storagePath, scopes), expected);
    expect(printed.filter((line) => /unexpected error|^\s+at /.test(line))).toEqual([]);
    expectNoSecrets(printed, undefined, 'the storage faults');
  });
});
