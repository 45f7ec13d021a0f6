import type { SummaryQuery } from '../summary-query.js';
import { maxText, minText, sumText } from './decimal-text.js';

/** A stored point as the reference sees it: its period in ms, its decimals as text. */
export interface ReferencePoint {
  begin: number;
  end: number;
  type: string;
  qty: string;
  price: string;
  groupby: Record<string, string>;
  metadata: Record<string, string>;
}

export interface ReferenceRow {
  bucket: number | undefined;
  values: (string | number)[];
  groups: (string | null)[];
}

/**
 * GET /v2/summary computed point by point in plain JS, the oracle of the SQL one: the same selection,
 * grouping, order and aggregates (AVG left out: its division is the storage's decimal library's).
 */
export function referenceSummary(
  points: readonly ReferencePoint[],
  query: SummaryQuery,
): { total: number; rows: ReferenceRow[] } {
  const periodMs = query.periodSeconds * 1000;
  const selected = points.filter(
    (point) =>
      point.begin >= query.begin.getTime() &&
      point.end <= query.end.getTime() &&
      (query.types === undefined || query.types.includes(point.type)) &&
      Object.entries(query.filters).every(([key, values]) =>
        values.some((value) => own(point.groupby, key) === value || own(point.metadata, key) === value),
      ),
  );
  const groups = new Map<string, { row: Omit<ReferenceRow, 'values'>; points: ReferencePoint[] }>();
  for (const point of selected) {
    const row = {
      bucket: query.groupby.some((entry) => entry.kind === 'time')
        ? point.begin - (point.begin % periodMs)
        : undefined,
      groups: query.groupby.flatMap((entry) =>
        entry.kind === 'time'
          ? []
          : [
              entry.kind === 'type'
                ? point.type
                : (own(point.groupby, entry.key) ?? own(point.metadata, entry.key)),
            ],
      ),
    };
    const key = JSON.stringify(row);
    const group = groups.get(key) ?? { row, points: [] };
    group.points.push(point);
    groups.set(key, group);
  }
  const rows = [...groups.values()]
    .map(({ row, points: members }) => ({
      ...row,
      values: query.fields.map((field) =>
        aggregate(
          field.fn,
          members.map((point) => point[field.column]),
        ),
      ),
    }))
    .sort(compareRows);
  const offset = query.offset ?? 0;
  return {
    total: rows.length,
    rows: rows.slice(offset, query.limit === undefined ? undefined : offset + query.limit),
  };
}

function own(labels: Record<string, string>, key: string): string | null {
  return Object.hasOwn(labels, key) ? (labels[key] ?? null) : null;
}

function aggregate(fn: string, values: string[]): string | number {
  if (fn === 'SUM') return sumText(values);
  if (fn === 'MIN') return minText(values);
  if (fn === 'MAX') return maxText(values);
  if (fn === 'COUNT') return values.length;
  throw new RangeError(`the reference does not compute ${fn}`);
}

/** The groupby values in request order, null first, then the bucket (ASCII labels: JS order is SQLite's). */
function compareRows(left: ReferenceRow, right: ReferenceRow): number {
  for (let index = 0; index < left.groups.length; index += 1) {
    const [a, b] = [left.groups[index] ?? null, right.groups[index] ?? null];
    if (a === b) continue;
    if (a === null) return -1;
    if (b === null) return 1;
    return a < b ? -1 : 1;
  }
  return (left.bucket ?? 0) - (right.bucket ?? 0);
}
