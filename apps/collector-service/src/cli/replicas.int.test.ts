import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROJECTS, type RunningPostgres, startPostgres } from '@kitty-collect/test-stack';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPostgresStorage, openSqliteStorage, type Storage } from '../storage/index.js';
import { workspace } from './testing/in-process-cli.js';
import { runServeOnce } from './testing/main-process.js';
import { serviceConf } from './testing/service-conf.js';
import { type ServiceProcess, startService } from './testing/service-process.js';

const apiUrl = inject('prometheusApiUrl');
const PERIOD = 60;
const SINCE = new Date('2026-01-04T04:00:00Z');
const UNTIL = new Date('2026-01-04T10:00:00Z');
const PERIODS = (UNTIL.getTime() - SINCE.getTime()) / 1000 / PERIOD;
// The dataset's projects and scopes without usage (their frames are stored empty): many scopes.
const SCOPES = [
  ...Object.values(PROJECTS),
  ...Array.from({ length: 8 }, (_, index) => `replica-scope-${String(index).padStart(2, '0')}`),
].sort();
const KILLS = 12;

const METRICS_YML =
  'metrics:\n  ceilometer_cpu:\n    unit: ns\n    groupby: [resource_id]\n  linear_gauge:\n    unit: u\n  http_requests_total:\n    unit: r\n    groupby: [code]\n';

/** A reproducible sequence of kills: the seed is in the test's name. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function conf(storage: string): string {
  return serviceConf({
    collector: { prometheusUrl: apiUrl },
    fetcher: { sources: SCOPES },
    period: PERIOD,
    kittyCollect: 'concurrency = 2\nlisten = 127.0.0.1:0\nretry_initial_seconds = 1\nretry_max_seconds = 2\n',
    storage,
  });
}

/** Every stored (scope, period begin) of a PostgreSQL database, in order. */
async function storedPeriods(postgres: RunningPostgres, database: string): Promise<string[]> {
  const rows = await postgres.query<{ scope_id: string; begin: Date }>(
    'SELECT scope_id, begin FROM dataframes ORDER BY scope_id COLLATE "C", begin',
    [],
    database,
  );
  return rows.map((row) => `${row.scope_id} ${row.begin.toISOString()}`);
}

async function countFrames(postgres: RunningPostgres, database: string): Promise<number> {
  const [row] = await postgres.query<{ frames: string }>(
    'SELECT count(*) AS frames FROM dataframes',
    [],
    database,
  );
  return Number(row?.frames ?? 0);
}

describe('three serve replicas on one PostgreSQL', () => {
  let postgres: RunningPostgres;
  let reference: Storage;
  let dir: string;
  const expected = SCOPES.flatMap((scope) =>
    Array.from(
      { length: PERIODS },
      (_, index) => `${scope} ${new Date(SINCE.getTime() + index * PERIOD * 1000).toISOString()}`,
    ),
  ).sort();

  beforeAll(async () => {
    postgres = await startPostgres();
    dir = await workspace({
      'metrics.yml': METRICS_YML,
      'single.conf': conf('[storage]\nbackend = sqlite\n'),
    });
    // What one process stores: the reference the replicas must match exactly.
    const single = await runServeOnce(join(dir, 'single.conf'), { since: SINCE, until: UNTIL }).done;
    expect(single.code, single.stderr.join('\n')).toBe(0);
    reference = openSqliteStorage(join(dir, 'store.sqlite'));
  }, 300_000);

  afterAll(async () => {
    await reference?.close();
    await postgres?.stop();
  });

  it(`store exactly the frames of a single process through ${KILLS} SIGKILLs, a PostgreSQL restart and a terminated connection (seed 16)`, async () => {
    const url = await postgres.createDatabase('replicas');
    const replicaConf = join(dir, 'replicas.conf');
    await writeFile(
      replicaConf,
      conf(
        `[storage]\nbackend = postgresql\n\n[storage_postgresql]\nurl = ${url}\npool_size = 4\nlease_seconds = 3\n`,
      ),
    );
    const record: string[] = [];
    const start = () =>
      startService(
        ['serve', '--config', replicaConf, '--since', SINCE.toISOString(), '--until', UNTIL.toISOString()],
        { record },
      );
    const replicas: ServiceProcess[] = [start(), start(), start()];
    const next = random(16);
    const framesAtKill: number[] = [];
    let terminated = 0;
    try {
      for (let kill = 1; kill <= KILLS; kill++) {
        await sleep(300 + next() * 900);
        const index = Math.floor(next() * replicas.length);
        const victim = replicas[index];
        if (victim === undefined) throw new Error('no replica');
        const exit = await victim.stop('SIGKILL');
        expect(exit.signal).toBe('SIGKILL');
        framesAtKill.push(await countFrames(postgres, 'replicas').catch(() => -1));
        replicas[index] = start();
        if (kill === 4) await postgres.restart();
        if (kill === 7) terminated = await postgres.terminateConnections('replicas');
      }
      const deadline = Date.now() + 240_000;
      while ((await countFrames(postgres, 'replicas')) < expected.length && Date.now() < deadline) {
        await sleep(500);
      }
    } finally {
      const exits = await Promise.all(replicas.map((replica) => replica.stop('SIGTERM')));
      // Stopped gracefully: each gave its leases back and exited 0.
      expect(exits.map((exit) => exit.code)).toEqual([0, 0, 0]);
    }

    // The kills happened while the replicas were collecting, not after.
    expect(
      framesAtKill.filter((frames) => frames >= 0 && frames < expected.length).length,
    ).toBeGreaterThanOrEqual(8);
    expect(terminated).toBeGreaterThan(0);

    // No gap, no duplicate: exactly the (scope, period) set of the window.
    expect(await storedPeriods(postgres, 'replicas')).toEqual(expected);
    const shared = await openPostgresStorage({ url });
    try {
      for (const scope of SCOPES) {
        expect(await shared.countDataFrames(scope)).toBe(PERIODS);
        expect((await shared.getScopeState(scope))?.lastProcessed).toEqual(
          new Date(UNTIL.getTime() - PERIOD * 1000),
        );
        // Identical points, in the same order, as the single process stored them.
        expect(await shared.queryDataFrames({ scopeIds: [scope] })).toEqual(
          await reference.queryDataFrames({ scopeIds: [scope] }),
        );
      }
      const leases = await postgres.query<{ held: string }>(
        "SELECT count(*) AS held FROM scope_leases WHERE owner <> ''",
        [],
        'replicas',
      );
      expect(Number(leases[0]?.held)).toBe(0);
    } finally {
      await shared.close();
    }
    expect(record.join('\n')).not.toContain(postgres.password);
  }, 420_000);
});
