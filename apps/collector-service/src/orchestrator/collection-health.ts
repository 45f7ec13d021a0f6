import type { PassResult, PeriodEvent } from './orchestrator.js';

/** A scope's stored state, to start from what earlier runs left (a restart during an outage). */
export interface ScopeHealthSeed {
  scopeId: string;
  state: 'ok' | 'failing';
  lastError?: string | undefined;
}

export interface CollectionHealthOptions {
  /**
   * `[collect] period`: no pass completed for more than two of them is unhealthy (a loop that hangs, or a
   * pass that never ends). Without it that rule is off, as before the option existed.
   */
  periodSeconds?: number;
  /** The clock; default the system's. */
  now?: () => Date;
}

/** /healthz's answer: `healthy` false → 503; `details` are shown next to the status (JSON). */
export interface CollectionHealthReport {
  healthy: boolean;
  details: Record<string, unknown>;
}

/**
 * Whether the collection loop gets anywhere, from what it reports, checked in this order:
 * - no pass completed (ok or not) for more than two periods, counted from the last one or, before the
 *   first, from this object's creation (the loop starts right after);
 * - the last pass failed as a whole (the scope fetch failed: Keystone down, credentials refused…);
 * - every scope of the last pass is failing: its last attempted period failed, whether in that pass or in
 *   an earlier one while it now waits for its backoff. A pass without any scope (none to rate, or all
 *   leased to other replicas) has nothing failing.
 * Healthy otherwise, before the first pass included.
 */
export class CollectionHealth {
  /** Failing scopes and their last error; a scope leaves once a period of it is stored. */
  readonly #failing = new Map<string, string>();
  readonly #now: () => Date;
  readonly #periodSeconds: number | undefined;
  #lastPass: PassResult | undefined;
  /**
   * When the last pass was reported (or when watching began), on this object's clock rather than the
   * pass's `at`: the orchestrator's clock may be a fake one (demos, backfills), this rule is about real
   * time.
   */
  #lastPassSeenAt: Date;

  constructor(seed: Iterable<ScopeHealthSeed> = [], options: CollectionHealthOptions = {}) {
    const { periodSeconds } = options;
    if (periodSeconds !== undefined && !(Number.isFinite(periodSeconds) && periodSeconds > 0))
      throw new RangeError(`periodSeconds must be a positive number of seconds, got ${periodSeconds}`);
    this.#periodSeconds = periodSeconds;
    this.#now = options.now ?? (() => new Date());
    this.#lastPassSeenAt = this.#now();
    for (const scope of seed) {
      if (scope.state === 'failing') this.#failing.set(scope.scopeId, scope.lastError ?? 'unknown error');
    }
  }

  /** The orchestrator's `onPeriod`. */
  period(event: PeriodEvent): void {
    if (event.outcome === 'failed') this.#failing.set(event.scopeId, event.error ?? 'unknown error');
    else this.#failing.delete(event.scopeId);
  }

  /** The orchestrator's `onPass`. */
  pass(result: PassResult): void {
    this.#lastPass = result;
    this.#lastPassSeenAt = this.#now();
  }

  report(): CollectionHealthReport {
    const pass = this.#lastPass;
    const failing = pass?.ok ? pass.scopeIds.filter((scopeId) => this.#failing.has(scopeId)) : [];
    const details = pass === undefined ? { lastPass: null } : passDetails(pass, failing.length);
    const reason = this.#staleReason() ?? (pass === undefined ? undefined : this.#passReason(pass, failing));
    return reason === undefined
      ? { healthy: true, details }
      : { healthy: false, details: { reason, ...details } };
  }

  #staleReason(): string | undefined {
    if (this.#periodSeconds === undefined) return undefined;
    const elapsedMs = this.#now().getTime() - this.#lastPassSeenAt.getTime();
    if (elapsedMs <= 2 * this.#periodSeconds * 1000) return undefined;
    // Rounded up: the reason says "more than", and so must its number.
    return `no collection pass completed for ${Math.ceil(elapsedMs / 1000)} s (more than two periods of ${this.#periodSeconds} s)`;
  }

  #passReason(pass: PassResult, failing: readonly string[]): string | undefined {
    if (!pass.ok) {
      const error = pass.error instanceof Error ? pass.error.message : String(pass.error);
      return `the last collection pass failed: ${error}`;
    }
    const [first] = failing;
    if (first === undefined || failing.length < pass.scopeIds.length) return undefined;
    const scopes = failing.length === 1 ? 'the only scope' : `all ${failing.length} scopes`;
    return `the last collection of ${scopes} failed; scope ${first}: ${this.#failing.get(first)}`;
  }
}

function passDetails(pass: PassResult, failingScopes: number): Record<string, unknown> {
  const at = pass.at.toISOString();
  if (!pass.ok) return { lastPass: { at, ok: false } };
  const { periodsStored, periodsFailed } = pass.summary;
  return {
    lastPass: { at, ok: true, scopes: pass.scopeIds.length, periodsStored, periodsFailed },
    failingScopes,
  };
}
