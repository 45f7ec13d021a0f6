import type { DataFrame } from '@kitty-collect/collector-base';
import type pg from 'pg';
import { LeaseLostError } from '../errors/lease-lost-error.js';
import { StorageError } from '../errors/storage-error.js';
import { StorageReadError, type StorageReadOperation } from '../errors/storage-read-error.js';
import { StorageWriteError, type StorageWriteOperation } from '../errors/storage-write-error.js';
import { assembleDataFrames } from '../shared/assemble-dataframes.js';
import { checkPaging } from '../shared/check-paging.js';
import { framesByScope } from '../shared/frames-by-scope.js';
import { checkNextPeriod, periodStoredAlready } from '../shared/period-rules.js';
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
import { BINARY, SCOPE_COLUMNS } from './columns.js';
import { type Connection, inTransaction } from './connection.js';
import { storedDecimalText } from './decimals.js';
import { driverFailure, violates } from './driver-failure.js';
import { holdsLease } from './lease.js';
import { buildQuerySql } from './query-sql.js';
import { PostgresScopeStates } from './scope-states.js';
import { summarize } from './summarize.js';
import { writePoints } from './write-points.js';

/** How the storage was opened (see `openPostgresStorage`): normalised, the defaults applied. */
export interface PostgresStorageSettings {
  /** The database's URL without credentials, for messages. */
  location: string;
  leaseOwner: string | undefined;
  pingTimeoutMs: number;
  now: () => Date;
}

const SELECT_SCOPE = `SELECT ${SCOPE_COLUMNS} FROM scopes WHERE scope_id = $1`;
const SELECT_SCOPES = `SELECT ${SCOPE_COLUMNS} FROM scopes ORDER BY scope_id ${BINARY}`;
// A fresh row, so that a scope never processed has a row to lock too: two replicas committing its first
// period at once then pass the checks one after the other.
const INSERT_SCOPE = `INSERT INTO scopes (scope_id, state, failures, updated_at) VALUES ($1, 'ok', 0, $2)
  ON CONFLICT (scope_id) DO NOTHING`;
const LOCK_SCOPE = `SELECT (extract(epoch FROM last_processed) * 1000)::float8 AS last_processed
  FROM scopes WHERE scope_id = $1 FOR UPDATE`;
// A stored period clears the failure bookkeeping: the next period starts with a clean slate.
const SCOPE_COMMITTED = `UPDATE scopes SET last_processed = $2, state = 'ok', failures = 0, last_error = NULL,
    next_attempt_at = NULL, updated_at = $3
  WHERE scope_id = $1`;
// A failure never moves last_processed: the same period is tried again.
const SCOPE_FAILED = `INSERT INTO scopes (scope_id, last_processed, state, failures, last_error, next_attempt_at,
    updated_at)
  VALUES ($1, NULL, 'failing', 1, $2, $3, $4)
  ON CONFLICT (scope_id) DO UPDATE SET
    state = 'failing', failures = scopes.failures + 1, last_error = excluded.last_error,
    next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at`;
const COUNT_FRAMES = 'SELECT count(*)::float8 AS total FROM dataframes';
const COUNT_SCOPE_FRAMES = 'SELECT count(*)::float8 AS total FROM dataframes WHERE scope_id = $1';

/**
 * The networked storage: a PostgreSQL database through a `pg` pool, every method async, with the SQLite
 * storage's semantics (the `Storage` contract) so that several replicas can share one database. With a
 * `leaseOwner`, a period is stored, and a failure recorded, only while that replica holds the scope's
 * lease. Open it with `openPostgresStorage`.
 */
export class PostgresStorage implements Storage {
  /**
   * @internal The connection pool, shared with the scope-leases module of this backend (the coordination
   * of replicas); nothing else should query through it.
   */
  readonly pool: pg.Pool;
  /** The database's URL without credentials (as `redactUrl` writes it), the `path` of our errors. */
  readonly location: string;
  readonly #leaseOwner: string | undefined;
  readonly #pingTimeoutMs: number;
  readonly #now: () => Date;
  readonly #scopes: PostgresScopeStates;
  #closing: Promise<void> | undefined;

