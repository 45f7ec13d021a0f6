/**
 * bench/collect (`pnpm bench`): one period's full collection (every scope × every rating type) against a
 * real Prometheus loaded with a deterministic dataset of N projects — per-scope mode, batched mode and
 * the raw HTTP floor — directly and through the Aetos-compatible gateway with Keystone. Prints a table.
 */
import { fork } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseMetricsConf, validateMetricsConf } from '@kitty-collect/collector-base';
import { prometheusExtraArgsSchema } from '@kitty-collect/collectors';
import {
  type RunningAetosGateway,
  type RunningKeystone,
  type RunningPrometheus,
  startAetosGatewayInCatalog,
  startKeystone,
  startPrometheus,
} from '@kitty-collect/test-stack';
import {
  openMetricsDataset,
  PERIOD_END,
  PERIOD_START,
  projects,
  SAMPLES_PER_SERIES,
  seriesCounts,
} from './dataset.js';
import { expectedPoints, METRICS_YML } from './metrics-conf.js';
import {
  formatProfileComparison,
  formatTopFunctions,
  type ProfileSummary,
  summariseProfile,
} from './profile.js';
import type { Backend, ChildResult, ChildSpec, Mode } from './protocol.js';
import { formatBatchingTable, formatTable, median, type Row, targetsReport } from './table.js';

const USAGE = `Usage: pnpm bench [options]   (no '--' before the options; build first:
       pnpm turbo run build --filter @kitty-collect/bench...)

  --sizes 50,500,5000        projects (scopes) per dataset
  --concurrency 1,4,16       queries in flight (per-scope and raw per-scope)
  --batched-concurrency 4    queries in flight in batched mode (and its raw floor)
  --aetos-sizes 50,500       sizes also measured through the Aetos gateway + Keystone ('' for none)
  --runs 3                   timed runs per mode (the median is reported), after a warm-up
  --warmup 1000              queries of the warm-up (a whole run when fewer)
  --serial-max 50            per-scope at c=1 only up to this size (N=500 at c=1 is 8,500 sequential
                             queries); through Aetos, above this size per-scope runs at the highest
                             concurrency only
  --large 5000               from this size on, per-scope modes run only at the highest concurrency
                             and with --large-runs runs (a run is 85,000 queries); 0 disables
  --large-runs 1
  --modes per-scope,raw-per-scope,raw-undici-per-scope,raw-gzip-per-scope,batched,raw-batched
                             which modes to measure (raw-gzip-per-scope: plain fetch with its default
                             headers, which ask Prometheus for gzip; direct Prometheus only)
  --retain-points            our modes keep every data point until the run ends (peak RSS of a caller
                             that assembles the whole period before storing it), instead of dropping
                             each answer once counted
  --child-node-options=OPTS  Node options of the measuring processes, e.g.
                             --child-node-options=--max-old-space-size=128 (peak RSS with a capped heap)
  --fallback-sizes 500,5000  sizes of the batched-against-per-scope table (direct Prometheus): per-scope
                             at the highest --concurrency, batched, and the rating types batched mode
                             queries per scope (the collector's batchFallbackReason), with each reason
  --full                     every concurrency at every size, --runs runs everywhere (long)
  --profile-size 500         CPU-profile one run at this size (0: no profile)…
  --profile-mode per-scope,raw-per-scope
                             …of these modes (per-scope ones at the highest --concurrency, batched ones
                             at the first --batched-concurrency), side by side by package
  --profile-out FILE         also keep the .cpuprofile (open it in Chrome DevTools)
  --help`;

const here = dirname(fileURLToPath(import.meta.url));

function list(value: string): number[] {
  if (value.trim() === '') return [];
  return value.split(',').map((part) => {
    const n = Number(part.trim());
    if (!Number.isInteger(n) || n < 0) throw new Error(`not a non-negative integer: ${JSON.stringify(part)}`);
    return n;
  });
}

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '50,500,5000' },
    concurrency: { type: 'string', default: '1,4,16' },
    'batched-concurrency': { type: 'string', default: '4' },
    'aetos-sizes': { type: 'string', default: '50,500' },
    runs: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1000' },
    'serial-max': { type: 'string', default: '50' },
    large: { type: 'string', default: '5000' },
    'large-runs': { type: 'string', default: '1' },
    'profile-size': { type: 'string', default: '500' },
    'profile-mode': { type: 'string', default: 'per-scope,raw-per-scope' },
    'profile-out': { type: 'string' },
    'fallback-sizes': { type: 'string', default: '500,5000' },
    full: { type: 'boolean', default: false },
    'child-node-options': { type: 'string', default: '' },
    'retain-points': { type: 'boolean', default: false },
    modes: {
      type: 'string',
      default: 'per-scope,raw-per-scope,raw-undici-per-scope,raw-gzip-per-scope,batched,raw-batched',
    },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const sizes = list(args.sizes);
