import {
  type BaseCollector,
  DataFrame,
  type DataPoint,
  evaluateSkipExpression,
  type SkipExpression,
} from '@kitty-collect/collector-base';

/** Which points CloudKitty's `skip_datapoints_expression` drops from a frame before it is stored. */
export interface SkipDatapointsRules {
  /** By the frame's rating type name: the display name (`alt_name`, else the metric name). */
  byRatingType: ReadonlyMap<string, SkipExpression>;
  /** For a rating type without its own: `[orchestrator] skip_datapoints_expression` (default `False`). */
  fallback: SkipExpression;
}

/**
 * The rules of a collector's rating types, keyed as its frames are. Rating types sharing a display name
 * share its expression (the strict validation of metrics.yml makes them agree).
 */
export function skipDatapointsRules(
  collector: Pick<BaseCollector<unknown>, 'conf' | 'displayName'>,
  fallback: SkipExpression,
): SkipDatapointsRules {
  const byRatingType = new Map<string, SkipExpression>();
  for (const [key, ratingType] of Object.entries(collector.conf)) {
    const name = collector.displayName(key);
    const expression = ratingType.skip_datapoints_expression;
    if (expression !== undefined && !byRatingType.has(name)) byRatingType.set(name, expression);
  }
  return { byRatingType, fallback };
}

/**
 * `frame` without the points whose rating type's expression is true for them; a rating type left with no
 * point is left out, as CloudKitty deletes its key. The frame itself when nothing is dropped (or without
 * rules). An expression that raises on a point throws its SkipExpressionEvaluationError, naming the rating
 * type: the period fails, as CloudKitty's worker does when `eval` raises.
 */
export function skipDatapoints(frame: DataFrame, rules: SkipDatapointsRules | undefined): DataFrame {
  if (rules === undefined) return frame;
  let dropped = false;
  const usage: [string, DataPoint[]][] = [];
  for (const type of frame.types) {
    const expression = rules.byRatingType.get(type) ?? rules.fallback;
    const points = frame.getPoints(type);
    const kept = points.filter((point) => !evaluateSkipExpression(expression, point, { ratingType: type }));
    if (kept.length < points.length) dropped = true;
    if (kept.length > 0) usage.push([type, kept]);
  }
  return dropped ? new DataFrame({ start: frame.start, end: frame.end, usage }) : frame;
}