  /** @internal use `openPostgresStorage`, which checks the connection and migrates the database first. */
  constructor(pool: pg.Pool, settings: PostgresStorageSettings) {
    this.pool = pool;
    this.location = settings.location;
    this.#leaseOwner = settings.leaseOwner;
    this.#pingTimeoutMs = settings.pingTimeoutMs;
    this.#now = settings.now;
    this.#scopes = new PostgresScopeStates(pool, settings.now);
  }

  async getScopeState(scopeId: string): Promise<ScopeState | undefined> {
    const { rows } = await this.#read('get-scope', () => this.pool.query(SELECT_SCOPE, [scopeId]), scopeId);
    return rows[0] === undefined ? undefined : toScopeState(rows[0]);
  }

  async listScopeStates(): Promise<ScopeState[]> {
    const { rows } = await this.#read('list-scopes', () => this.pool.query(SELECT_SCOPES));
    return rows.map(toScopeState);
  }

  async commitPeriod(scopeId: string, frame: DataFrame): Promise<void> {
    try {
      await inTransaction(this.pool, 'write', (connection) => this.#writePeriod(connection, scopeId, frame));
    } catch (error) {
      // The constraint is the last guard: a writer that passed the checks without the scope's lock.
      if (violates(error, 'dataframes_one_per_period')) throw periodStoredAlready(scopeId, frame.start);
      throw this.#writeError(error, 'commit', scopeId, frame.start);
    }
  }

  async recordFailure(scopeId: string, error: string, nextAttemptAt: Date): Promise<void> {
    if (Number.isNaN(nextAttemptAt.getTime())) throw new StorageError('recordFailure: invalid nextAttemptAt');
    const values = [scopeId, withoutNul(error), nextAttemptAt, this.#now()];
    const owner = this.#leaseOwner;
    try {
      if (owner === undefined) {
        await this.pool.query(SCOPE_FAILED, values);
        return;
      }
      // Without the lease, the failure is the new owner's business: its state is left alone.
      await inTransaction(this.pool, 'write', async (connection) => {
        if (await holdsLease(connection, scopeId, owner)) await connection.query(SCOPE_FAILED, values);
      });
    } catch (cause) {
      throw this.#writeError(cause, 'record-failure', scopeId);
    }
  }

  async queryDataFrames(query: StoredDataFrameQuery): Promise<StoredDataFrames> {
    checkPaging('queryDataFrames', query);
    const { count, page } = buildQuerySql(query);
    // One snapshot: the total and the page agree even while a commit runs.
    return this.#read('query-dataframes', () =>
      inTransaction(this.pool, 'snapshot', async (connection) => {
        const counted = await connection.query<{ total: number }>(count.text, count.values);
        const paged = await connection.query<PointRow>(page.text, page.values);
        return {
          total: counted.rows[0]?.total ?? 0,
          dataframes: assembleDataFrames(paged.rows.map(withStoredDecimals)),
        };
      }),
    );
  }

  async addDataFrames(frames: readonly DataFrame[], scopeKey: string): Promise<void> {
    try {
      await inTransaction(this.pool, 'write', async (connection) => {
        const now = this.#now();
        for (const frame of frames) {
          for (const [scopeId, scopeFrame] of framesByScope(frame, scopeKey)) {
            await writePoints(connection, { scopeId, begin: frame.start, end: frame.end, now }, scopeFrame);
          }
        }
      });
    } catch (error) {
      throw this.#writeError(error, 'add-dataframes', '');
    }
  }

  async summarize(query: SummaryQuery): Promise<SummaryResult> {
    return this.#read('summarize', () => summarize(this.pool, query));
  }

  async resetScopes(selector: ScopeSelector, from: Date, lastProcessed: Date): Promise<ScopeState[]> {
    try {
      return await this.#scopes.reset(selector, from, lastProcessed);
    } catch (error) {
      throw this.#writeError(error, 'reset-scopes', '');
    }
  }

  async updateScope(scopeId: string, patch: ScopePatch): Promise<ScopeState | undefined> {
    try {
      return await this.#scopes.update(scopeId, patch);
    } catch (error) {
      throw this.#writeError(error, 'update-scope', scopeId);
    }
  }

  async createScope(scope: NewScopeState): Promise<ScopeState> {
    try {
      return await this.#scopes.create(scope);
    } catch (error) {
      throw this.#writeError(error, 'create-scope', scope.scopeId);
    }
  }

  async countDataFrames(scopeId?: string): Promise<number> {
    const { rows } = await this.#read('count-dataframes', () =>
      scopeId === undefined
        ? this.pool.query<{ total: number }>(COUNT_FRAMES)
        : this.pool.query<{ total: number }>(COUNT_SCOPE_FRAMES, [scopeId]),
    );
    return rows[0]?.total ?? 0;
  }