const concurrencies = list(args.concurrency).filter((c) => c > 0);
const batchedConcurrencies = list(args['batched-concurrency']).filter((c) => c > 0);
const aetosSizes = new Set(list(args['aetos-sizes']));
const runs = Math.max(1, Number(args.runs));
const warmup = Math.max(0, Number(args.warmup));
const serialMax = args.full ? Number.POSITIVE_INFINITY : Number(args['serial-max']);
const large = args.full ? 0 : Number(args.large);
const largeRuns = Math.max(1, Number(args['large-runs']));
const profileSize = Number(args['profile-size']);
const fallbackSizes = list(args['fallback-sizes']);
const maxConcurrency = Math.max(...concurrencies);
const ALL_MODES: readonly Mode[] = [
  'per-scope',
  'raw-per-scope',
  'raw-undici-per-scope',
  'raw-gzip-per-scope',
  'batched',
  'raw-batched',
];
function modeList(value: string): Mode[] {
  return value.split(',').map((m) => {
    const mode = m.trim() as Mode;
    if (!ALL_MODES.includes(mode))
      throw new Error(`unknown mode ${JSON.stringify(m)}: ${ALL_MODES.join(', ')}`);
    return mode;
  });
}
const modes = new Set(modeList(args.modes));
const profileModes = modeList(args['profile-mode']);
const childNodeOptions = args['child-node-options'].split(' ').filter((option) => option !== '');

