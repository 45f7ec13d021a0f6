import { DataFrame, DataPoint, type Decimal } from '@kitty-collect/collector-base';
import SqliteDatabase from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../sqlite/open-sqlite-storage.js';
import type { SqliteStorage } from '../sqlite/sqlite-storage.js';
import type { StoredDataFrameQuery } from '../storage.js';
import type { SummaryField, SummaryGroupBy, SummaryQuery } from '../summary-query.js';
import { summableDecimal } from '../testing/decimal-arbitraries.js';
import { HOUR_MS } from '../testing/frames.js';
import { usePostgresServer } from '../testing/postgres-server.js';
import { TempStorageDir } from '../testing/temp-storage.js';
import { openPostgresStorage } from './open-postgres-storage.js';
import type { PostgresStorage } from './postgres-storage.js';

const T0 = Date.UTC(2026, 2, 1);
// Texts whose binary order differs from a language's (ICU en-US: `a` < `B`, `e` < `é` < `Z`).
const WORDS = ['a', 'B', 'b', 'é', 'Z', '', '😀', 'e'] as const;
const KEYS = ['id', 'Zone', 'zone', 'é'] as const;
const TYPES = ['cpu', 'Cpu', 'ram', 'é'] as const;
const SCOPES = ['a', 'B', 'é'] as const;

const server = usePostgresServer();
const temp = new TempStorageDir();
let sqlite: SqliteStorage;
let postgres: PostgresStorage;
let database: string;

beforeAll(async () => {
  database = 'parity';
  // The database's own collation is a language's, so that only COLLATE "C" gives SQLite's order.
  await server.running.query(
    `CREATE DATABASE ${database} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'`,
  );
  postgres = await openPostgresStorage({
    url: server.running.url.replace(/\/kitty$/, `/${database}`),
    now: () => new Date(T0),
  });
  sqlite = openSqliteStorage(temp.file(), { now: () => new Date(T0) });
});
afterAll(async () => {
  await postgres.close();
  temp.cleanup();
});

interface PointSpec {
  hour: number;
  scope: string;
  type: string;
  qty: Decimal;
  price: Decimal;
  groupby: Record<string, string>;
  metadata: Record<string, string>;
}

const labels = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...WORDS), { maxKeys: 3 });
const point: fc.Arbitrary<PointSpec> = fc.record({
  hour: fc.integer({ min: 0, max: 3 }),
  scope: fc.constantFrom(...SCOPES),
  type: fc.constantFrom(...TYPES),
  qty: summableDecimal,
  price: summableDecimal,
  groupby: labels,
  metadata: labels,
});
/** Two POST /v2/dataframes batches (the second replacing points of the first), and the loop's periods. */
const data = fc.record({
  posted: fc.array(fc.array(point, { maxLength: 12 }), { minLength: 1, maxLength: 2 }),
  collected: fc.array(fc.array(point, { maxLength: 4 }), { maxLength: 3 }),
});

const window = fc.record({
  begin: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  end: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  limit: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
  offset: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
  types: fc.option(fc.subarray([...TYPES, 'gpu']), { nil: undefined }),
});

const retrieve: fc.Arbitrary<StoredDataFrameQuery> = fc
  .record({
    window,
    scopeIds: fc.option(fc.subarray([...SCOPES, 'loop']), { nil: undefined }),
    filters: fc.option(fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...WORDS), { maxKeys: 2 }), {
      nil: undefined,
    }),
  })
  .map(({ window: { begin, end, ...paging }, ...rest }) => ({
    ...rest,
    ...paging,
    begin: begin === undefined ? undefined : new Date(T0 + begin * HOUR_MS),
    end: end === undefined ? undefined : new Date(T0 + end * HOUR_MS),
  }));

