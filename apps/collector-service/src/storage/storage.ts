import type { DataFrame, DataFrameJSON } from '@kitty-collect/collector-base';
import type { SummaryQuery, SummaryResult } from './summary-query.js';

/**
 * A value now (embedded SQLite answers synchronously) or later (a networked database). Callers that go
 * through the `Storage` interface always `await`; code holding a `SqliteStorage` gets plain values.
 */
export type MaybePromise<T> = T | Promise<T>;

export type ScopeHealth = 'ok' | 'failing';

/** Where the collection of one scope stands: CloudKitty's storage state, plus the retry bookkeeping. */
export interface ScopeState {
  scopeId: string;
  /**
   * START of the last period stored for this scope, as CloudKitty's `last_processed_timestamp` (the next
   * period starts one period later), or undefined for a scope never processed.
   */
  lastProcessed?: Date;
  /** CloudKitty's `active`: an inactive scope is skipped by the collection loop. */
  active: boolean;
  /** CloudKitty's `scope_activation_toggle_date`: when `active` last changed (undefined: never). */
  activeToggledAt?: Date;
  /** Set by PATCH/POST /v2/scope; undefined means the service's own (`[collect] scope_key`, …). */
  scopeKey?: string;
  fetcher?: string;
  collector?: string;
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

/**
 * Which scopes a reset (PUT /v2/scope) applies to: all, or some ids; both narrowed by the attributes. An
 * absent list is no condition; a list, even empty, must hold the value. The attributes are the scope's own
 * (PATCH/POST): a scope using the service's (stored as none) matches no attribute list, so the API, which
 * knows the service's, selects by ids.
 */
export interface ScopeSelector {
  scopeIds?: readonly string[];
  scopeKeys?: readonly string[];
  fetchers?: readonly string[];
  collectors?: readonly string[];
}

/** PATCH /v2/scope: the attributes to change (undefined: unchanged). */
export interface ScopePatch {
  active?: boolean;
  scopeKey?: string;
  fetcher?: string;
  collector?: string;
}

/** POST /v2/scope: a new scope state. */
export interface NewScopeState extends ScopePatch {
  scopeId: string;
  /** Start of the last processed period (CloudKitty's `last_processed_timestamp`). */
  lastProcessed: Date;
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
 * synchronous; the PostgreSQL one (shared by replicas) returns promises.
 */
export interface Storage {
  getScopeState(scopeId: string): MaybePromise<ScopeState | undefined>;
  /** Every scope the storage knows, by scope id. */
  listScopeStates(): MaybePromise<ScopeState[]>;
  /**
   * One transaction: stores the (scope, period) dataframe AND advances the scope to it (`lastProcessed`
   * = the period's start; state ok, failures reset). Rejects with `PeriodConflictError`, changing nothing,
   * when the period is already collected or does not follow the scope's last period (its start is not
   * `lastProcessed` + the period's length). Points added through the API at that period are kept, those
   * with the same key replaced.
   */
  commitPeriod(scopeId: string, frame: DataFrame): MaybePromise<void>;
  /** A failed attempt of the scope's next period: nothing stored, state failing, failures + 1. */
  recordFailure(scopeId: string, error: string, nextAttemptAt: Date): MaybePromise<void>;
  queryDataFrames(query: StoredDataFrameQuery): MaybePromise<StoredDataFrames>;
  /**
   * POST /v2/dataframes: stores the frames' points, each under the scope of its groupby's `scopeKey` label
   * (`''` without one). A point with the same (scope, period begin, rating type, groupby) as a stored one
   * replaces it, as in CloudKitty's storage. Scope states are not touched. Rejects with
   * `PeriodConflictError` (nothing stored) when a frame's period begins where a stored one of that scope
   * begins but ends elsewhere.
   */
  addDataFrames(frames: readonly DataFrame[], scopeKey: string): MaybePromise<void>;
  /** GET /v2/summary: the aggregation, in the storage (one query). */
  summarize(query: SummaryQuery): MaybePromise<SummaryResult>;
  /**
   * PUT /v2/scope: for each selected scope with a state, deletes its frames that begin at or after
   * `from` and sets `lastProcessed` to `lastProcessed` (the loop then collects again from
   * `lastProcessed + period`); failures are cleared. One transaction. Answers the scopes reset, as
   * they are now, by scope id. Active or not, a selected scope is reset.
   */
  resetScopes(selector: ScopeSelector, from: Date, lastProcessed: Date): MaybePromise<ScopeState[]>;
  /** PATCH /v2/scope: undefined when the scope has no state. `active` changing sets `activeToggledAt`. */
  updateScope(scopeId: string, patch: ScopePatch): MaybePromise<ScopeState | undefined>;
  /** POST /v2/scope: rejects with `ScopeExistsError` when the scope has a state already. */
  createScope(scope: NewScopeState): MaybePromise<ScopeState>;
  /** Stored (scope, period) dataframes, points or not; of one scope when given. */
  countDataFrames(scopeId?: string): MaybePromise<number>;
  /**
   * Whether the storage answers (/healthz): resolves when a `SELECT 1` does (PostgreSQL: within a short
   * timeout, 2 s by default), else rejects with a `StorageReadError` naming the storage's location.
   */
  ping(): MaybePromise<void>;
  close(): MaybePromise<void>;
}
