/**
 * One measured mode in a fresh process (so that peak RSS is this mode's alone): warm-up, then `runs` timed
 * full collections of one period, figures sent to the parent over IPC. Started by collect.ts, never by hand.
 */
import { subscribe } from 'node:diagnostics_channel';
import { readFile, writeFile } from 'node:fs/promises';
import { Session as InspectorSession } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { AetosClient } from '@kitty-collect/aetos-client';
import { parseMetricsConf } from '@kitty-collect/collector-base';
import {
  AetosCollector,
  buildQuery,
  Limiter,
  PrometheusCollector,
  type PrometheusCollectorBase,
} from '@kitty-collect/collectors';
import { createDispatcher, sendRequest } from '@kitty-collect/http-request';
import { PasswordAuth, Session } from '@kitty-collect/keystone-auth';
import { PrometheusClient } from '@kitty-collect/prometheus-client';
import { forEachConcurrent } from './pool.js';
import type { ChildResult, ChildSpec, RunFigures } from './protocol.js';

const counters = { queries: 0, tokenRequests: 0 };
subscribe('undici:request:create', (message) => {
  const { request } = message as { request: { method: string; path: string } };
  if (request.path.includes('/api/v1/query')) counters.queries += 1;
  else if (request.method === 'POST' && request.path.endsWith('/auth/tokens')) counters.tokenRequests += 1;
});

const silent = { warn: () => {}, debug: () => {} };

/** Peak V8 heap in use, sampled every 10 ms (what is alive, as opposed to RSS, which the GC lets grow). */
let peakHeapUsed = 0;
const heapSampler = setInterval(() => {
  peakHeapUsed = Math.max(peakHeapUsed, getHeapStatistics().used_heap_size);
}, 10);
heapSampler.unref();

