import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase, { type Database } from 'better-sqlite3';
import { StorageError } from '../errors/storage-error.js';
import { StorageOpenError } from '../errors/storage-open-error.js';
import { migrate } from './schema.js';
import { SqliteStorage } from './sqlite-storage.js';

/**
 * How hard a commit is pushed to disk.
 * - `NORMAL` (default): in WAL mode a committed transaction is in the WAL file (the OS page cache) before
 *   `commitPeriod` returns, so it survives the process being killed (SIGKILL, OOM, crash). An OS crash or
 *   power cut may lose the last commits, never half of one: the dataframe and the scope's state roll back
 *   together, and the lost periods are simply collected again. No gap, no duplicate.
 * - `FULL`: also fsyncs the WAL at every commit, to survive power loss too, at one fsync per period.
 */
export type SqliteSynchronous = 'NORMAL' | 'FULL';

export interface SqliteStorageOptions {
  synchronous?: SqliteSynchronous;
  /** How long a statement waits for another connection's lock before failing with SQLITE_BUSY. Default 5000. */
  busyTimeoutMs?: number;
  /** Clock of `updatedAt` and `created_at` (tests). */
  now?: () => Date;
}

const IN_MEMORY = ':memory:';

/**
 * Opens (creating it and its directory when missing) the storage file: WAL journal (readers, such as the
 * HTTP API, never block the collection loop's commits, and a commit is one append), the chosen
 * `synchronous`, a busy timeout, foreign keys on, then the schema migrated to the current `user_version`.
 * `:memory:` gives a private in-memory database (tests; no WAL there).
 */
export function openSqliteStorage(path: string, options: SqliteStorageOptions = {}): SqliteStorage {
  const synchronous = options.synchronous ?? 'NORMAL';
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new StorageError(`busyTimeoutMs must be a whole number of milliseconds ≥ 0, got ${busyTimeoutMs}`);
  }
  if (path !== IN_MEMORY && path !== '') {
    try {
      makeDirectories(dirname(path));
    } catch (cause) {
      throw openError(path, cause, 'cannot create its directory: ');
    }
  }
  let db: Database;
  try {
    db = new SqliteDatabase(path, { timeout: busyTimeoutMs });
  } catch (cause) {
    throw openError(path, cause);
  }
  try {
    configure(db, path, synchronous, busyTimeoutMs);
    migrate(db, path);
    return new SqliteStorage(db, path, options.now ?? (() => new Date()));
  } catch (cause) {
    db.close();
    if (cause instanceof StorageError) throw cause;
    throw openError(path, cause);
  }
}

function configure(db: Database, path: string, synchronous: SqliteSynchronous, busyTimeoutMs: number): void {
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (path !== IN_MEMORY && path !== '' && mode !== 'wal') {
    throw new StorageOpenError({
      path,
      reason: `cannot use WAL journaling (SQLite answered ${String(mode)})`,
    });
  }
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
}

/**
 * `mkdir -p`, one level at a time: Node's recursive mkdirSync never returns where mkdir keeps answering
 * ENOENT for an existing parent (under /proc, for one), it retries the parent forever.
 */
function makeDirectories(dir: string): void {
  const missing: string[] = [];
  for (let at = dir; !existsSync(at) && dirname(at) !== at; at = dirname(at)) missing.unshift(at);
  for (const level of missing) mkdirSync(level);
}

/** The system's or SQLite's error as a StorageOpenError with its code (ENOTDIR, EACCES, SQLITE_CANTOPEN…). */
function openError(path: string, cause: unknown, context = ''): StorageOpenError {
  const code = (cause as { code?: unknown } | null)?.code;
  return new StorageOpenError({
    path,
    reason: `${context}${cause instanceof Error ? cause.message : String(cause)}`,
    code: typeof code === 'string' ? code : undefined,
    cause,
  });
}