const log = (message: string) => process.stderr.write(`${message}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function machine(): Promise<string> {
  const cpuInfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const model = /model name\s*:\s*(.*)/.exec(cpuInfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  return [
    `date ${new Date().toISOString()}`,
    `node ${process.version}`,
    `${cpus().length} CPUs (${model})`,
    `memory ${gib(totalmem())} (${gib(freemem())} free)`,
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  ].join(' · ');
}

/** Runs one mode in a fresh Node process and waits for its figures. */
function runChild(spec: ChildSpec, workDir: string, name: string): Promise<ChildResult> {
  return (async () => {
    const specPath = join(workDir, `${name}.json`);
    await writeFile(specPath, JSON.stringify(spec));
    return new Promise<ChildResult>((resolve, reject) => {
      const child = fork(join(here, 'child.js'), [specPath], {
        execArgv: childNodeOptions,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      let result: ChildResult | undefined;
      child.on('message', (message) => {
        result = message as ChildResult;
      });
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        if (result !== undefined) resolve(result);
        else reject(new Error(`bench child ${name} exited (${signal ?? code}) without a result`));
      });
    });
  })();
}

interface SizeContext {
  n: number;
  workDir: string;
  metricsYmlPath: string;
  scopesPath: string;
  expected: number;
  ratingTypes: number;
}

async function measure(
  ctx: SizeContext,
  backendName: 'prometheus' | 'aetos',
  backend: Backend,
  mode: Mode,
  concurrency: number,
  modeRuns: number,
  gateway: RunningAetosGateway | undefined,
  serverPids: number[],
  rows: Row[],
): Promise<void> {
  if (!modes.has(mode)) return;
  gateway?.reset();
  const name = `${backendName}-${mode}-c${concurrency}`;
  const started = performance.now();
  const result = await runChild(
    {
      mode,
      backend,
      metricsYmlPath: ctx.metricsYmlPath,
      scopesPath: ctx.scopesPath,
      start: PERIOD_START.toISOString(),
      end: PERIOD_END.toISOString(),
      concurrency,
      runs: modeRuns,
      warmupQueries: warmup,
      expectedPoints: ctx.expected,
      serverPids,
      retainPoints: args['retain-points'],
    },
    ctx.workDir,
    name,
  );
  const row: Row = { n: ctx.n, backend: backendName, mode, concurrency, result };
  rows.push(row);
  if (result.ok) {
    const wall = median(result.runs.map((r) => r.wallMs));
    log(
      `  N=${ctx.n} ${name}: ${result.runs[0]?.queries} queries, median ${(wall / 1000).toFixed(3)} s ` +
        `[${result.runs.map((r) => (r.wallMs / 1000).toFixed(3)).join(', ')}], ` +
        `peak RSS ${(result.maxRssKiB / 1024).toFixed(0)} MB (child ${seconds(performance.now() - started)})`,
    );
  } else {
    log(`  N=${ctx.n} ${name}: FAILED: ${result.error}`);
  }
}

async function main(): Promise<void> {
  const info = await machine();
  log(`bench/collect · ${info}`);
  const conf = validateMetricsConf(parseMetricsConf(METRICS_YML), {
    scopeKey: 'project_id',
    extraArgs: prometheusExtraArgsSchema,
  });
  const ratingTypeKeys = Object.keys(conf);
  const workDir = await mkdtemp(join(tmpdir(), 'kitty-bench-'));
  const rows: Row[] = [];
  const backfills: string[] = [];
  let profileText: string | undefined;
  let keystone: RunningKeystone | undefined;
  let prometheus: RunningPrometheus | undefined;
  let gateway: RunningAetosGateway | undefined;
  const benchStarted = performance.now();
  try {
    if (sizes.some((n) => aetosSizes.has(n))) {
      const t = performance.now();
      keystone = await startKeystone();
      log(`Keystone started in ${seconds(performance.now() - t)}`);
    }
    for (const n of sizes) {
      const all = projects(n);
      const counts = seriesCounts(all);
      const series = [...counts.values()].reduce((a, b) => a + b, 0);
      const scopesPath = join(workDir, `scopes-${n}.json`);
      const metricsYmlPath = join(workDir, 'metrics.yml');
      await writeFile(scopesPath, JSON.stringify(all.map((p) => p.id)));
      await writeFile(metricsYmlPath, METRICS_YML);
      const ctx: SizeContext = {
        n,
        workDir,
        metricsYmlPath,
        scopesPath,
        expected: expectedPoints(ratingTypeKeys, counts),
        ratingTypes: ratingTypeKeys.length,
      };
      const t = performance.now();
      prometheus = await startPrometheus({ dataset: openMetricsDataset(all), startTimeoutMs: 300_000 });
      const millions = ((series * SAMPLES_PER_SERIES) / 1e6).toFixed(2);
      const backfill =
        `N=${n}: ${series} series × ${SAMPLES_PER_SERIES} samples = ${millions} M samples ` +
        `(${ctx.expected} data points per collection); generated, backfilled and Prometheus ready in ` +
        seconds(performance.now() - t);
      backfills.push(backfill);
      log(backfill);

      const backends: ['prometheus' | 'aetos', Backend][] = [
        ['prometheus', { kind: 'prometheus', apiUrl: prometheus.apiUrl }],
      ];
      if (keystone !== undefined && aetosSizes.has(n)) {
        gateway = await startAetosGatewayInCatalog(keystone, prometheus, {
          projectLabel: 'project_id',
          testEndpoints: false,
        });
        const cloudkitty = keystone.fixtures.users.cloudkitty;
        backends.push([
          'aetos',
          {
            kind: 'aetos',
            authUrl: keystone.authUrl,
            username: cloudkitty.name,
            password: cloudkitty.password,
            projectName: keystone.fixtures.projects.service.name,
            interface: 'public',
            regionName: 'RegionOne',
          },
        ]);
      }

      const isLarge = large > 0 && n >= large;
      const perScopeConcurrencies = isLarge
        ? [maxConcurrency]
        : concurrencies.filter((c) => c > 1 || n <= serialMax);
      for (const [backendName, backend] of backends) {
        const gw = backendName === 'aetos' ? gateway : undefined;
        const pids = gw === undefined ? [prometheus.pid] : [prometheus.pid, process.pid];
        // through Aetos, sizes above --serial-max: per-scope at the highest concurrency only
        const cs = gw !== undefined && n > serialMax ? [maxConcurrency] : perScopeConcurrencies;
        for (const c of cs) {
          const r = isLarge ? largeRuns : runs;
          await measure(ctx, backendName, backend, 'per-scope', c, r, gw, pids, rows);
          await measure(ctx, backendName, backend, 'raw-per-scope', c, r, gw, pids, rows);
          await measure(ctx, backendName, backend, 'raw-undici-per-scope', c, r, gw, pids, rows);
          // The gateway answers uncompressed whatever it is asked, as Aetos (WSGI) does: nothing to compare.
          if (gw === undefined)
            await measure(ctx, backendName, backend, 'raw-gzip-per-scope', c, r, gw, pids, rows);
        }
        for (const c of batchedConcurrencies) {
          await measure(ctx, backendName, backend, 'batched', c, runs, gw, pids, rows);
          await measure(ctx, backendName, backend, 'raw-batched', c, runs, gw, pids, rows);
        }
      }

      if (n === profileSize) {
        const summaries: { mode: Mode; summary: ProfileSummary }[] = [];
        const heads: string[] = [];
        for (const mode of profileModes) {
          const c = mode.endsWith('batched') ? batchedConcurrencies[0] : maxConcurrency;
          if (c === undefined) continue;
          const profilePath = join(workDir, `${mode}-${n}-c${c}.cpuprofile`);
          log(`  profiling ${mode} N=${n} c=${c}…`);
          const result = await runChild(
            {
              mode,
              backend: { kind: 'prometheus', apiUrl: prometheus.apiUrl },
              metricsYmlPath,
              scopesPath,
              start: PERIOD_START.toISOString(),
              end: PERIOD_END.toISOString(),
              concurrency: c,
              runs: 1,
              warmupQueries: warmup,
              expectedPoints: ctx.expected,
              serverPids: [prometheus.pid],
              retainPoints: false,
              profilePath,
            },
            workDir,
            `profile-${mode}`,
          );
          if (!result.ok) {
            log(`  profile of ${mode} failed: ${result.error}`);
            continue;
          }
          const run = result.runs[0];
          heads.push(
            `${mode} c=${c}: ${((run?.wallMs ?? 0) / 1000).toFixed(2)} s wall, ` +
              `${((run?.clientCpuMs ?? 0) / 1000).toFixed(2)} s client CPU, ${run?.queries} queries`,
          );
          summaries.push({ mode, summary: await summariseProfile(profilePath) });
          if (args['profile-out']) {
            await copyFile(
              profilePath,
              args['profile-out'].replace(/(\.cpuprofile)?$/, `-${mode}.cpuprofile`),
            );
          }
        }
        if (summaries.length > 0) {
          profileText = [
            `CPU profiles, N=${n}, direct Prometheus, one run after the warm-up each (profiler on: ~10 % slower):`,
            ...heads.map((h) => `  ${h}`),
            '',
            formatProfileComparison(summaries),
            '',
            ...summaries.map(
              ({ mode, summary }) => `Top functions, ${mode}:\n${formatTopFunctions(summary, 20)}`,
            ),
          ].join('\n');
        }
      }

      await gateway?.stop();
      gateway = undefined;
      await prometheus.stop();
      prometheus = undefined;
    }
  } finally {
    await gateway?.stop();
    await prometheus?.stop();
    await keystone?.stop();
    await rm(workDir, { recursive: true, force: true });
  }

  console.log(`bench/collect — ${info}`);
  console.log(
    `One period (1 h, ${ratingTypeKeys.length} rating types); wall = median of ${runs} runs after a warm-up of ` +
      `${warmup} queries${serialMax < Number.POSITIVE_INFINITY ? `; per-scope c=1 only for N ≤ ${serialMax} (Aetos: only c=${maxConcurrency} above)` : ''}` +
      `${large > 0 ? `; N ≥ ${large}: per-scope only at c=${maxConcurrency}, ${largeRuns} run` : ''}. ` +
      `Load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}.`,
  );
  console.log('Backfill (not part of the figures):');
  for (const line of backfills) console.log(`  ${line}`);
  console.log('');
  console.log(formatTable(rows));
  console.log('');
  const batching = formatBatchingTable(rows, fallbackSizes, maxConcurrency, ratingTypeKeys.length);
  if (batching !== undefined) console.log(`${batching}\n`);
  console.log(targetsReport(rows, maxConcurrency));
  if (profileText !== undefined) console.log(`\n${profileText}`);
  console.log(`\nTotal bench time ${seconds(performance.now() - benchStarted)}.`);
}

await main();
