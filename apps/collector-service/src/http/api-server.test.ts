import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteStorage } from '../storage/sqlite/sqlite-storage.js';
import type { Storage } from '../storage/storage.js';
import { hourFrame, hoursAfter } from '../storage/testing/frames.js';
import { TempStorageDir } from '../storage/testing/temp-storage.js';
import { type ApiServer, createApiServer } from './api-server.js';
import type { HealthStatus } from './health.js';
import { ServiceMetrics } from './metrics.js';

/** "Now" for the API: March 2026, so the default window is 2026-03-01 → 2026-04-01. */
const NOW = new Date('2026-03-15T12:00:00Z');
const MARCH = new Date('2026-03-01T00:00:00Z');
const FEBRUARY_LAST_HOUR = new Date('2026-02-28T23:00:00Z');

let temp: TempStorageDir;
let storage: SqliteStorage;
let metrics: ServiceMetrics;
let health: HealthStatus | Error;
let logged: { details: Record<string, unknown>; message: string }[];
let api: ApiServer;
let baseUrl: string;

async function start(store: Storage = storage): Promise<void> {
  api = createApiServer({
    storage: store,
    metrics,
    health: () => {
      if (health instanceof Error) throw health;
      return health;
    },
    logger: {
      debug: () => {},
      error: (details, message) => logged.push({ details, message }),
    },
    scopeSource: { scopeKey: 'project_id', fetcher: 'keystone', collector: 'aetos' },
    periodSeconds: 3600,
    now: () => NOW,
  });
  ({ url: baseUrl } = await api.listen('127.0.0.1', 0));
}

async function get(path: string, init?: RequestInit) {
  const response = await fetch(`${baseUrl}${path}`, init);
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    headers: response.headers,
    text,
    body:
      type.startsWith('application/json') && text !== ''
        ? (JSON.parse(text) as Record<string, unknown>)
        : undefined,
  };
}

interface DataframesBody {
  total: number;
  dataframes: { period: { begin: string; end: string }; usage: Record<string, { vol: { qty: number } }[]> }[];
}

async function getDataframes(query: string): Promise<DataframesBody> {
  const response = await get(`/v2/dataframes${query}`);
  expect(response.status, response.text).toBe(200);
  return response.body as unknown as DataframesBody;
}

function points(body: DataframesBody): number {
  return body.dataframes.reduce(
    (sum, frame) => sum + Object.values(frame.usage).reduce((count, list) => count + list.length, 0),
    0,
  );
}

/**
 * Scopes a and b: the last hour of February, then 4 hours of March, each with 5 cpu points (flavor in
 * metadata: small, small, small, large, large) and 5 volume points. Scope c: one failure, nothing stored.
 */
beforeEach(async () => {
  temp = new TempStorageDir();
  storage = temp.open(undefined, { now: () => NOW });
  metrics = new ServiceMetrics({ collector: 'aetos' });
  health = { healthy: true, details: { scopes: 3 } };
  logged = [];
  for (const scope of ['a', 'b']) {
    for (let hour = 0; hour < 5; hour += 1) {
      const start = hoursAfter(FEBRUARY_LAST_HOUR, hour);
      storage.commitPeriod(
        scope,
        hourFrame(scope, start, [
          ...[0, 1, 2, 3, 4].map((index) => ({
            type: 'cpu',
            qty: `${hour}.00000000${index}`,
            groupby: { id: `${scope}-vm${index}` },
            metadata: { flavor: index < 3 ? 'm1.small' : 'm1.large' },
          })),
          ...[0, 1, 2, 3, 4].map((index) => ({
            type: 'volume.size',
            qty: '1e-9',
            unit: 'GiB',
            groupby: { id: `${scope}-vol${index}` },
          })),
        ]),
      );
    }
  }
  storage.recordFailure('c', 'Aetos: 403 Forbidden', hoursAfter(NOW, 1));
  await start();
});

afterEach(async () => {
  await api.close();
  temp.cleanup();
});

