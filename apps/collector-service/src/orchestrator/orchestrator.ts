import type { BaseCollector, DataFrame } from '@kitty-collect/collector-base';
import { CollectError } from '@kitty-collect/collector-base';
import { type CollectedPeriod, collectPeriod } from './collect-period.js';
import { canBatch, collectPeriodBatched } from './collect-period-batched.js';
import { Limiter } from './limiter.js';
import { backoffSeconds, duePeriods, monthStart, type PeriodRules } from './periods.js';
import { type SkipDatapointsRules, skipDatapoints } from './skip-datapoints.js';

/** What the loop needs from storage (the SQLite storage implements more). */
export interface OrchestratorStorage {
  getScopeState(
    scopeId: string,
  ): Promise<OrchestratorScopeState | undefined> | OrchestratorScopeState | undefined;
  commitPeriod(scopeId: string, frame: DataFrame): Promise<void> | void;
  recordFailure(scopeId: string, error: string, nextAttemptAt: Date): Promise<void> | void;
}

export interface OrchestratorScopeState {
  /** Start of the last stored period (CloudKitty's `last_processed_timestamp`). */
  lastProcessed?: Date;
  /** CloudKitty's `active`: false skips the scope (PATCH /v2/scope). */
  active: boolean;
  failures: number;
  nextAttemptAt?: Date;
}

/**
 * How replicas sharing a storage split the scopes (PostgreSQL leases): which scopes this replica collects.
 * Without it, a single process collects every scope.
 */
export interface ScopeCoordination {
  /**
   * With every scope: renews what this replica holds and takes at most `newAtMost` more (free, or
   * expired), within its fair share; answers every scope it holds now. Called in rounds during a pass.
   */
  acquire(scopeIds: readonly string[], options: { newAtMost: number }): Promise<readonly string[]>;
  /** Whether the scope is still held (a renewal may have lost it): checked before each period. */
  holds(scopeId: string): boolean;
  /** A commit the storage refused because the scope's lease is gone: another replica collects it. */
  isLeaseLost(error: unknown): boolean;
}

export interface OrchestratorMetrics {
  collectionSucceeded(durationSeconds: number, points: number, queries: number): void;
  collectionFailed(cause: string): void;
  /** A storage call failed: `commit` (a period not stored), `record-failure`. */
  storageFailed?(operation: 'commit' | 'record-failure'): void;
}

export interface OrchestratorLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface OrchestratorOptions extends PeriodRules {
  collector: BaseCollector<unknown>;
  storage: OrchestratorStorage;
  /** Scopes to process (the scope fetcher's answer). */
  getScopes: () => Promise<string[]>;
  /** Replicas: only the scopes this one holds are collected (see `ScopeCoordination`). */
  coordination?: ScopeCoordination;
  /** With coordination: scopes taken at most per round of a pass. Default 200. */
  coordinationRound?: number;
  /** Queries in flight across scopes and rating types. */
  concurrency: number;
  /**
   * Collect scopes that are at the same period together: one batched query per rating type for all of
   * them (`fetchAllBatched`), then one frame per scope, instead of one query per scope and rating type.
   * A failed batch fails that period for all of them; a scope retrying a failure runs alone for that
   * pass. Needs a collector with `fetchAllBatched`; otherwise, and for a scope alone at its period, per
   * scope. Default false: the library keeps CloudKitty's per-scope queries unless asked (the service's
   * `[kitty_collect] batch` defaults to true).
   */
  batch?: boolean;
  /**
   * In batched mode, at most this many scopes per batch: more scopes at the same period are split into
   * batches of this size, each asking Prometheus for its own scopes' series only (a set matcher on the
   * scope label), so that memory follows the batch size, not the number of scopes. Default: no limit
   * (one batch, without a matcher).
   */
  batchSize?: number;
  /** Where a scope never processed starts: a date, or undefined for the start of the current month. */
  firstPeriod?: Date;
  /** Do not collect periods ending after this (backfills, demos). */
  until?: Date;
  retryInitialSeconds: number;
  retryMaxSeconds: number;
  /**
   * CloudKitty's `skip_datapoints_expression`: points it is true for are dropped just before a frame is
   * stored (and not counted); an expression that raises fails the period. Default: every point stored.
   */
  skipDatapoints?: SkipDatapointsRules;
  metrics?: OrchestratorMetrics;
  logger?: OrchestratorLogger;
  now?: () => Date;
  /** Called after each stored or failed period (progress display, health). */
  onPeriod?: (event: PeriodEvent) => void;
  /** Called by `serve` after each pass, whether it ran or failed (health). */
  onPass?: (result: PassResult) => void;
}

