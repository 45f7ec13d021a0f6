import type { PassResult, PeriodEvent } from './orchestrator.js';

/** A scope's stored state, to start from what earlier runs left (a restart during an outage). */
export interface ScopeHealthSeed {
  scopeId: string;
  state: 'ok' | 'failing';
  lastError?: string | undefined;
}

/** /healthz's answer: `healthy` false → 503; `details` are shown next to the status (JSON). */
export interface CollectionHealthReport {
  healthy: boolean;
  details: Record<string, unknown>;
}

/**
 * Whether the collection loop gets anywhere, from what it reports: unhealthy when its last pass failed
 * as a whole (the scope fetch failed: Keystone down, credentials refused…), or when every scope of the
 * last pass is failing — its last attempted period failed, whether in that pass or in an earlier one
 * while it now waits for its backoff. Healthy otherwise, before the first pass included.
 */
export class CollectionHealth {
  /** Failing scopes and their last error; a scope leaves once a period of it is stored. */
  readonly #failing = new Map<string, string>();
  #lastPass: PassResult | undefined;

  constructor(seed: Iterable<ScopeHealthSeed> = []) {
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
  }

  report(): CollectionHealthReport {
    const pass = this.#lastPass;
    if (pass === undefined) return { healthy: true, details: { lastPass: null } };
    const at = pass.at.toISOString();
    if (!pass.ok) {
      const error = pass.error instanceof Error ? pass.error.message : String(pass.error);
      return {
        healthy: false,
        details: { reason: `the last collection pass failed: ${error}`, lastPass: { at, ok: false } },
      };
    }
    const failing = pass.scopeIds.filter((scopeId) => this.#failing.has(scopeId));
    const details = {
      lastPass: {
        at,
        ok: true,
        scopes: pass.scopeIds.length,
        periodsStored: pass.summary.periodsStored,
        periodsFailed: pass.summary.periodsFailed,
      },
      failingScopes: failing.length,
    };
    const [first] = failing;
    if (first === undefined || failing.length < pass.scopeIds.length) return { healthy: true, details };
    const scopes = failing.length === 1 ? 'the only scope' : `all ${failing.length} scopes`;
    return {
      healthy: false,
      details: {
        reason: `the last collection of ${scopes} failed; scope ${first}: ${this.#failing.get(first)}`,
        ...details,
      },
    };
  }
}
