import type { DataFrame } from '@kitty-collect/collector-base';
import SqliteDatabase, { type Database, type Statement, type Transaction } from 'better-sqlite3';
import { PeriodConflictError } from '../errors/period-conflict-error.js';
import { StorageError } from '../errors/storage-error.js';
import { StorageWriteError, type StorageWriteOperation } from '../errors/storage-write-error.js';
import type { ScopeState, Storage, StoredDataFrameQuery, StoredDataFrames } from '../storage.js';
import { assembleDataFrames } from './assemble-dataframes.js';
import { buildQuerySql, type QueryParameters } from './query-sql.js';
import { type PointRow, toScopeState } from './rows.js';
import { prepareStatements, type Statements } from './statements.js';

/** Dynamic query statements kept prepared; their shapes are few (which conditions are present). */
const QUERY_CACHE_SIZE = 64;

interface QueryStatements {
  count: Statement<[QueryParameters], { total: number }>;
  page: Statement<[QueryParameters], PointRow>;
}

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
  readonly #queries = new Map<string, QueryStatements>();

  /** @internal use `openSqliteStorage`, which configures and migrates the connection first. */
  constructor(db: Database, path: string, now: () => Date) {
    this.path = path;
    this.#db = db;
    this.#now = now;
    this.#statements = prepareStatements(db);
    this.#commit = db.transaction((scopeId: string, frame: DataFrame) => this.#writePeriod(scopeId, frame));
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
    checkPaging(query);
    const sql = buildQuerySql(query);
    const statements = this.#queryStatements(sql.count, sql.page);
    // One read transaction: the total and the page come from the same snapshot even while a commit runs.
    const read = this.#db.transaction(() => {
      const total = statements.count.get(sql.parameters)?.total ?? 0;
      return { total, dataframes: assembleDataFrames(statements.page.iterate(sql.parameters)) };
    });
    return read.deferred();
  }

  countDataFrames(scopeId?: string): number {
    const row =
      scopeId === undefined
        ? this.#statements.countFrames.get()
        : this.#statements.countScopeFrames.get(scopeId);
    return row?.total ?? 0;
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  #writePeriod(scopeId: string, frame: DataFrame): void {
    const begin = frame.start.getTime();
    const end = frame.end.getTime();
    if (this.#statements.selectFrameAt.get(scopeId, begin) !== undefined) {
      throw new PeriodConflictError(scopeId, frame.start, 'already-stored', 'this period is stored already');
    }
    const lastProcessed = this.getScopeState(scopeId)?.lastProcessed;
    if (lastProcessed !== undefined && lastProcessed.getTime() !== begin) {
      throw new PeriodConflictError(
        scopeId,
        frame.start,
        'not-contiguous',
        `the scope's last stored period ends at ${lastProcessed.toISOString()}`,
      );
    }
    const now = this.#now().getTime();
    // The scope row first: dataframes reference it (foreign key).
    this.#statements.scopeCommitted.run({ scopeId, end, now });
    const dataframeId = this.#statements.insertFrame.run({ scopeId, begin, end, now }).lastInsertRowid;
    for (const [type, point] of frame.iterPoints()) {
      if (!point.qty.isFinite() || !point.price.isFinite()) {
        throw new StorageError(`Point of ${type} has a non-finite quantity or price (${point.qty})`);
      }
      this.#statements.insertPoint.run({
        dataframeId,
        type,
        unit: point.unit,
        qty: point.qty.toString(),
        price: point.price.toString(),
        groupby: JSON.stringify(point.groupby),
        metadata: JSON.stringify(point.metadata),
      });
    }
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

  #queryStatements(countSql: string, pageSql: string): QueryStatements {
    const cached = this.#queries.get(pageSql);
    if (cached !== undefined) return cached;
    const statements: QueryStatements = {
      count: this.#db.prepare<[QueryParameters], { total: number }>(countSql),
      page: this.#db.prepare<[QueryParameters], PointRow>(pageSql),
    };
    if (this.#queries.size >= QUERY_CACHE_SIZE) this.#queries.clear();
    this.#queries.set(pageSql, statements);
    return statements;
  }
}

function checkPaging(query: StoredDataFrameQuery): void {
  for (const [name, value] of [
    ['limit', query.limit],
    ['offset', query.offset],
  ] as const) {
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
      throw new StorageError(`queryDataFrames: ${name} must be a whole number ≥ 0, got ${value}`);
    }
  }
}