export interface RunOnceOptions {
  /**
   * Attempt every due period now, even of a scope still backing off after a failure (`serve --once`: cron
   * runs it, and a run after a failure must not report 0 periods because of a wait meant for the loop).
   * The backoff recorded after a new failure is unchanged; `serve` never sets this.
   */
  ignoreBackoff?: boolean;
}

/** One pass of `serve`: its summary and the scopes it was given, or why it could not run. */
export type PassResult =
  | { ok: true; at: Date; summary: RunSummary; scopeIds: readonly string[] }
  | { ok: false; at: Date; error: unknown };

export interface PeriodEvent {
  scopeId: string;
  start: Date;
  end: Date;
  outcome: 'stored' | 'failed';
  points: number;
  error?: string;
}

export interface RunSummary {
  /** Scopes this process collected in the pass (with replicas: those it held). */
  scopes: number;
  /** Scopes left to other replicas (held by them); 0 without coordination. */
  heldElsewhere: number;
  /** Periods collected but not stored because the scope's lease was lost meanwhile (another replica has it). */
  leasesLost: number;
  /** Scopes skipped because their state says `active = false`. */
  inactive: number;
  periodsStored: number;
  periodsFailed: number;
  points: number;
  /** Each failed period's scope, the error's message and the error itself (commands branch on its class). */
  failedScopes: FailedScope[];
}

export interface FailedScope {
  scopeId: string;
  error: string;
  cause: unknown;
}

const DEFAULT_COORDINATION_ROUND = 200;

/**
 * The collection loop: for each scope, every due period in order, every rating type; one DataFrame per
 * (scope, period) stored with the scope's new state in one transaction. A failing scope is backed off
 * and never holds up the others. In batched mode, scopes at the same period are queried together.
 */
export class Orchestrator {
  readonly #options: OrchestratorOptions;
  readonly #limiter: Limiter;
  readonly #now: () => Date;

  constructor(options: OrchestratorOptions) {
    this.#options = options;
    this.#limiter = new Limiter(options.concurrency);
    this.#now = options.now ?? (() => new Date());
  }

