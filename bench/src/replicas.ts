/**
 * bench/replicas (`node dist/replicas.js [--size 5000] [--replicas 1,2,3]`): one period's collection of N
 * projects by `kitty-collect serve --once` processes — SQLite with one process, then PostgreSQL with 1, 2
 * and 3 replicas started together on one fresh database each time (they split the scopes with leases).
 * Real Prometheus (the bench dataset) and PostgreSQL on loopback. Prints, per run: wall time from the
 * start of the processes to the exit of the last, points stored, points/s, PostgreSQL commits
 * (pg_stat_database.xact_commit of the database: every transaction, reads included) and commits/s, and
 * the periods each replica stored. Checks
 * that every (scope, period) was stored exactly once and that the points are those expected; exits 1
 * otherwise.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startPostgres, startPrometheus } from '@kitty-collect/test-stack';
import { openMetricsDataset, PERIOD_END, PERIOD_START, projects, seriesCounts } from './dataset.js';
import { expectedPoints, METRICS_YML } from './metrics-conf.js';

const SERVICE_MAIN = fileURLToPath(new URL('../../apps/collector-service/dist/main.js', import.meta.url));

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '5000' },
    replicas: { type: 'string', default: '1,2,3' },
  },
});
const size = Number(values.size);
const replicaCounts = values.replicas.split(',').map(Number);

// The vcpus rating type joins an info metric without a scope label: its cost grows with N² whatever the
// storage (see README), and this bench measures the storage and the coordination, not that query.
const METRICS = METRICS_YML.slice(0, METRICS_YML.indexOf('  libvirt_domain_openstack_info:'));
/** One key per rating type (a metric listing several has several): each `unit:` under a metric. */
const RATING_TYPE_KEYS = ((): string[] => {
  const keys: string[] = [];
  let metric = '';
  for (const line of METRICS.split('\n')) {
    const name = /^ {2}(\w+):$/.exec(line)?.[1];
    if (name !== undefined) metric = name;
    else if (/^ {4}(- )?unit:/.test(line)) keys.push(metric);
  }
  return keys;
})();

interface Run {
  storage: string;
  replicas: number;
  wallSeconds: number;
  points: number;
  periods: number;
  commits?: number;
  split: string;
}

interface ReplicaExit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function serveOnce(config: string): Promise<ReplicaExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        SERVICE_MAIN,
        'serve',
        '--once',
        '--config',
        config,
        '--since',
        PERIOD_START.toISOString(),
        '--until',
        PERIOD_END.toISOString(),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `kitty-collect: N scopes (…), P periods stored (X points), F failed` */
function parseRunLine(stdout: string): { scopes: number; periods: number; points: number; failed: number } {
  const match = /(\d+) scopes.*?, (\d+) periods stored \((\d+) points\), (\d+) failed/.exec(stdout);
  if (match === null) throw new Error(`no run line in: ${stdout}`);
  const [, scopes, periods, points, failed] = match.map(Number);
  return { scopes: scopes ?? 0, periods: periods ?? 0, points: points ?? 0, failed: failed ?? 0 };
}

function conf(apiUrl: string, scopes: readonly string[], storage: string): string {
  return `[DEFAULT]
auth_strategy = noauth

[collect]
collector = prometheus
period = 3600
wait_periods = 0
metrics_conf = metrics.yml

[collector_prometheus]
prometheus_url = ${apiUrl}

[fetcher]
backend = source

[fetcher_source]
sources = ${scopes.join(',')}

[kitty_collect]
concurrency = 4
batch = true
batch_size = 200
log_level = error
storage_path = store.sqlite

${storage}`;
}

async function main(): Promise<void> {
  const all = projects(size);
  const scopes = all.map((project) => project.id);
  const expected = expectedPoints(RATING_TYPE_KEYS, seriesCounts(all));
  process.stderr.write(
    `bench/replicas: N = ${size}, ${RATING_TYPE_KEYS.length} rating types, ${expected} points expected\n`,
  );
  let started = performance.now();
  const prometheus = await startPrometheus({ dataset: openMetricsDataset(all) });
  process.stderr.write(
    `prometheus ready after ${((performance.now() - started) / 1000).toFixed(0)} s (backfill)\n`,
  );
  const postgres = await startPostgres();
  const dir = await mkdtemp(join(tmpdir(), 'kitty-bench-replicas-'));
  await writeFile(join(dir, 'metrics.yml'), METRICS);
  const runs: Run[] = [];
  let failed = false;
  try {
    const measure = async (label: string, replicas: number, storage: string, database?: string) => {
      const config = join(dir, `${label}-${replicas}.conf`);
      await writeFile(config, conf(prometheus.apiUrl, scopes, storage));
      const commitsBefore = database === undefined ? 0 : await commits(database);
      process.stderr.write(`${label}, ${replicas} replica(s)…\n`);
      started = performance.now();
      const exits = await Promise.all(Array.from({ length: replicas }, () => serveOnce(config)));
      const wallSeconds = (performance.now() - started) / 1000;
      const lines = exits.map((exit) => {
        if (exit.code !== 0) throw new Error(`a replica exited ${exit.code}: ${exit.stderr}`);
        return parseRunLine(exit.stdout);
      });
      const points = lines.reduce((sum, line) => sum + line.points, 0);
      const periods = lines.reduce((sum, line) => sum + line.periods, 0);
      if (points !== expected || periods !== size || lines.some((line) => line.failed > 0)) {
        failed = true;
        process.stderr.write(
          `  MISMATCH: ${periods} periods (expected ${size}), ${points} points (expected ${expected})\n`,
        );
      }
      runs.push({
        storage: label,
        replicas,
        wallSeconds,
        points,
        periods,
        ...(database === undefined ? {} : { commits: (await commits(database)) - commitsBefore }),
        split: lines.map((line) => line.periods).join(' / '),
      });
    };
    const commits = async (database: string) => {
      // Statistics reach pg_stat_database when a backend's transaction ends, at most once a second.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const [row] = await postgres.query<{ commits: string }>(
        'SELECT xact_commit AS commits FROM pg_stat_database WHERE datname = $1',
        [database],
      );
      return Number(row?.commits ?? 0);
    };
    await measure('sqlite', 1, '[storage]\nbackend = sqlite\n');
    for (const replicas of replicaCounts) {
      const database = `bench_${replicas}`;
      const url = await postgres.createDatabase(database);
      await measure(
        'postgresql',
        replicas,
        `[storage]\nbackend = postgresql\n\n[storage_postgresql]\nurl = ${url}\npool_size = 10\n`,
        database,
      );
    }
  } finally {
    await postgres.stop();
    await prometheus.stop();
  }
  console.log(
    `\nOne period (1 h) of N = ${size} projects, ${expected} points, serve --once processes started together\n`,
  );
  console.log(
    '| storage | replicas | wall time | points/s | PostgreSQL commits | commits/s | periods stored per replica |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---|');
  for (const run of runs) {
    const commitsText = run.commits === undefined ? '–' : String(run.commits);
    const rate = run.commits === undefined ? '–' : (run.commits / run.wallSeconds).toFixed(0);
    console.log(
      `| ${run.storage} | ${run.replicas} | ${run.wallSeconds.toFixed(1)} s | ${(run.points / run.wallSeconds).toFixed(0)} | ${commitsText} | ${rate} | ${run.split} |`,
    );
  }
  if (failed) process.exitCode = 1;
}

await main();