describe('GET /v2/dataframes', () => {
  it('returns the current month by default, in CloudKitty v2 shape, decimals exact', async () => {
    const body = await getDataframes('');
    // JSON numbers written from the stored decimals, digit for digit.
    const text = (await get('/v2/dataframes')).text;
    expect(text).toContain('"vol":{"unit":"instance","qty":1.000000001}');
    expect(text).toContain('"vol":{"unit":"GiB","qty":1e-9}');
    expect(body.total).toBe(80);
    expect(body.dataframes.map((frame) => frame.period)).toEqual(
      [0, 1, 2, 3].map((hour) => ({
        begin: hoursAfter(MARCH, hour).toISOString().replace('.000Z', '+00:00'),
        end: hoursAfter(MARCH, hour + 1)
          .toISOString()
          .replace('.000Z', '+00:00'),
      })),
    );
    const first = body.dataframes[0];
    expect(Object.keys(first?.usage ?? {})).toEqual(['cpu', 'volume.size']);
    expect(first?.usage.cpu?.[0]).toEqual({
      // Committed as '1.000000000': the same decimal, written as the collector's Decimal writes it.
      vol: { unit: 'instance', qty: 1 },
      rating: { price: 0 },
      groupby: { project_id: 'a', id: 'a-vm0' },
      metadata: { flavor: 'm1.small' },
    });
    expect(first?.usage.cpu?.[1]?.vol.qty).toBe(1.000000001);
    expect(first?.usage['volume.size']?.[0]?.vol).toEqual({ unit: 'GiB', qty: 1e-9 });
  });

  it('pages over points: limit (default 100, at most 1000) and offset, total before paging', async () => {
    const all = await getDataframes('?begin=2026-02-01T00:00:00Z');
    expect(all.total).toBe(100);
    expect(points(all)).toBe(100);
    const small = await getDataframes('?begin=2026-02-01&limit=15&offset=10');
    expect(small.total).toBe(100);
    expect(points(small)).toBe(15);
    // Points 10–24: scope b of the February hour (10–19), then scope a of March's first hour (20–24).
    expect(small.dataframes.map((frame) => frame.period.begin)).toEqual([
      '2026-02-28T23:00:00+00:00',
      '2026-03-01T00:00:00+00:00',
    ]);
    const beyond = await getDataframes('?limit=1000&offset=500');
    expect(beyond).toEqual({ total: 80, dataframes: [] });
  });

  it('takes begin and end in ISO 8601 (offsets, naive = UTC, dates, basic format)', async () => {
    const hour = async (query: string) => (await getDataframes(query)).dataframes.map((f) => f.period.begin);
    expect(await hour('?begin=2026-03-01T01:00:00Z&end=2026-03-01T03:00:00Z')).toEqual([
      '2026-03-01T01:00:00+00:00',
      '2026-03-01T02:00:00+00:00',
    ]);
    expect(
      await hour(`?begin=${encodeURIComponent('2026-03-01T03:00:00+02:00')}&end=2026-03-01T02:00:00`),
    ).toEqual(['2026-03-01T01:00:00+00:00']);
    // An unencoded "+" (a space once decoded) still reads as an offset.
    expect(await hour('?begin=2026-03-01T03:00:00+02:00&end=20260301T020000Z')).toEqual([
      '2026-03-01T01:00:00+00:00',
    ]);
    expect(await hour('?begin=2026-02-28&end=2026-03-01')).toEqual(['2026-02-28T23:00:00+00:00']);
  });

  it('filters on groupby and metadata (repeated or comma separated), and on the rating type', async () => {
    const scopeA = await getDataframes('?filters=project_id:a');
    expect(scopeA.total).toBe(40);
    const comma = await getDataframes('?filters=project_id:a,flavor:m1.large');
    const repeated = await getDataframes('?filters=project_id:a&filters=flavor:m1.large');
    expect(comma).toEqual(repeated);
    expect(comma.total).toBe(8);
    expect(comma.dataframes.every((frame) => Object.keys(frame.usage).join() === 'cpu')).toBe(true);
    const volumes = await getDataframes('?filters=type:volume.size,project_id:b&limit=3');
    expect(volumes.total).toBe(20);
    expect(Object.keys(volumes.dataframes[0]?.usage ?? {})).toEqual(['volume.size']);
  });

  it('answers 404 as CloudKitty when nothing matches', async () => {
    for (const query of [
      '?filters=project_id:nobody',
      '?begin=2025-01-01&end=2025-02-01',
      '?filters=type:ram',
    ]) {
      const response = await get(`/v2/dataframes${query}`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ message: 'No resource found for provided filters.' });
    }
  });

  it.each([
    ['?limit=1001', 'limit', 'expected a whole number from 1 to 1000'],
    ['?limit=0', 'limit', "got '0'"],
    ['?limit=ten', 'limit', "got 'ten'"],
    ['?limit=5&limit=6', 'limit', 'must be given once'],
    ['?offset=-1', 'offset', 'expected a whole number from 0'],
    ['?begin=last-week', 'begin', 'expected an ISO 8601 date or date-time'],
    ['?end=2026-02-30', 'end', "got '2026-02-30'"],
    ['?begin=2026-03-02&end=2026-03-01', 'end', 'must be after begin'],
    ['?filters=project_id', 'filters', "invalid key:value association 'project_id'"],
    ['?filters=a:1:2', 'filters', "invalid key:value association 'a:1:2'"],
    ['?filters=a:1,a:2', 'filters', "key 'a' given more than once"],
    [
      '?filter=project_id:a',
      'filter',
      'unknown parameter (this endpoint takes begin, end, filters, limit, offset)',
    ],
  ])('%s → 400 naming %s', async (query, parameter, detail) => {
    const response = await get(`/v2/dataframes${query}`);
    expect(response.status).toBe(400);
    const message = String(response.body?.message);
    expect(message).toContain(`Invalid parameter '${parameter}'`);
    expect(message).toContain(detail);
  });
});