  /** `SELECT 1` within `pingTimeoutMs` (connecting included), else a StorageReadError naming the location. */
  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const answered = this.pool.query('SELECT 1');
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${this.#pingTimeoutMs} ms`)),
        this.#pingTimeoutMs,
      );
    });
    // The query may still fail after the deadline: nobody waits for it then.
    answered.catch(() => undefined);
    try {
      await this.#read('ping', () => Promise.race([answered, late]));
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the pool (waiting for the calls under way); again, the same promise. */
  close(): Promise<void> {
    this.#closing ??= this.pool.end();
    return this.#closing;
  }

  async #writePeriod(connection: Connection, scopeId: string, frame: DataFrame): Promise<void> {
    const owner = this.#leaseOwner;
    if (owner !== undefined && !(await holdsLease(connection, scopeId, owner))) {
      throw new LeaseLostError(scopeId, owner, frame.start);
    }
    const now = this.#now();
    await connection.query(INSERT_SCOPE, [scopeId, now]);
    const locked = await connection.query<{ last_processed: number | null }>(LOCK_SCOPE, [scopeId]);
    checkNextPeriod(scopeId, frame, locked.rows[0]?.last_processed ?? undefined);
    await connection.query(SCOPE_COMMITTED, [scopeId, frame.start, now]);
    // Usage added through the API at this period stays; a collected point replaces one with its key.
    await writePoints(connection, { scopeId, begin: frame.start, end: frame.end, now }, frame);
  }

  /** A read whose driver failure becomes a StorageReadError; our own errors pass. */
  async #read<T>(operation: StorageReadOperation, read: () => Promise<T>, scopeId?: string): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof StorageError) throw error;
      throw new StorageReadError({
        path: this.location,
        operation,
        scopeId,
        ...driverFailure(error),
        cause: error,
      });
    }
  }

  /** Our own errors pass; the driver's become a StorageWriteError carrying the SQLSTATE or system code. */
  #writeError(error: unknown, operation: StorageWriteOperation, scopeId: string, begin?: Date): StorageError {
    if (error instanceof StorageError) return error;
    return new StorageWriteError({
      path: this.location,
      operation,
      scopeId,
      begin,
      ...driverFailure(error),
      cause: error,
    });
  }
}

/** A page row with its decimals as the SQLite storage answers them. */
function withStoredDecimals(row: PointRow): PointRow {
  return { ...row, qty: storedDecimalText(row.qty) ?? '', price: storedDecimalText(row.price) ?? '' };
}

/**
 * PostgreSQL text cannot hold U+0000; a failure's message may (an upstream's answer quoted in it), and
 * must not keep the failure from being recorded.
 */
function withoutNul(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD');
}