const FUNCTIONS = ['SUM', 'MIN', 'MAX', 'AVG', 'COUNT'] as const;
const summary: fc.Arbitrary<SummaryQuery> = fc
  .record({
    window,
    groupby: fc.uniqueArray(
      fc.constantFrom<SummaryGroupBy>(
        { kind: 'type' },
        { kind: 'time' },
        ...KEYS.map((key) => ({ kind: 'label' as const, key })),
      ),
      { maxLength: 3, selector: (entry) => JSON.stringify(entry) },
    ),
    filters: fc.dictionary(
      fc.constantFrom(...KEYS),
      fc.uniqueArray(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }),
      { maxKeys: 2 },
    ),
    fields: fc.uniqueArray(
      fc.tuple(
        fc.constantFrom(...FUNCTIONS),
        fc.constantFrom('qty', 'price') as fc.Arbitrary<'qty' | 'price'>,
      ),
      {
        minLength: 1,
        maxLength: 4,
        selector: ([fn, column]) => `${fn}(${column})`,
      },
    ),
    periodSeconds: fc.constantFrom(3600, 7200, 10800),
  })
  .map(({ window: { begin, end, ...paging }, fields, ...rest }) => ({
    ...rest,
    ...paging,
    begin: new Date(T0 + (begin ?? 0) * HOUR_MS),
    end: new Date(T0 + (end ?? 4) * HOUR_MS),
    fields: fields.map(([fn, column], index): SummaryField => ({ fn, column, alias: `f${index}` })),
  }));

function frameOf(points: readonly PointSpec[], hour: number, scope?: string): DataFrame {
  const frame = new DataFrame({
    start: new Date(T0 + hour * HOUR_MS),
    end: new Date(T0 + (hour + 1) * HOUR_MS),
  });
  for (const spec of points) {
    const groupby =
      scope === undefined
        ? { project_id: spec.scope, ...spec.groupby }
        : { project_id: scope, ...spec.groupby };
    frame.addPoint(
      new DataPoint({ unit: 'u', qty: spec.qty, price: spec.price, groupby, metadata: spec.metadata }),
      spec.type,
    );
  }
  return frame;
}

/** The posted points as API frames, one per period. */
function postedFrames(points: readonly PointSpec[]): DataFrame[] {
  return [0, 1, 2, 3].map((hour) =>
    frameOf(
      points.filter((spec) => spec.hour === hour),
      hour,
    ),
  );
}

describe('SQLite and PostgreSQL answer byte for byte the same', () => {
  it('queryDataFrames and summarize, for generated frames and queries', async () => {
    await fc.assert(
      fc.asyncProperty(
        data,
        fc.array(retrieve, { minLength: 3, maxLength: 3 }),
        fc.array(summary, { minLength: 3, maxLength: 3 }),
        async (stored, retrieves, summaries) => {
          await emptyBoth();
          for (const batch of stored.posted) {
            const frames = postedFrames(batch);
            sqlite.addDataFrames(frames, 'project_id');
            await postgres.addDataFrames(frames, 'project_id');
          }
          for (const [hour, points] of stored.collected.entries()) {
            const frame = frameOf(points, hour, 'loop');
            sqlite.commitPeriod('loop', frame);
            await postgres.commitPeriod('loop', frame);
          }
          for (const query of retrieves) {
            expect(JSON.stringify(await postgres.queryDataFrames(query))).toBe(
              JSON.stringify(sqlite.queryDataFrames(query)),
            );
          }
          for (const query of summaries) {
            expect(JSON.stringify(await postgres.summarize(query))).toBe(
              JSON.stringify(sqlite.summarize(query)),
            );
          }
          expect(JSON.stringify(await postgres.listScopeStates())).toBe(
            JSON.stringify(sqlite.listScopeStates()),
          );
        },
      ),
      // No shrinking: each run writes two databases, and shrinking one failure would outlast the timeout.
      { numRuns: 50, endOnFailure: true },
    );
  });
});

/** Both databases without a frame, a point or a scope state, for the next run. */
async function emptyBoth(): Promise<void> {
  await server.running.query('TRUNCATE points, dataframes, scopes', [], database);
  const db = new SqliteDatabase(sqlite.path);
  try {
    db.exec('DELETE FROM points; DELETE FROM dataframes; DELETE FROM scopes;');
  } finally {
    db.close();
  }
}
