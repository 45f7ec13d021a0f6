import type { DataFrame } from '@kitty-collect/collector-base';
import { PeriodConflictError } from '../errors/period-conflict-error.js';
import { StorageError } from '../errors/storage-error.js';
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
    throw new PeriodConflictError(
      frame.scopeId,
      new Date(frame.begin),
      'overlapping',
      `a stored period of this scope begins there and ends at ${new Date(stored.end).toISOString()}`,
    );
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
    if (!point.qty.isFinite() || !point.price.isFinite()) {
      throw new StorageError(`Point of ${type} has a non-finite quantity or price (${point.qty})`);
    }
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

/** The identity of a point within its period: its rating type and its groupby, labels in name order. */
function pointKey(type: string, groupby: Readonly<Record<string, string>>): string {
  return JSON.stringify([type, Object.entries(groupby).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}
