import { DataFrame, DataPoint } from '@kitty-collect/collector-base';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PeriodConflictError } from '../errors/period-conflict-error.js';
import { SchemaVersionError } from '../errors/schema-version-error.js';
import { StorageError } from '../errors/storage-error.js';
import { hourFrame, hoursAfter } from '../testing/frames.js';
import { TempStorageDir } from '../testing/temp-storage.js';
import { openSqliteStorage } from './open-sqlite-storage.js';
import { SCHEMA_VERSION } from './schema.js';
import type { SqliteStorage } from './sqlite-storage.js';

const T0 = new Date('2026-03-01T00:00:00Z');
const NOW = new Date('2026-03-05T12:00:00Z');

let temp: TempStorageDir;
let storage: SqliteStorage;

beforeEach(() => {
  temp = new TempStorageDir();
  storage = temp.open(undefined, { now: () => NOW });
});
afterEach(() => temp.cleanup());

describe('commitPeriod and queryDataFrames: round trip', () => {
  it('returns exactly the stored decimals, units, groupby and metadata', () => {
    const frame = new DataFrame({ start: T0, end: hoursAfter(T0, 1) });
    const exact = [
      '0.000000001',
      '123456789.123456789',
      '1e+21',
      '1e-30',
      '-0.5',
      '0',
      '340282366920938463463374607431768211457',
    ];
    for (const [index, qty] of exact.entries()) {
      frame.addPoint(
        new DataPoint({
          unit: 'GiB',
          qty,
          price: `0.${index}0000000000000000000000000001`,
          groupby: { project_id: 'p1', 'dotted.key': 'a.b', quote: 'say "hi"', ünï: 'çödé' },
          metadata: { flavor: `m1.${index}`, empty: '' },
        }),
        'volume.size',
      );
    }
    frame.addPoint(new DataPoint({ unit: 'instance', qty: 1, groupby: { project_id: 'p1' } }), 'instance');
    storage.commitPeriod('p1', frame);

    const result = storage.queryDataFrames({});
    expect(result.total).toBe(exact.length + 1);
    expect(result.dataframes).toEqual([frame.toJSON()]);
    const stored = result.dataframes[0]?.usage['volume.size']?.map((point) => point.vol.qty);
    expect(stored).toEqual(exact.map((qty) => new DataPoint({ unit: 'x', qty }).qty.toString()));
    expect(result.dataframes[0]?.period).toEqual({
      begin: '2026-03-01T00:00:00+00:00',
      end: '2026-03-01T01:00:00+00:00',
    });
  });

  it('stores a period without points (the scope still advances)', () => {
    storage.commitPeriod('p1', hourFrame('p1', T0, []));
    expect(storage.countDataFrames('p1')).toBe(1);
    expect(storage.getScopeState('p1')?.lastProcessed).toEqual(T0);
    expect(storage.queryDataFrames({})).toEqual({ total: 0, dataframes: [] });
  });

  it("advances the scope state to the period's start (CloudKitty's last_processed_timestamp) in the same commit", () => {
    storage.commitPeriod('p1', hourFrame('p1', T0, [{ type: 'cpu', qty: '1' }]));
    storage.commitPeriod('p1', hourFrame('p1', hoursAfter(T0, 1), [{ type: 'cpu', qty: '2' }]));
    expect(storage.getScopeState('p1')).toEqual({
      scopeId: 'p1',
      lastProcessed: hoursAfter(T0, 1),
      state: 'ok',
      failures: 0,
      updatedAt: NOW,
      active: true,
    });
    expect(storage.countDataFrames('p1')).toBe(2);
    expect(storage.countDataFrames('other')).toBe(0);
    expect(storage.countDataFrames()).toBe(2);
  });
});