describe('GET /v2/scope', () => {
  it("lists every scope's state with CloudKitty's field names", async () => {
    const response = await get('/v2/scope');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      results: [
        {
          scope_id: 'a',
          scope_key: 'project_id',
          fetcher: 'keystone',
          collector: 'aetos',
          // CloudKitty's state: the start of the last stored period (03:00–04:00).
          last_processed_timestamp: '2026-03-01T03:00:00+00:00',
          active: true,
          scope_activation_toggle_date: null,
          // CloudKitty 17's copy of it, which the cloudkitty CLI shows.
          state: '2026-03-01T03:00:00+00:00',
          collection_state: 'ok',
          failures: 0,
          last_error: null,
          next_attempt_at: null,
          updated_at: '2026-03-15T12:00:00+00:00',
        },
        expect.objectContaining({ scope_id: 'b', collection_state: 'ok' }),
        expect.objectContaining({
          scope_id: 'c',
          last_processed_timestamp: null,
          state: null,
          collection_state: 'failing',
          failures: 1,
          last_error: 'Aetos: 403 Forbidden',
          next_attempt_at: '2026-03-15T13:00:00+00:00',
        }),
      ],
      total: 3,
    });
  });

  it('filters on scope_id (repeated or comma separated) and the service fields, pages with total', async () => {
    const ids = async (query: string) => {
      const response = await get(`/v2/scope${query}`);
      expect(response.status, response.text).toBe(200);
      const body = response.body as { results: { scope_id: string }[]; total: number };
      return { ids: body.results.map((scope) => scope.scope_id), total: body.total };
    };
    expect(await ids('?scope_id=c,a')).toEqual({ ids: ['a', 'c'], total: 2 });
    expect(await ids('?scope_id=c&scope_id=b')).toEqual({ ids: ['b', 'c'], total: 2 });
    expect(await ids('?limit=1&offset=1')).toEqual({ ids: ['b'], total: 3 });
    expect(await ids('?fetcher=keystone&collector=aetos,prometheus&scope_key=project_id&active=1')).toEqual({
      ids: ['a', 'b', 'c'],
      total: 3,
    });
    for (const query of ['?fetcher=source', '?active=0', '?scope_id=zzz', '?offset=3']) {
      expect((await get(`/v2/scope${query}`)).status).toBe(404);
    }
    const bad = await get('/v2/scope?active=yes');
    expect(bad.status).toBe(400);
    expect(bad.body?.message).toContain("Invalid parameter 'active'");
  });
});

describe('GET /healthz', () => {
  it('answers 200 with the details when healthy', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', scopes: 3 });
  });

  it('answers 503 when unhealthy, or when the check itself fails', async () => {
    health = { healthy: false, details: { status: 'fine really', lastPass: 'failed' } };
    const unhealthy = await get('/healthz');
    expect(unhealthy.status).toBe(503);
    expect(unhealthy.body).toEqual({ status: 'unhealthy', lastPass: 'failed' });
    health = new Error('storage closed');
    const broken = await get('/healthz');
    expect(broken.status).toBe(503);
    expect(broken.body).toEqual({ status: 'unhealthy', error: 'storage closed' });
  });
});

