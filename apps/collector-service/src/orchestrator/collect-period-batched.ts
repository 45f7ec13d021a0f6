import type { BaseCollector, DataPoint } from '@kitty-collect/collector-base';
import type { BatchedFetchOptions } from '@kitty-collect/collectors';
import { assembleFrame, type CollectedPeriod } from './collect-period.js';
import type { Limiter } from './limiter.js';

/** A collector that can collect several scopes with one query per rating type (the Prometheus collectors). */
export interface BatchingCollector extends BaseCollector<unknown> {
  fetchAllBatched(
    metricKey: string,
    start: Date,
    end: Date,
    scopeIds: readonly string[],
    options?: BatchedFetchOptions,
  ): Promise<Map<string, DataPoint[]>>;
}

export function canBatch(collector: BaseCollector<unknown>): collector is BatchingCollector {
  return typeof (collector as Partial<BatchingCollector>).fetchAllBatched === 'function';
}

export interface BatchedPeriodRequest {
  scopeIds: readonly string[];
  start: Date;
  end: Date;
  /** Ask for these scopes' series only (see `BatchedFetchOptions.matchScopes`). */
  matchScopes?: boolean;
}

/**
 * Several scopes' usage over one period: one batched call per rating type, concurrently within `limiter`,
 * then one frame per scope, assembled as `collectPeriod` does. Any failure rejects the period for every
 * scope (a batched query stands for all of them), so a partial frame is never returned.
 */
export async function collectPeriodBatched(
  collector: BatchingCollector,
  request: BatchedPeriodRequest,
  limiter: Limiter,
  signal?: AbortSignal,
): Promise<Map<string, CollectedPeriod>> {
  const keys = Object.keys(collector.conf);
  let queries = 0;
  // Every query of a batched call runs as one task of the shared limiter: this bounds the per-scope
  // queries of a fallback as well, stops queued queries on abort, and counts what was really sent.
  const counted = {
    run<T>(task: () => Promise<T>): Promise<T> {
      return limiter.run(() => {
        signal?.throwIfAborted();
        queries += 1;
        return task();
      });
    },
  };
  const byKey = await Promise.all(
    keys.map((key) =>
      collector.fetchAllBatched(key, request.start, request.end, request.scopeIds, {
        limiter: counted,
        matchScopes: request.matchScopes === true,
      }),
    ),
  );
  const periods = new Map<string, CollectedPeriod>();
  request.scopeIds.forEach((scopeId, index) => {
    const results = keys.map((key, k) => ({
      name: collector.displayName(key),
      points: byKey[k]?.get(scopeId) ?? [],
    }));
    periods.set(scopeId, {
      ...assembleFrame(request, results),
      queries: shareOf(queries, request.scopeIds.length, index),
    });
  });
  return periods;
}

/** The `index`-th of `parts` near-equal whole shares of `total` (they add up to `total`), for per-scope metrics. */
function shareOf(total: number, parts: number, index: number): number {
  return Math.floor(total / parts) + (index < total % parts ? 1 : 0);
}