  /** Processes everything due now, then resolves. Abort to stop after the in-flight periods. */
  async runOnce(signal?: AbortSignal, options: RunOnceOptions = {}): Promise<RunSummary> {
    return (await this.#pass(signal, options)).summary;
  }

  /** Runs `runOnce` repeatedly until aborted, sleeping `pollSeconds` between passes. */
  async serve(signal: AbortSignal, pollSeconds: number): Promise<void> {
    while (!signal.aborted) {
      try {
        const { summary, scopeIds } = await this.#pass(signal, {});
        this.#options.onPass?.({ ok: true, at: this.#now(), summary, scopeIds });
      } catch (error) {
        if (signal.aborted) break;
        this.#options.logger?.error({ error: errorText(error) }, 'Collection pass failed');
        this.#options.onPass?.({ ok: false, at: this.#now(), error });
      }
      await sleep(pollSeconds * 1000, signal);
    }
  }

  async #pass(
    signal: AbortSignal | undefined,
    options: RunOnceOptions,
  ): Promise<{ summary: RunSummary; scopeIds: string[] }> {
    const all = [...new Set(await this.#options.getScopes())];
    const summary: RunSummary = {
      scopes: 0,
      heldElsewhere: 0,
      leasesLost: 0,
      inactive: 0,
      periodsStored: 0,
      periodsFailed: 0,
      points: 0,
      failedScopes: [],
    };
    const ignoreBackoff = options.ignoreBackoff === true;
    const { coordination } = this.#options;
    let scopes = all;
    if (coordination !== undefined) {
      // Rounds: replicas starting together share a backlog by taking a few scopes at a time, instead of
      // the first one taking everything before the others have said they exist.
      const round = this.#options.coordinationRound ?? DEFAULT_COORDINATION_ROUND;
      const done = new Set<string>();
      while (!signal?.aborted) {
        const held = await coordination.acquire(all, { newAtMost: round });
        const fresh = held.filter((scopeId) => !done.has(scopeId));
        if (fresh.length === 0) break;
        for (const scopeId of fresh) done.add(scopeId);
        // A replica's scopes are a part of all: its batches must ask for their own series only.
        await this.#collectScopes(fresh, summary, signal, ignoreBackoff, true);
      }
      scopes = [...done];
    } else {
      await this.#collectScopes(all, summary, signal, ignoreBackoff, false);
    }
    summary.scopes = scopes.length;
    summary.heldElsewhere = all.length - scopes.length;
    return { summary, scopeIds: scopes };
  }

  /** Every due period of these scopes (batched by start when asked), into the pass's summary. */
  async #collectScopes(
    scopes: readonly string[],
    summary: RunSummary,
    signal: AbortSignal | undefined,
    ignoreBackoff: boolean,
    partial: boolean,
  ): Promise<void> {
    const cursors = await Promise.all(scopes.map((scopeId) => this.#cursor(scopeId, ignoreBackoff)));
    summary.inactive += cursors.filter((cursor) => cursor === 'inactive').length;
    const ready = cursors.filter((cursor): cursor is ScopeCursor => typeof cursor === 'object');
    await Promise.all(
      this.#groups(ready, partial).map((group) => this.#processGroup(group, summary, signal)),
    );
  }

  /**
   * Where a scope resumes; `inactive` when its state says so (PATCH /v2/scope), `backing-off` while it
   * waits after a failure (unless `ignoreBackoff`). CloudKitty skips an inactive scope only when it has a
   * last processed timestamp, because its states always have one; here a state without one (a scope that
   * failed before its first period) is skipped too: `active = false` is the operator's word either way.
   * Reactivated, a scope resumes after its last stored period.
   */
  async #cursor(scopeId: string, ignoreBackoff: boolean): Promise<ScopeCursor | 'inactive' | 'backing-off'> {
    const state = await this.#options.storage.getScopeState(scopeId);
    if (state?.active === false) return 'inactive';
    const now = this.#now();
    const backingOff = state?.nextAttemptAt !== undefined && state.nextAttemptAt.getTime() > now.getTime();
    if (backingOff && !ignoreBackoff) return 'backing-off';
    // CloudKitty's state is the start of the last stored period: the next one follows it.
    const from =
      state?.lastProcessed === undefined
        ? (this.#options.firstPeriod ?? monthStart(now))
        : new Date(state.lastProcessed.getTime() + this.#options.period * 1000);
    return { scopeId, from, failures: state?.failures ?? 0 };
  }

  /**
   * Scopes processed together. In batched mode, those resuming at the same period (they then advance
   * together, so they stay together), in batches of at most `batchSize` — except a scope whose last
   * attempt failed: it runs alone for this pass, because its own data may be what broke the batched query
   * (e.g. a suffix matching duplicate series), and in a batch it would keep failing the others with it.
   * Otherwise each scope alone.
   */
  #groups(cursors: ScopeCursor[], partial: boolean): ScopeGroup[] {
    const alone = (cursor: ScopeCursor): ScopeGroup => ({ members: [cursor], matchScopes: false });
    if (!this.#options.batch || !canBatch(this.#options.collector)) return cursors.map(alone);
    const failing: ScopeGroup[] = [];
    const byStart = new Map<number, ScopeCursor[]>();
    for (const cursor of cursors) {
      const group = byStart.get(cursor.from.getTime());
      if (cursor.failures > 0) failing.push(alone(cursor));
      else if (group === undefined) byStart.set(cursor.from.getTime(), [cursor]);
      else group.push(cursor);
    }
    const size = this.#options.batchSize ?? Number.POSITIVE_INFINITY;
    const batches: ScopeGroup[] = [];
    for (const group of byStart.values()) {
      // Without a matcher a batched query reads every scope's series: right only when the group is all
      // the scopes there are (not a replica's share, not one batch of several).
      if (group.length <= size) batches.push({ members: group, matchScopes: partial });
      else
        for (let at = 0; at < group.length; at += size)
          batches.push({ members: group.slice(at, at + size), matchScopes: true });
    }
    return [...batches, ...failing];
  }

  /** Every due period of a group of scopes at the same period, in order; a scope that fails leaves it. */
  async #processGroup(
    { members, matchScopes }: ScopeGroup,
    summary: RunSummary,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const { coordination } = this.#options;
    let group = members;
    for (let first = group[0]; first !== undefined; first = group[0]) {
      // A scope whose lease was lost meanwhile is another replica's now.
      if (coordination !== undefined) {
        group = group.filter((cursor) => coordination.holds(cursor.scopeId));
        first = group[0];
        if (first === undefined) return;
      }
      const [period] = duePeriods(first.from, this.#options, this.#now(), {
        until: this.#options.until,
        limit: 1,
      });
      if (period === undefined || signal?.aborted) return;
      const started = performance.now();
      let collected: Map<string, CollectedPeriod>;
      try {
        collected = await this.#collect(group, period, matchScopes, signal);
      } catch (error) {
        if (signal?.aborted) return;
        // A batched query stands for every scope of the group: its failure is theirs.
        const at = this.#now();
        for (const cursor of group) await this.#failed(cursor, period, error, summary, at);
        return;
      }
      const stored: ScopeCursor[] = [];
      for (const cursor of group) {
        const result = collected.get(cursor.scopeId);
        if (signal?.aborted || result === undefined) return; // abandon cleanly: nothing stored for this period
        let frame: DataFrame;
        let committing = false;
        try {
          frame = skipDatapoints(result.frame, this.#options.skipDatapoints);
          committing = true;
          await this.#options.storage.commitPeriod(cursor.scopeId, frame);
        } catch (error) {
          if (signal?.aborted) return;
          const leaseLost = coordination?.isLeaseLost(error) === true;
          if (committing && !leaseLost) this.#options.metrics?.storageFailed?.('commit');
          if (leaseLost) {
            // Not a failure: nothing is recorded on a scope another replica owns now.
            summary.leasesLost += 1;
            this.#options.logger?.info(
              { scopeId: cursor.scopeId, begin: period.start.toISOString() },
              'Lease lost: the period is left to the replica that holds the scope now',
            );
            continue;
          }
          await this.#failed(cursor, period, error, summary, this.#now());
          continue;
        }
        const points = frame.pointCount;
        const seconds = (performance.now() - started) / 1000;
        this.#options.metrics?.collectionSucceeded(seconds, points, result.queries);
        summary.periodsStored += 1;
        summary.points += points;
        this.#options.onPeriod?.({ scopeId: cursor.scopeId, ...period, outcome: 'stored', points });
        cursor.from = period.end;
        cursor.failures = 0;
        stored.push(cursor);
      }
      group = stored;
    }
  }

  /** One period of the group: batched when several scopes share it, per scope otherwise. */
  async #collect(
    group: readonly ScopeCursor[],
    period: { start: Date; end: Date },
    matchScopes: boolean,
    signal: AbortSignal | undefined,
  ): Promise<Map<string, CollectedPeriod>> {
    const { collector } = this.#options;
    if (group.length > 1 && canBatch(collector)) {
      const scopeIds = group.map((cursor) => cursor.scopeId);
      return collectPeriodBatched(collector, { scopeIds, ...period, matchScopes }, this.#limiter, signal);
    }
    // #groups only puts several scopes together for a collector that batches: this is a scope alone.
    const collected = new Map<string, CollectedPeriod>();
    for (const { scopeId } of group) {
      collected.set(scopeId, await collectPeriod(collector, { scopeId, ...period }, this.#limiter, signal));
    }
    return collected;
  }

  /**
   * A failed period for one scope: recorded with its backoff; the scope waits for a later pass. When even
   * that record cannot be written (a full disk), the failure is still counted and reported, with its own
   * error: the scope's stored state simply stays as it was.
   */
  async #failed(
    cursor: ScopeCursor,
    period: { start: Date; end: Date },
    error: unknown,
    summary: RunSummary,
    at: Date,
  ): Promise<void> {
    const { scopeId } = cursor;
    cursor.failures += 1;
    const message = errorText(error);
    const delay = backoffSeconds(
      cursor.failures,
      this.#options.retryInitialSeconds,
      this.#options.retryMaxSeconds,
    );
    try {
      await this.#options.storage.recordFailure(scopeId, message, new Date(at.getTime() + delay * 1000));
    } catch (recordError) {
      this.#options.metrics?.storageFailed?.('record-failure');
      this.#options.logger?.warn(
        { scopeId, error: errorText(recordError) },
        'Could not record the failure in the storage either',
      );
    }
    this.#options.metrics?.collectionFailed(error instanceof CollectError ? 'collect' : 'internal');
    this.#options.logger?.warn(
      {
        scopeId,
        begin: period.start.toISOString(),
        end: period.end.toISOString(),
        failures: cursor.failures,
        retryInSeconds: delay,
      },
      `Collection failed, nothing stored for this period: ${message}`,
    );
    summary.periodsFailed += 1;
    summary.failedScopes.push({ scopeId, error: message, cause: error });
    this.#options.onPeriod?.({ scopeId, ...period, outcome: 'failed', points: 0, error: message });
  }
}

/** Scopes collected together; `matchScopes` when they are one batch of several at their period. */
interface ScopeGroup {
  members: ScopeCursor[];
  matchScopes: boolean;
}

/** A scope's position in this pass: the start of its next period and its consecutive failures. */
interface ScopeCursor {
  scopeId: string;
  from: Date;
  failures: number;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
