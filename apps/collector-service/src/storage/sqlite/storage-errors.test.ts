import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageOpenError } from '../errors/storage-open-error.js';
import { StorageWriteError } from '../errors/storage-write-error.js';
import { hourFrame, hoursAfter } from '../testing/frames.js';
import { TempStorageDir } from '../testing/temp-storage.js';
import { openSqliteStorage } from './open-sqlite-storage.js';
import { migrate } from './schema.js';
import { SqliteStorage } from './sqlite-storage.js';
import { storagePathProblem } from './storage-path-problem.js';

const T0 = new Date('2026-03-01T00:00:00Z');
let temp: TempStorageDir;
beforeEach(() => {
  temp = new TempStorageDir();
});
afterEach(() => temp.cleanup());

describe('write errors carry SQLite’s code', () => {
  it('a full database (max_page_count) → StorageWriteError SQLITE_FULL, the period not stored', () => {
    const path = temp.file();
    const db = new SqliteDatabase(path);
    migrate(db, path);
    const storage = new SqliteStorage(db, path, () => T0);
    try {
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
      const big = Array.from({ length: 200 }, (_, i) => ({
        type: 'cpu',
        qty: String(i),
        metadata: { pad: 'x'.repeat(200) },
      }));
      const error = (() => {
        try {
          storage.commitPeriod('p1', hourFrame('p1', T0, big));
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(StorageWriteError);
      expect(error).toMatchObject({
        name: 'StorageWriteError',
        code: 'SQLITE_FULL',
        full: true,
        operation: 'commit',
        scopeId: 'p1',
        begin: T0,
        path,
        reason: 'database or disk is full',
        message: `Could not store period 2026-03-01T00:00:00.000Z of scope p1 in ${path}: database or disk is full [SQLITE_FULL]`,
      });
      expect(storage.countDataFrames()).toBe(0);
      expect(storage.getScopeState('p1')).toBeUndefined();
    } finally {
      storage.close();
    }
  });

  it('a failed recordFailure names the operation', () => {
    const storage = temp.open();
    storage.commitPeriod('p1', hourFrame('p1', T0, [{ type: 'cpu', qty: '1' }]));
    const saboteur = new SqliteDatabase(temp.file());
    saboteur.exec(`CREATE TRIGGER sabotage BEFORE UPDATE ON scopes BEGIN SELECT RAISE(ABORT, 'no'); END`);
    saboteur.close();
    expect(() => storage.recordFailure('p1', 'down', hoursAfter(T0, 1))).toThrow(
      expect.objectContaining({ operation: 'record-failure', scopeId: 'p1', begin: undefined }),
    );
  });
});

describe('open errors carry the system’s code', () => {
  it('a directory that cannot be created (a regular file in the way) → StorageOpenError ENOTDIR', () => {
    writeFileSync(join(temp.dir, 'blocker'), 'x');
    const path = join(temp.dir, 'blocker', 'data', 'kc.sqlite');
    expect(() => openSqliteStorage(path)).toThrow(
      expect.objectContaining({
        name: 'StorageOpenError',
        path,
        code: 'ENOTDIR',
        reason: `cannot create its directory: ENOTDIR: not a directory, mkdir '${join(temp.dir, 'blocker', 'data')}'`,
      }),
    );
    expect(() => openSqliteStorage(path)).toThrow(StorageOpenError);
  });

  it('a directory where mkdir answers ENOENT forever (/proc) → StorageOpenError, no endless retry', () => {
    expect(() => openSqliteStorage('/proc/kitty-collect/kc.sqlite')).toThrow(
      expect.objectContaining({
        name: 'StorageOpenError',
        path: '/proc/kitty-collect/kc.sqlite',
        code: 'ENOENT',
      }),
    );
  });

  it('a directory as the file → StorageOpenError with SQLite’s code', () => {
    mkdirSync(join(temp.dir, 'kc.sqlite'));
    expect(() => openSqliteStorage(join(temp.dir, 'kc.sqlite'))).toThrow(
      expect.objectContaining({ name: 'StorageOpenError', code: 'SQLITE_CANTOPEN' }),
    );
  });
});

describe('storagePathProblem', () => {
  it('nothing wrong: a new file in a directory that exists or can be created, or an existing file', () => {
    expect(storagePathProblem(join(temp.dir, 'kc.sqlite'))).toBeUndefined();
    expect(storagePathProblem(join(temp.dir, 'a', 'b', 'kc.sqlite'))).toBeUndefined();
    temp.open('kc.sqlite').close();
    expect(storagePathProblem(join(temp.dir, 'kc.sqlite'))).toBeUndefined();
    expect(storagePathProblem(':memory:')).toBeUndefined();
  });

  it('a regular file in the way, a directory as the file, a device', () => {
    writeFileSync(join(temp.dir, 'blocker'), 'x');
    expect(storagePathProblem(join(temp.dir, 'blocker', 'a', 'kc.sqlite'))).toBe(
      `cannot create ${join(temp.dir, 'blocker', 'a', 'kc.sqlite')}: ${join(temp.dir, 'blocker')} is not a directory`,
    );
    mkdirSync(join(temp.dir, 'dir.sqlite'));
    expect(storagePathProblem(join(temp.dir, 'dir.sqlite'))).toBe(
      `${join(temp.dir, 'dir.sqlite')} is a directory, not a file`,
    );
    expect(storagePathProblem('/dev/null')).toBe('/dev/null is not a regular file');
  });

  it('a read-only place (/proc, refused even to root)', () => {
    // access() lets root through; creating something there fails (procfs answers ENOENT)
    expect(storagePathProblem('/proc/kitty-collect/kc.sqlite')).toMatch(
      /^cannot create \/proc\/kitty-collect\/kc\.sqlite: \/proc is not writable \((ENOENT|EACCES|EPERM|EROFS)\)$/,
    );
  });
});