describe('commitPeriod: one transaction', () => {
  it('rejects a period stored already and changes nothing', () => {
    storage.commitPeriod('p1', hourFrame('p1', T0, [{ type: 'cpu', qty: '1' }]));
    const before = storage.getScopeState('p1');
    const again = () => storage.commitPeriod('p1', hourFrame('p1', T0, [{ type: 'cpu', qty: '9' }]));
    expect(again).toThrow(PeriodConflictError);
    expect(again).toThrow(/stored already/);
    try {
      again();
    } catch (error) {
      expect(error).toMatchObject({ reason: 'already-stored', scopeId: 'p1', begin: T0 });
    }
    expect(storage.getScopeState('p1')).toEqual(before);
    expect(storage.countDataFrames()).toBe(1);
    expect(storage.queryDataFrames({}).dataframes[0]?.usage.cpu?.[0]?.vol.qty).toBe('1');
  });

  it('rejects a period that does not start where the last one ended (gap or overlap)', () => {
    storage.commitPeriod('p1', hourFrame('p1', T0, [{ type: 'cpu', qty: '1' }]));
    const gap = () =>
      storage.commitPeriod('p1', hourFrame('p1', hoursAfter(T0, 2), [{ type: 'cpu', qty: '1' }]));
    expect(gap).toThrow(PeriodConflictError);
    expect(gap).toThrow(/last stored period begins at 2026-03-01T00:00:00.000Z/);
    const overlap = new DataFrame({ start: new Date(T0.getTime() + 1_800_000), end: hoursAfter(T0, 2) });
    expect(() => storage.commitPeriod('p1', overlap)).toThrow(
      expect.objectContaining({ reason: 'not-contiguous' }),
    );
    expect(storage.countDataFrames()).toBe(1);
    expect(storage.getScopeState('p1')?.lastProcessed).toEqual(T0);
  });

  it('leaves nothing behind when the database fails midway through the points', () => {
    storage.commitPeriod('p1', hourFrame('p1', T0, [{ type: 'cpu', qty: '1' }]));
    storage.recordFailure('p1', 'timeout', hoursAfter(T0, 5));
    const before = storage.getScopeState('p1');
    // A second connection plants a trigger that aborts the 3rd point insert, after the scope row was
    // updated, the dataframe row and two points were inserted.
    const saboteur = new SqliteDatabase(temp.file());
    saboteur.exec(`CREATE TRIGGER sabotage BEFORE INSERT ON points WHEN NEW.type = 'boom'
                   BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    saboteur.close();
    const frame = hourFrame('p1', hoursAfter(T0, 1), [
      { type: 'cpu', qty: '2' },
      { type: 'ram', qty: '3' },
      { type: 'boom', qty: '4' },
    ]);
    expect(() => storage.commitPeriod('p1', frame)).toThrow(StorageError);
    expect(() => storage.commitPeriod('p1', frame)).toThrow(/disk on fire/);
    expect(storage.getScopeState('p1')).toEqual(before);
    expect(storage.countDataFrames()).toBe(1);
    expect(storage.queryDataFrames({}).total).toBe(1);
  });

  it('refuses a non-finite quantity and stores nothing', () => {
    const frame = hourFrame('p1', T0, [{ type: 'cpu', qty: '1' }]);
    frame.addPoint(new DataPoint({ unit: 'x', qty: 'NaN' }), 'cpu');
    expect(() => storage.commitPeriod('p1', frame)).toThrow(/non-finite/);
    expect(storage.getScopeState('p1')).toBeUndefined();
    expect(storage.countDataFrames()).toBe(0);
  });
});

describe('recordFailure', () => {
  it('counts consecutive failures without moving the scope, and a commit resets them', () => {
    storage.commitPeriod('p1', hourFrame('p1', T0, [{ type: 'cpu', qty: '1' }]));
    storage.recordFailure('p1', 'first', hoursAfter(NOW, 1));
    storage.recordFailure('p1', 'Prometheus: 503 Service Unavailable', hoursAfter(NOW, 2));
    expect(storage.getScopeState('p1')).toEqual({
      scopeId: 'p1',
      lastProcessed: T0,
      state: 'failing',
      failures: 2,
      lastError: 'Prometheus: 503 Service Unavailable',
      nextAttemptAt: hoursAfter(NOW, 2),
      updatedAt: NOW,
      active: true,
    });
    expect(storage.countDataFrames()).toBe(1);

    storage.commitPeriod('p1', hourFrame('p1', hoursAfter(T0, 1), [{ type: 'cpu', qty: '1' }]));
    expect(storage.getScopeState('p1')).toEqual({
      scopeId: 'p1',
      lastProcessed: hoursAfter(T0, 1),
      state: 'ok',
      failures: 0,
      updatedAt: NOW,
      active: true,
    });
  });

  it('creates the state of a scope that never succeeded (no lastProcessed)', () => {
    storage.recordFailure('new', 'no route to host', hoursAfter(NOW, 1));
    expect(storage.getScopeState('new')).toEqual({
      scopeId: 'new',
      state: 'failing',
      failures: 1,
      lastError: 'no route to host',
      nextAttemptAt: hoursAfter(NOW, 1),
      updatedAt: NOW,
      active: true,
    });
    // Its first period may start anywhere.
    storage.commitPeriod('new', hourFrame('new', T0, []));
    expect(storage.getScopeState('new')?.state).toBe('ok');
  });

  it('lists every scope by id', () => {
    storage.recordFailure('b', 'x', NOW);
    storage.commitPeriod('a', hourFrame('a', T0, []));
    storage.commitPeriod('c', hourFrame('c', T0, []));
    expect(storage.listScopeStates().map((scope) => [scope.scopeId, scope.state])).toEqual([
      ['a', 'ok'],
      ['b', 'failing'],
      ['c', 'ok'],
    ]);
  });
});

describe('ping', () => {
  it('answers synchronously while the file is open; once closed, a StorageReadError naming it', () => {
    expect(storage.ping()).toBeUndefined();
    storage.close();
    expect(() => storage.ping()).toThrow(
      expect.objectContaining({ name: 'StorageReadError', operation: 'ping', path: temp.file() }),
    );
    expect(() => storage.ping()).toThrow(
      `Could not reach the storage in ${temp.file()}: The database connection is not open`,
    );
  });
});

describe('openSqliteStorage', () => {
  it('keeps everything across a reopen, in WAL mode with the current schema version', () => {
    storage.commitPeriod('p1', hourFrame('p1', T0, [{ type: 'cpu', qty: '0.1' }]));
    storage.recordFailure('p1', 'boom', hoursAfter(NOW, 1));
    const before = storage.queryDataFrames({});
    storage.close();

    const reopened = temp.open(undefined, { now: () => NOW });
    expect(reopened.queryDataFrames({})).toEqual(before);
    expect(reopened.getScopeState('p1')?.failures).toBe(1);
    const raw = new SqliteDatabase(temp.file(), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    raw.close();
  });

  it('creates missing directories', () => {
    const nested = temp.open('a/b/c.sqlite');
    nested.commitPeriod('p1', hourFrame('p1', T0, []));
    expect(nested.countDataFrames()).toBe(1);
  });

  it('refuses a file written by a newer schema, without touching it', () => {
    const path = temp.file('future.sqlite');
    const raw = new SqliteDatabase(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openSqliteStorage(path)).toThrow(SchemaVersionError);
    expect(() => openSqliteStorage(path)).toThrow(
      new RegExp(
        `schema version ${SCHEMA_VERSION + 1}; this kitty-collect knows versions up to ${SCHEMA_VERSION}`,
      ),
    );
  });

  it('refuses a file that is not SQLite', async () => {
    const { writeFileSync } = await import('node:fs');
    const path = temp.file('text.sqlite');
    writeFileSync(path, 'metrics:\n  cpu: {}\n'.repeat(100));
    expect(() => openSqliteStorage(path)).toThrow(StorageError);
    expect(() => openSqliteStorage(path)).toThrow(
      /Cannot open storage .*text\.sqlite: file is not a database/,
    );
  });

  it('works in memory', () => {
    const memory = openSqliteStorage(':memory:');
    memory.commitPeriod('p1', hourFrame('p1', T0, [{ type: 'cpu', qty: '1' }]));
    expect(memory.queryDataFrames({}).total).toBe(1);
    memory.close();
    memory.close();
  });
});
