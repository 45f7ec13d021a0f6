import type { DataFrame, DataFrameJSON } from '@kitty-collect/collector-base';

/**
 * A value now (embedded SQLite answers synchronously) or later (a networked database). Callers that go
 * through the `Storage` interface always `await`; code holding a `SqliteStorage` gets plain values.
 */
export type MaybePromise<T> = T | Promise<T>;

export type ScopeHealth = 'ok' | 'failing';

/** Where the collection of one scope stands: CloudKitty's storage state, plus the retry bookkeeping. */
export interface ScopeState {
  scopeId: string;
  /** End of the last period stored for this scope (= start of the next one), or undefined for a new scope. */
  lastProcessed?: Date;
  state: ScopeHealth;
  /** Consecutive failed attempts of the next period (0 once a period is stored). */
  failures: number;
  lastError?: string;
  /** Backoff: do not try the next period before this. */
  nextAttemptAt?: Date;
  updatedAt: Date;
}

/**
 * A CloudKitty v2 `retrieve`: which usage to return. Every condition must hold for a point to be returned.
 * The unit of `total`, `limit` and `offset` is the data point, as in CloudKitty's v2 storage backends.
 */
export interface StoredDataFrameQuery {
  /** Periods that start at or after this instant. */
  begin?: Date;
  /** Periods that end at or before this instant. */
  end?: Date;
  scopeIds?: readonly string[];
  /** Rating type names (CloudKitty's `metric_types`, the `type` filter of the API). */
  types?: readonly string[];
  /** `key → value`: the point's groupby or its metadata has `key` with exactly `value`. */
  filters?: Readonly<Record<string, string>>;
  /** Points to return at most; all of them when undefined. */
  limit?: number;
  /** Matching points to skip first. */
  offset?: number;
}

export interface StoredDataFrames {
  /** Matching points before `limit` and `offset`. */
  total: number;
  /**
   * The page's points grouped into one dataframe per period (all scopes of a period together, as CloudKitty
   * returns them; the scope is in each point's groupby), ordered by period.
   */
  dataframes: DataFrameJSON[];
}

/**
 * What the service stores: dataframes and each scope's state. The embedded SQLite implementation is
 * synchronous; a networked implementation may return promises.
 */
export interface Storage {
  getScopeState(scopeId: string): MaybePromise<ScopeState | undefined>;
  /** Every scope the storage knows, by scope id. */
  listScopeStates(): MaybePromise<ScopeState[]>;
  /**
   * One transaction: stores the (scope, period) dataframe AND advances the scope to the period's end
   * (state ok, failures reset). Rejects with `PeriodConflictError`, changing nothing, when the period is
   * already stored or does not start where the scope's last period ended.
   */
  commitPeriod(scopeId: string, frame: DataFrame): MaybePromise<void>;
  /** A failed attempt of the scope's next period: nothing stored, state failing, failures + 1. */
  recordFailure(scopeId: string, error: string, nextAttemptAt: Date): MaybePromise<void>;
  queryDataFrames(query: StoredDataFrameQuery): MaybePromise<StoredDataFrames>;
  /** Stored (scope, period) dataframes, points or not; of one scope when given. */
  countDataFrames(scopeId?: string): MaybePromise<number>;
  close(): MaybePromise<void>;
}
