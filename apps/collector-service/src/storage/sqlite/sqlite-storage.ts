import type { DataFrame } from '@kitty-collect/collector-base';
import SqliteDatabase, { type Database, type Transaction } from 'better-sqlite3';
import { StorageError } from '../errors/storage-error.js';
import { StorageReadError } from '../errors/storage-read-error.js';
import { StorageWriteError, type StorageWriteOperation } from '../errors/storage-write-error.js';
import { assembleDataFrames } from '../shared/assemble-dataframes.js';
import { checkPaging } from '../shared/check-paging.js';
import { framesByScope } from '../shared/frames-by-scope.js';
import { checkNextPeriod } from '../shared/period-rules.js';
import type { PointRow } from '../shared/point-row.js';
import { toScopeState } from '../shared/scope-row.js';
import type {
  NewScopeState,
  ScopePatch,
  ScopeSelector,
  ScopeState,
  Storage,
  StoredDataFrameQuery,
  StoredDataFrames,
} from '../storage.js';
import type { SummaryQuery, SummaryResult } from '../summary-query.js';
import { buildQuerySql, type QueryParameters } from './query-sql.js';
import { ScopeStates } from './scope-states.js';
import { StatementCache } from './statement-cache.js';
import { prepareStatements, type Statements } from './statements.js';
import { summarize } from './summarize.js';
import { writePoints } from './write-points.js';

/**
 * The embedded storage: one SQLite file through better-sqlite3, synchronous (the calls are short and
 * local; `Storage` lets a networked implementation return promises instead). Open it with
 * `openSqliteStorage`. One connection per process: better-sqlite3 serialises its calls.
 */
export class SqliteStorage implements Storage {
  readonly path: string;
  readonly #db: Database;
  readonly #statements: Statements;
  readonly #now: () => Date;
  readonly #commit: Transaction<(scopeId: string, frame: DataFrame) => void>;
  readonly #add: Transaction<(frames: readonly DataFrame[], scopeKey: string) => void>;
  readonly #scopes: ScopeStates;
  readonly #queries: StatementCache;