describe('no secret in what the API answers', () => {
  const SECRET = 'Api-Secret-0042';
  const TOKEN = `gAAAAABp${'Zk9_-'.repeat(25)}`;

  it('GET /v2/scope: a last_error quoting a URL with credentials or a token shows neither', async () => {
    storage.recordFailure(
      'd',
      `aetos collection failed: Keystone is unavailable at http://ck:${SECRET}@k/v3?pw=${SECRET} (token ${TOKEN})`,
      hoursAfter(NOW, 1),
    );
    const response = await get('/v2/scope?scope_id=d');
    expect(response.status).toBe(200);
    expect(response.text).not.toContain(SECRET);
    expect(response.text).not.toContain('gAAAAAB');
    expect((response.body as { results: { last_error: string }[] }).results[0]?.last_error).toBe(
      'aetos collection failed: Keystone is unavailable at http://k/v3 (token <redacted>)',
    );
  });

  it('GET /healthz: details and a failing check are redacted the same way', async () => {
    health = {
      healthy: true,
      details: {
        lastPass: { failedScopes: [{ error: `GET http://u:${SECRET}@prom/api?pw=${SECRET}` }] },
        password: SECRET,
      },
    };
    const healthy = await get('/healthz');
    expect(healthy.text).not.toContain(SECRET);
    expect(healthy.body).toEqual({
      status: 'ok',
      lastPass: { failedScopes: [{ error: 'GET http://prom/api' }] },
      password: '<redacted>',
    });
    health = new Error(`storage at http://u:${SECRET}@db/x failed`);
    const broken = await get('/healthz');
    expect(broken.body).toEqual({ status: 'unhealthy', error: 'storage at http://db/x failed' });
  });

  it('GET /metrics: label values are redacted too', async () => {
    metrics.collectionFailed(`http://u:${SECRET}@prom/api?pw=${SECRET}`);
    metrics.queryDone(`aetos ${TOKEN}`);
    const text = (await get('/metrics')).text;
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('gAAAAAB');
    expect(text).toContain('kitty_collect_collection_failures_total{cause="http://prom/api"} 1');
  });
});

