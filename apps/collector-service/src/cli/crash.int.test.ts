import { join } from 'node:path';
import { PROJECTS } from '@kitty-collect/test-stack';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { describe, expect, inject, it } from 'vitest';
import { openSqliteStorage } from '../storage/index.js';
import { workspace } from './testing/in-process-cli.js';
import { runServeOnce } from './testing/main-process.js';

const apiUrl = inject('prometheusApiUrl');
const scopes = [PROJECTS.alpha, PROJECTS.beta, PROJECTS.gappy];
const PERIOD = 300; // 5-minute periods over a day: 288 per scope, long enough to be killed mid-run
const PER_SCOPE = 86_400 / PERIOD;

function serveOnce(config: string) {
  const service = runServeOnce(config, {
    since: new Date('2026-01-04T00:00:00Z'),
    until: new Date('2026-01-05T00:00:00Z'),
  });
  return { done: service.done.then((result) => result.code), kill: () => service.kill('SIGKILL') };
}

describe('a SIGKILLed service resumes exactly where it stopped', () => {
  it('no period is missing or duplicated after a kill -9 and a restart', async () => {
    const dir = await workspace({
      'metrics.yml':
        'metrics:\n  ceilometer_cpu:\n    unit: ns\n    groupby: [resource_id]\n  linear_gauge:\n    unit: u\n  http_requests_total:\n    unit: r\n    groupby: [code]\n',
      'cloudkitty.conf': `[collect]\ncollector = prometheus\nperiod = ${PERIOD}\nwait_periods = 0\nmetrics_conf = metrics.yml\n\n[collector_prometheus]\nprometheus_url = ${apiUrl}\n\n[fetcher]\nbackend = source\n\n[fetcher_source]\nsources = ${scopes.join(',')}\n\n[kitty_collect]\nstorage_path = store.sqlite\nconcurrency = 2\nlog_level = error\n`,
    });
    const config = join(dir, 'cloudkitty.conf');
    const storagePath = join(dir, 'store.sqlite');

    const first = serveOnce(config);
    const watcher = openSqliteStorage(storagePath);
    try {
      // kill it once some periods are stored, well before the end
      const deadline = Date.now() + 60_000;
      while (watcher.countDataFrames() < 40 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
      first.kill();
      await first.done;
      const afterKill = watcher.countDataFrames();
      expect(afterKill).toBeGreaterThanOrEqual(40);
      expect(afterKill).toBeLessThan(scopes.length * PER_SCOPE);

      expect(await serveOnce(config).done).toBe(0);
      expect(watcher.countDataFrames()).toBe(scopes.length * PER_SCOPE);
      for (const scope of scopes) {
        expect(watcher.countDataFrames(scope)).toBe(PER_SCOPE);
        const { dataframes } = watcher.queryDataFrames({ scopeIds: [scope], filters: {} });
        // every stored period with points appears once; periods are contiguous in the scope state
        const begins = dataframes.map((frame) => frame.period.begin);
        expect(new Set(begins).size).toBe(begins.length);
        // CloudKitty's state: the start of the last period, 23:55–00:00.
        expect(watcher.getScopeState(scope)?.lastProcessed).toEqual(new Date('2026-01-04T23:55:00Z'));
      }
    } finally {
      first.kill();
      watcher.close();
    }
  });
});
