import type { Limiter } from '../concurrency/limiter.js';

/** Options of `PrometheusCollectorBase.fetchAllBatched`. */
export interface BatchedFetchOptions {
  /**
   * Runs every query the call sends, one task per query: the batched query, or each scope's query when it
   * falls back. Pass the caller's limiter so that a fallback stays within the caller's bound (and to count
   * queries). Default: a limiter of {@link DEFAULT_FALLBACK_CONCURRENCY} for this call.
   */
  limiter?: Pick<Limiter, 'run'>;
}

/** Per-scope queries in flight when a batched call falls back and no limiter is given. */
export const DEFAULT_FALLBACK_CONCURRENCY = 4;
