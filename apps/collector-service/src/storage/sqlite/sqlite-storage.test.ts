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

describe('SqliteStorage answers synchronously (the loop and the API may skip the await)', () => {
  it('returns plain values and throws, never a promise', () => {
    const frame = hourFrame('p1', T0, [{ type: 'cpu', qty: '1' }]);
    expect(storage.commitPeriod('p1', frame)).toBeUndefined();
    expect(storage.getScopeState('p1')).toMatchObject({ scopeId: 'p1', lastProcessed: T0 });
    expect(storage.countDataFrames()).toBe(1);
    expect(storage.queryDataFrames({}).total).toBe(1);
    expect(storage.ping()).toBeUndefined();
    expect(() => storage.commitPeriod('p1', frame)).toThrow(PeriodConflictError);
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
