import type { DataFrame } from '@kitty-collect/collector-base';
import { overlappingPeriod } from '../shared/period-rules.js';
import { checkFinite, pointKey } from '../shared/point-rules.js';
import type { FrameParameters, Statements } from './statements.js';

/**
 * Stores a frame's points in the scope's dataframe at the frame's period, creating it when missing. A point
 * with the key of a stored one (rating type and groupby, whatever the order of the groupby's labels)
 * replaces it, as CloudKitty's storage backends overwrite a point with the same tags and time; points of
 * the frame itself never replace each other. Call it inside a transaction.
 */
export function writePoints(statements: Statements, frame: FrameParameters, points: DataFrame): void {
  const stored = statements.selectFrameAt.get(frame.scopeId, frame.begin);
  if (stored !== undefined && stored.end !== frame.end) {
    throw overlappingPeriod(frame.scopeId, new Date(frame.begin), stored.end);
  }
  const dataframeId = stored?.id ?? statements.insertFrame.run(frame).lastInsertRowid;
  const existing = new Map<string, number[]>();
  if (stored !== undefined) {
    for (const row of statements.selectPointKeys.iterate(stored.id)) {
      const key = pointKey(row.type, JSON.parse(row.groupby) as Record<string, string>);
      existing.set(key, [...(existing.get(key) ?? []), row.id]);
    }
  }
  for (const [type, point] of points.iterPoints()) {
    checkFinite(type, point);
    // Points stored before this write with the key are replaced; the frame's own points all stay (a
    // collected frame may hold several points with one groupby, e.g. series differing by metadata).
    const key = pointKey(type, point.groupby);
    for (const id of existing.get(key) ?? []) statements.deletePoint.run(id);
    existing.delete(key);
    statements.insertPoint.run({
      dataframeId,
      type,
      unit: point.unit,
      qty: point.qty.toString(),
      price: point.price.toString(),
      groupby: JSON.stringify(point.groupby),
      metadata: JSON.stringify(point.metadata),
    });
  }
}
