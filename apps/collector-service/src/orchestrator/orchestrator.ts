import type { BaseCollector, DataFrame } from '@kitty-collect/collector-base';
import { CollectError } from '@kitty-collect/collector-base';
import { collectPeriod } from './collect-period.js';
import { Limiter } from './limiter.js';
import { backoffSeconds, duePeriods, monthStart, type PeriodRules } from './periods.js';

/** What the loop needs from storage (the SQLite storage implements more). */
export interface OrchestratorStorage {
  getScopeState(
    scopeId: string,
  ): Promise<OrchestratorScopeState | undefined> | OrchestratorScopeState | undefined;
  commitPeriod(scopeId: string, frame: DataFrame): Promise<void> | void;
  recordFailure(scopeId: string, error: string, nextAttemptAt: Date): Promise<void> | void;
}

export interface OrchestratorScopeState {
  lastProcessed?: Date;
  failures: number;
  nextAttemptAt?: Date;
}

export interface OrchestratorMetrics {
  collectionSucceeded(durationSeconds: number, points: number, queries: number): void;
  collectionFailed(cause: string): void;
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
  /** Queries in flight across scopes and rating types. */
  concurrency: number;
  /** Where a scope never processed starts: a date, or undefined for the start of the current month. */
  firstPeriod?: Date;
  /** Do not collect periods ending after this (backfills, demos). */
  until?: Date;
  retryInitialSeconds: number;
  retryMaxSeconds: number;
  metrics?: OrchestratorMetrics;
  logger?: OrchestratorLogger;
  now?: () => Date;
  /** Called after each stored period (progress display). */
  onPeriod?: (event: PeriodEvent) => void;
}

export interface PeriodEvent {
  scopeId: string;
  start: Date;
  end: Date;
  outcome: 'stored' | 'failed';
  points: number;
  error?: string;
}

export interface RunSummary {
  scopes: number;
  periodsStored: number;
  periodsFailed: number;
  points: number;
  failedScopes: { scopeId: string; error: string }[];
}

/**
 * The collection loop: for each scope, every due period in order, every rating type; one DataFrame per
 * (scope, period) stored with the scope's new state in one transaction. A failing scope is backed off
 * and never holds up the others.
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
  async runOnce(signal?: AbortSignal): Promise<RunSummary> {
    const scopes = [...new Set(await this.#options.getScopes())];
    const summary: RunSummary = {
      scopes: scopes.length,
      periodsStored: 0,
      periodsFailed: 0,
      points: 0,
      failedScopes: [],
    };
    await Promise.all(scopes.map((scopeId) => this.#processScope(scopeId, summary, signal)));
    return summary;
  }

  /** Runs `runOnce` repeatedly until aborted, sleeping `pollSeconds` between passes. */
  async serve(signal: AbortSignal, pollSeconds: number): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.runOnce(signal);
      } catch (error) {
        if (signal.aborted) break;
        this.#options.logger?.error({ error: errorText(error) }, 'Collection pass failed');
      }
      await sleep(pollSeconds * 1000, signal);
    }
  }

  async #processScope(scopeId: string, summary: RunSummary, signal: AbortSignal | undefined): Promise<void> {
    const { storage, collector } = this.#options;
    const state = await storage.getScopeState(scopeId);
    const now = this.#now();
    if (state?.nextAttemptAt !== undefined && state.nextAttemptAt.getTime() > now.getTime()) return;
    let from = state?.lastProcessed ?? this.#options.firstPeriod ?? monthStart(now);
    let failures = state?.failures ?? 0;
    for (;;) {
      const [period] = duePeriods(from, this.#options, this.#now(), { until: this.#options.until, limit: 1 });
      if (period === undefined || signal?.aborted) return;
      const started = performance.now();
      try {
        const { frame, queries } = await collectPeriod(
          collector,
          { scopeId, ...period },
          this.#limiter,
          signal,
        );
        if (signal?.aborted) return; // abandon cleanly: nothing stored for this period
        await storage.commitPeriod(scopeId, frame);
        this.#options.metrics?.collectionSucceeded(
          (performance.now() - started) / 1000,
          frame.pointCount,
          queries,
        );
        summary.periodsStored += 1;
        summary.points += frame.pointCount;
        this.#options.onPeriod?.({ scopeId, ...period, outcome: 'stored', points: frame.pointCount });
        from = period.end;
        failures = 0;
      } catch (error) {
        if (signal?.aborted) return;
        failures += 1;
        const message = errorText(error);
        const delay = backoffSeconds(
          failures,
          this.#options.retryInitialSeconds,
          this.#options.retryMaxSeconds,
        );
        await storage.recordFailure(scopeId, message, new Date(this.#now().getTime() + delay * 1000));
        this.#options.metrics?.collectionFailed(error instanceof CollectError ? 'collect' : 'internal');
        this.#options.logger?.warn(
          {
            scopeId,
            begin: period.start.toISOString(),
            end: period.end.toISOString(),
            failures,
            retryInSeconds: delay,
          },
          `Collection failed, nothing stored for this period: ${message}`,
        );
        summary.periodsFailed += 1;
        summary.failedScopes.push({ scopeId, error: message });
        this.#options.onPeriod?.({ scopeId, ...period, outcome: 'failed', points: 0, error: message });
        return;
      }
    }
  }
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
