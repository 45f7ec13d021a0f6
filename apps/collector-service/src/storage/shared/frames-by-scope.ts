import { DataFrame } from '@kitty-collect/collector-base';

/**
 * POST /v2/dataframes: a frame's points regrouped under the scope of their `scopeKey` label (`''`
 * without one), one frame of the same period per scope, points in their order.
 */
export function framesByScope(frame: DataFrame, scopeKey: string): Map<string, DataFrame> {
  const byScope = new Map<string, DataFrame>();
  for (const [type, point] of frame.iterPoints()) {
    const scopeId = Object.hasOwn(point.groupby, scopeKey) ? (point.groupby[scopeKey] ?? '') : '';
    let scopeFrame = byScope.get(scopeId);
    if (scopeFrame === undefined) {
      scopeFrame = new DataFrame({ start: frame.start, end: frame.end });
      byScope.set(scopeId, scopeFrame);
    }
    scopeFrame.addPoint(point, type);
  }
  return byScope;
}