describe('GET /metrics', () => {
  /** The value of one sample line, e.g. `kitty_collect_collections_total{result="success"}`. */
  async function sample(series: string): Promise<number | undefined> {
    const { text } = await get('/metrics');
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  }

  it('exposes the service counters and histograms, and the process metrics', async () => {
    const response = await get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    for (const name of [
      'kitty_collect_collections_total',
      'kitty_collect_collection_failures_total',
      'kitty_collect_collection_duration_seconds',
      'kitty_collect_points_total',
      'kitty_collect_queries_total',
      'kitty_collect_periods_stored_total',
      'kitty_collect_scopes_held',
      'kitty_collect_replicas',
      'kitty_collect_lease_takeovers_total',
      'kitty_collect_storage_errors_total',
      'process_cpu_user_seconds_total',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(response.text).toContain(`# TYPE ${name} `);
    }
    expect(await sample('kitty_collect_collections_total{result="failure"}')).toBe(0);
    expect(await sample('kitty_collect_collection_failures_total{cause="collect"}')).toBe(0);
  });

  it('moves the counters as the collection loop reports', async () => {
    metrics.collectionSucceeded(0.3, 12, 2);
    metrics.collectionSucceeded(7, 3, 2);
    metrics.collectionFailed('collect');
    metrics.collectionFailed('internal', 0.01);
    metrics.queryDone();
    metrics.queryDone('prometheus', 4);
    metrics.collectionSucceeded(Number.NaN, -1, -2);
    expect(await sample('kitty_collect_collections_total{result="success"}')).toBe(3);
    expect(await sample('kitty_collect_collections_total{result="failure"}')).toBe(2);
    expect(await sample('kitty_collect_collection_failures_total{cause="collect"}')).toBe(1);
    expect(await sample('kitty_collect_collection_failures_total{cause="internal"}')).toBe(1);
    expect(await sample('kitty_collect_periods_stored_total')).toBe(3);
    expect(await sample('kitty_collect_points_total')).toBe(15);
    expect(await sample('kitty_collect_queries_total{collector="aetos"}')).toBe(5);
    expect(await sample('kitty_collect_queries_total{collector="prometheus"}')).toBe(4);
    expect(await sample('kitty_collect_collection_duration_seconds_count')).toBe(3);
    expect(await sample('kitty_collect_collection_duration_seconds_bucket{le="0.5"}')).toBe(2);
    expect(await sample('kitty_collect_collection_duration_seconds_sum')).toBeCloseTo(7.31);
  });

  it('keeps each instance on its own registry (no global state)', async () => {
    const other = new ServiceMetrics({ processMetrics: false });
    other.collectionSucceeded(1, 100, 1);
    expect(await sample('kitty_collect_points_total')).toBe(0);
    expect(await other.exposition()).toContain('kitty_collect_points_total 100');
    expect(await other.exposition()).not.toContain('process_cpu_user_seconds_total');
  });
});

describe('routing and errors', () => {
  it('answers unknown paths with 404 JSON and other methods with 405 and Allow', async () => {
    const missing = await get('/v1/report/total');
    expect(missing.status).toBe(404);
    expect(missing.body?.message).toMatch(/No such resource: \/v1\/report\/total/);
    const put = await get('/v2/dataframes', { method: 'PUT', body: '{}' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    expect(put.body).toEqual({ message: 'The method is not allowed for the requested URL.' });
    const options = await get('/v2/dataframes', { method: 'OPTIONS' });
    expect([options.status, options.headers.get('allow')]).toEqual([200, 'GET, POST, HEAD, OPTIONS']);
  });

  it('serves HEAD and tolerates a trailing slash', async () => {
    const head = await get('/healthz', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect((await get('/v2/scope/')).status).toBe(200);
  });

  it('answers 500 without details when storage fails, and logs the error', async () => {
    await api.close();
    const broken: Storage = {
      ...storageMethods(storage),
      getScopeState: (scopeId) => storage.getScopeState(scopeId),
      listScopeStates: () => Promise.reject(new Error('connection reset')),
      commitPeriod: (scopeId, frame) => storage.commitPeriod(scopeId, frame),
      recordFailure: (scopeId, error, next) => storage.recordFailure(scopeId, error, next),
      queryDataFrames: () => {
        throw new Error('SQLITE_CORRUPT: database disk image is malformed');
      },
      countDataFrames: (scopeId) => storage.countDataFrames(scopeId),
      close: () => storage.close(),
    };
    await start(broken);
    const dataframes = await get('/v2/dataframes');
    expect(dataframes.status).toBe(500);
    expect(dataframes.body).toEqual({ message: 'Internal error (see the service log)' });
    expect((await get('/v2/scope')).status).toBe(500);
    expect(logged.map((entry) => [entry.message, entry.details.path])).toEqual([
      ['HTTP API request failed', '/v2/dataframes'],
      ['HTTP API request failed', '/v2/scope'],
    ]);
  });

  it('listens on 127.0.0.1 by default and closes idempotently', async () => {
    const other = createApiServer({
      storage,
      metrics,
      health: () => ({ healthy: true }),
      periodSeconds: 3600,
    });
    const { url } = await other.listen();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await other.close();
    await other.close();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});

/** The storage's methods bound to it, for a test double that overrides some. */
function storageMethods(target: SqliteStorage): Storage {
  return {
    getScopeState: (scopeId) => target.getScopeState(scopeId),
    listScopeStates: () => target.listScopeStates(),
    commitPeriod: (scopeId, frame) => target.commitPeriod(scopeId, frame),
    recordFailure: (scopeId, error, next) => target.recordFailure(scopeId, error, next),
    queryDataFrames: (query) => target.queryDataFrames(query),
    addDataFrames: (frames, scopeKey) => target.addDataFrames(frames, scopeKey),
    summarize: (query) => target.summarize(query),
    resetScopes: (selector, from, last) => target.resetScopes(selector, from, last),
    updateScope: (scopeId, patch) => target.updateScope(scopeId, patch),
    createScope: (scope) => target.createScope(scope),
    countDataFrames: (scopeId) => target.countDataFrames(scopeId),
    ping: () => target.ping(),
    close: () => target.close(),
  };
}