async function main(spec: ChildSpec): Promise<ChildResult> {
  const scopes = JSON.parse(await readFile(spec.scopesPath, 'utf8')) as string[];
  const conf = parseMetricsConf(await readFile(spec.metricsYmlPath, 'utf8'));
  const start = new Date(spec.start);
  const end = new Date(spec.end);
  const c = spec.concurrency;

  let session: Session | undefined;
  let collector: PrometheusCollectorBase;
  const options = { period: 3600, conf, scopeKey: 'project_id', logger: silent };
  if (spec.backend.kind === 'prometheus') {
    const client = new PrometheusClient({ url: spec.backend.apiUrl, maxConnections: c });
    collector = new PrometheusCollector({ ...options, client });
  } else {
    const b = spec.backend;
    session = new Session({
      auth: new PasswordAuth({
        authUrl: b.authUrl,
        username: b.username,
        userDomainName: 'Default',
        password: b.password,
        projectName: b.projectName,
        projectDomainName: 'Default',
      }),
      maxConnections: c,
    });
    const client = new AetosClient(session, { interface: b.interface, regionName: b.regionName });
    collector = new AetosCollector({ ...options, client });
  }
  const keys = Object.keys(collector.conf);
  /** With retainPoints: every answer of the run, kept until it ends. */
  const retained: unknown[] | undefined = spec.retainPoints ? [] : undefined;

  /** One full collection (or its first `limit` queries); returns the data points. */
  let collect: (limit?: number) => Promise<{ points: number; bodyChars: number }>;
  let total: number;
  let batchFallbacks: Record<string, string> | undefined;

  if (spec.mode === 'per-scope') {
    const tasks: [string, string][] = [];
    for (const scope of scopes) for (const key of keys) tasks.push([scope, key]);
    total = tasks.length;
    collect = async (limit = tasks.length) => {
      let points = 0;
      await forEachConcurrent(tasks.slice(0, limit), c, async ([scope, key]) => {
        const list = await collector.fetchAll(key, start, end, scope);
        if (retained !== undefined) retained.push(list);
        points += list.length;
      });
      retained?.splice(0);
      return { points, bodyChars: 0 };
    };
  } else if (spec.mode === 'batched') {
    total = keys.length;
    batchFallbacks = {};
    for (const key of keys) {
      const reason = collector.batchFallbackReason(key);
      if (reason !== undefined) batchFallbacks[key] = reason;
    }
    collect = async () => {
      const limiter = new Limiter(c);
      let points = 0;
      // Every rating type at once, queries bounded by the limiter (as the service does). Each answer is
      // counted and dropped as it comes, unless retainPoints (a caller assembling the whole period first).
      await Promise.all(
        keys.map(async (key) => {
          const byScope = await collector.fetchAllBatched(key, start, end, scopes, { limiter });
          if (retained !== undefined) retained.push(byScope);
          for (const list of byScope.values()) points += list.length;
        }),
      );
      retained?.splice(0);
      return { points, bodyChars: 0 };
    };
  } else {
    let queries: string[];
    if (spec.mode !== 'raw-batched') {
      queries = [];
      const { conf, scopeKey } = collector;
      for (const scope of scopes)
        for (const metricKey of keys)
          queries.push(buildQuery({ conf, metricKey, start, end, scopes: { key: scopeKey, id: scope } }));
    } else {
      queries = keys.map((metricKey) =>
        buildQuery({ conf: collector.conf, metricKey, start, end, scopes: 'all' }),
      );
    }
    let base: string;
    const headers: Record<string, string> = {};
    if (spec.backend.kind === 'prometheus') {
      base = `${spec.backend.apiUrl.replace(/\/+$/, '')}/query`;
      // What PrometheusClient sends (it asks for the body uncompressed), unless measuring fetch's defaults.
      if (spec.mode !== 'raw-gzip-per-scope') {
        headers.accept = 'application/json';
        headers['accept-encoding'] = 'identity';
      }
    } else {
      if (session === undefined) throw new Error('unreachable');
      const endpoint = await session.getEndpoint({
        serviceType: 'metric-storage',
        interface: spec.backend.interface,
        regionName: spec.backend.regionName,
      });
      base = `${endpoint.replace(/\/+$/, '')}/api/v1/query`;
      headers['x-auth-token'] = await session.getToken();
      headers.accept = 'application/json';
    }
    const time = end.toISOString();
    const urls = queries.map((query) => `${base}?${new URLSearchParams({ query, time })}`);
    total = urls.length;
    // The same keep-alive pool as our clients (an undici Agent, from http-request's one factory).
    const dispatcher = createDispatcher({ connections: c });
    const perRunPoints = spec.expectedPoints;
    // fetch: what the issue calls the raw floor; http-request's sendRequest (undici's request() with a
    // deadline, nothing on top): the same HTTP/1.1 requests without the WHATWG fetch machinery
    const get =
      spec.mode === 'raw-undici-per-scope'
        ? async (url: string) => {
            const { status, body } = await sendRequest(url, { dispatcher, headers, timeoutMs: 60_000 });
            if (status !== 200) throw new Error(`HTTP ${status} for ${url}: ${body.slice(0, 300)}`);
            return body.length;
          }
        : async (url: string) => {
            const response = await fetch(url, { headers, dispatcher } as RequestInit);
            const text = await response.text();
            if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}: ${text.slice(0, 300)}`);
            return text.length;
          };
    collect = async (limit = urls.length) => {
      let bodyChars = 0;
      await forEachConcurrent(urls.slice(0, limit), c, async (url) => {
        const chars = await get(url);
        bodyChars += chars;
      });
      return { points: limit === urls.length ? perRunPoints : 0, bodyChars };
    };
  }

  const warmupStarted = performance.now();
  await collect(Math.min(spec.warmupQueries, total));
  const warmupMs = performance.now() - warmupStarted;

  const runs: RunFigures[] = [];
  for (let run = 0; run < spec.runs; run += 1) {
    const profiler = run === 0 && spec.profilePath !== undefined ? await startProfiler() : undefined;
    const queriesBefore = counters.queries;
    const serverBefore = await serverCpuMs(spec.serverPids);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const { points, bodyChars } = await collect();
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const serverAfter = await serverCpuMs(spec.serverPids);
    if (profiler !== undefined && spec.profilePath !== undefined) await profiler.stop(spec.profilePath);
    if (points !== spec.expectedPoints) {
      throw new Error(`${spec.mode}: ${points} data points, expected ${spec.expectedPoints}`);
    }
    runs.push({
      wallMs,
      queries: counters.queries - queriesBefore,
      points,
      bodyChars,
      clientCpuMs: (cpu.user + cpu.system) / 1000,
      serverCpuMs: serverAfter - serverBefore,
    });
  }
  const authentications = session?.authentications;
  await session?.close();
  return {
    ok: true,
    mode: spec.mode,
    runs,
    warmupMs,
    maxRssKiB: process.resourceUsage().maxRSS,
    peakHeapUsedKiB: Math.max(peakHeapUsed, getHeapStatistics().used_heap_size) / 1024,
    tokenRequests: counters.tokenRequests,
    authentications,
    batchFallbacks,
  };
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux architecture Node supports

/** utime + stime of these processes, in ms (0 where /proc cannot be read). */
async function serverCpuMs(pids: readonly number[]): Promise<number> {
  let ticks = 0;
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
    if (stat === undefined) continue;
    // fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** A CPU profile of what runs between start and stop (sampling every 100 µs). */
async function startProfiler(): Promise<{ stop(path: string): Promise<void> }> {
  const inspector = new InspectorSession();
  inspector.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      inspector.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  return {
    async stop(path: string) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      await writeFile(path, JSON.stringify(profile));
      inspector.disconnect();
    },
  };
}

const specPath = process.argv[2];
if (specPath === undefined || process.send === undefined) {
  console.error('bench child: started by collect.js only (needs a spec file and an IPC channel)');
  process.exit(2);
}
const spec = JSON.parse(await readFile(specPath, 'utf8')) as ChildSpec;
let result: ChildResult;
try {
  result = await main(spec);
} catch (error) {
  result = {
    ok: false,
    mode: spec.mode,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  };
}
process.send(result, () => process.exit(0));