  /** @internal use `openSqliteStorage`, which configures and migrates the connection first. */
  constructor(db: Database, path: string, now: () => Date) {
    this.path = path;
    this.#db = db;
    this.#now = now;
    this.#statements = prepareStatements(db);
    this.#commit = db.transaction((scopeId: string, frame: DataFrame) => this.#writePeriod(scopeId, frame));
    this.#add = db.transaction((frames: readonly DataFrame[], scopeKey: string) =>
      this.#addFrames(frames, scopeKey),
    );
    this.#scopes = new ScopeStates(db, now);
    this.#queries = new StatementCache(db);
  }

  getScopeState(scopeId: string): ScopeState | undefined {
    const row = this.#statements.selectScope.get(scopeId);
    return row === undefined ? undefined : toScopeState(row);
  }

  listScopeStates(): ScopeState[] {
    return this.#statements.selectScopes.all().map(toScopeState);
  }

  commitPeriod(scopeId: string, frame: DataFrame): void {
    try {
      // IMMEDIATE: take the write lock before reading the scope's state, so that the checks below still
      // hold when the rows are written, even with another process on the same file.
      this.#commit.immediate(scopeId, frame);
    } catch (error) {
      throw this.#writeError(error, 'commit', scopeId, frame.start);
    }
  }

  recordFailure(scopeId: string, error: string, nextAttemptAt: Date): void {
    if (Number.isNaN(nextAttemptAt.getTime())) throw new StorageError('recordFailure: invalid nextAttemptAt');
    try {
      this.#statements.scopeFailed.run({
        scopeId,
        error,
        nextAttemptAt: nextAttemptAt.getTime(),
        now: this.#now().getTime(),
      });
    } catch (cause) {
      throw this.#writeError(cause, 'record-failure', scopeId);
    }
  }

  queryDataFrames(query: StoredDataFrameQuery): StoredDataFrames {
    checkPaging('queryDataFrames', query);
    const sql = buildQuerySql(query);
    const count = this.#queries.prepare<QueryParameters, { total: number }>(sql.count);
    const page = this.#queries.prepare<QueryParameters, PointRow>(sql.page);
    // One read transaction: the total and the page come from the same snapshot even while a commit runs.
    const read = this.#db.transaction(() => {
      const total = count.get(sql.parameters)?.total ?? 0;
      return { total, dataframes: assembleDataFrames(page.iterate(sql.parameters)) };
    });
    return read.deferred();
  }

  addDataFrames(frames: readonly DataFrame[], scopeKey: string): void {
    try {
      this.#add.immediate(frames, scopeKey);
    } catch (error) {
      throw this.#writeError(error, 'add-dataframes', '');
    }
  }

  summarize(query: SummaryQuery): SummaryResult {
    return summarize(this.#db, query);
  }

  resetScopes(selector: ScopeSelector, from: Date, lastProcessed: Date): ScopeState[] {
    try {
      return this.#scopes.reset(selector, from, lastProcessed);
    } catch (error) {
      throw this.#writeError(error, 'reset-scopes', '');
    }
  }

  updateScope(scopeId: string, patch: ScopePatch): ScopeState | undefined {
    try {
      return this.#scopes.update(scopeId, patch);
    } catch (error) {
      throw this.#writeError(error, 'update-scope', scopeId);
    }
  }

  createScope(scope: NewScopeState): ScopeState {
    try {
      return this.#scopes.create(scope);
    } catch (error) {
      throw this.#writeError(error, 'create-scope', scope.scopeId);
    }
  }

  countDataFrames(scopeId?: string): number {
    const row =
      scopeId === undefined
        ? this.#statements.countFrames.get()
        : this.#statements.countScopeFrames.get(scopeId);
    return row?.total ?? 0;
  }

  /** `SELECT 1`: the file is open and readable, else a StorageReadError naming it. */
  ping(): void {
    try {
      this.#statements.ping.get();
    } catch (cause) {
      throw new StorageReadError({
        path: this.path,
        operation: 'ping',
        reason: cause instanceof Error ? cause.message : String(cause),
        code: cause instanceof SqliteDatabase.SqliteError ? cause.code : undefined,
        cause,
      });
    }
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  /** Each frame's points under the scope of their `scopeKey` label: one dataframe per (scope, period). */
  #addFrames(frames: readonly DataFrame[], scopeKey: string): void {
    const now = this.#now().getTime();
    for (const frame of frames) {
      const [begin, end] = [frame.start.getTime(), frame.end.getTime()];
      for (const [scopeId, scopeFrame] of framesByScope(frame, scopeKey)) {
        writePoints(this.#statements, { scopeId, begin, end, now }, scopeFrame);
      }
    }
  }

  #writePeriod(scopeId: string, frame: DataFrame): void {
    const begin = frame.start.getTime();
    const end = frame.end.getTime();
    checkNextPeriod(scopeId, frame, this.getScopeState(scopeId)?.lastProcessed?.getTime());
    const now = this.#now().getTime();
    this.#statements.scopeCommitted.run({ scopeId, begin, now });
    // Usage added through the API at this period stays; a collected point replaces one with its key.
    writePoints(this.#statements, { scopeId, begin, end, now }, frame);
  }

  /** Our own errors pass; the driver's become a StorageWriteError carrying SQLite's code. */
  #writeError(error: unknown, operation: StorageWriteOperation, scopeId: string, begin?: Date): StorageError {
    if (error instanceof StorageError) return error;
    return new StorageWriteError({
      path: this.path,
      operation,
      scopeId,
      begin,
      reason: error instanceof Error ? error.message : String(error),
      code: error instanceof SqliteDatabase.SqliteError ? error.code : undefined,
      cause: error,
    });
  }
}
