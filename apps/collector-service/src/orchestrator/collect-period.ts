import {
  type BaseCollector,
  DataFrame,
  type DataPoint,
  NoDataCollected,
} from '@kitty-collect/collector-base';
import type { Limiter } from './limiter.js';

export interface PeriodRequest {
  scopeId: string;
  start: Date;
  end: Date;
}

export interface CollectedPeriod {
  frame: DataFrame;
  queries: number;
  /** Rating types that had no data (CloudKitty leaves them out of the frame). */
  empty: string[];
}

/** One rating type's points for a scope, under its display name (`alt_name` or the metric name). */
export interface RatingTypePoints {
  name: string;
  points: DataPoint[];
}

/**
 * One scope's usage over one period: every rating type, concurrently within `limiter`. Any failure
 * rejects the whole period, so a partial frame is never returned.
 */
export async function collectPeriod(
  collector: BaseCollector<unknown>,
  request: PeriodRequest,
  limiter: Limiter,
  signal?: AbortSignal,
): Promise<CollectedPeriod> {
  const keys = Object.keys(collector.conf);
  const results = await Promise.all(
    keys.map((key) =>
      limiter.run(async () => {
        signal?.throwIfAborted();
        try {
          return await collector.retrieve(key, request.start, request.end, request.scopeId);
        } catch (error) {
          if (error instanceof NoDataCollected) return { name: collector.displayName(key), points: [] };
          throw error;
        }
      }),
    ),
  );
  return { ...assembleFrame(request, results), queries: keys.length };
}

/** The period's frame from every rating type's points; those without points are left out, as CloudKitty. */
export function assembleFrame(
  period: { start: Date; end: Date },
  results: readonly RatingTypePoints[],
): Omit<CollectedPeriod, 'queries'> {
  const frame = new DataFrame({ start: period.start, end: period.end });
  const empty: string[] = [];
  for (const { name, points } of results) {
    if (points.length === 0) empty.push(name);
    else frame.addPoints(points, name);
  }
  return { frame, empty };
}
