import type { Limiter } from '../../concurrency/limiter.js';

/** Options of `PrometheusCollectorBase.fetchAllBatched`. */
export interface BatchedFetchOptions {
  /**
   * Runs every query the call sends, one task per query: the batched query, or each scope's query when it
   * falls back. Pass the caller's limiter so that a fallback stays within the caller's bound (and to count
   * queries). Default: a limiter of {@link DEFAULT_FALLBACK_CONCURRENCY} for this call.
   */
  limiter?: Pick<Limiter, 'run'>;
  /**
   * Ask Prometheus for these scopes' series only (a set matcher on the scope label, `=~"a|b|…"`) instead
   * of every scope's: for callers that split many scopes into chunks, so that each chunk's answer — and
   * the memory it takes — is the chunk's alone. Every id makes the query longer (a GET URL: mind proxy
   * limits, e.g. Apache's 8 KB request line in front of Aetos). Default false.
   */
  matchScopes?: boolean;
}

/** Per-scope queries in flight when a batched call falls back and no limiter is given. */
export const DEFAULT_FALLBACK_CONCURRENCY = 4;
