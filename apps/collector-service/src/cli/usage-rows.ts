import { type DataFrameJSON, Decimal } from '@kitty-collect/collector-base';

export interface UsageRow {
  scope: string;
  type: string;
  unit: string;
  periods: number;
  points: number;
  qty: Decimal;
}

/** Usage per scope and rating type over a set of dataframes: periods with data, points and total quantity. */
export function usageRows(frames: readonly DataFrameJSON[], scopeKey: string): UsageRow[] {
  const rows = new Map<string, UsageRow & { seen: Set<string> }>();
  for (const frame of frames) {
    for (const [type, points] of Object.entries(frame.usage)) {
      for (const point of points) {
        const scope = point.groupby[scopeKey] ?? '';
        const key = `${scope}\u0000${type}`;
        let row = rows.get(key);
        if (row === undefined) {
          row = {
            scope,
            type,
            unit: point.vol.unit,
            periods: 0,
            points: 0,
            qty: new Decimal(0),
            seen: new Set(),
          };
          rows.set(key, row);
        }
        if (!row.seen.has(frame.period.begin)) {
          row.seen.add(frame.period.begin);
          row.periods += 1;
        }
        row.points += 1;
        row.qty = row.qty.plus(point.vol.qty);
      }
    }
  }
  return [...rows.values()]
    .map(({ seen: _seen, ...row }) => row)
    .sort((a, b) => a.scope.localeCompare(b.scope) || a.type.localeCompare(b.type));
}

export function usageTable(rows: readonly UsageRow[]): { header: string[]; rows: string[][] } {
  return {
    header: ['scope', 'rating type', 'unit', 'periods', 'points', 'total qty'],
    rows: rows.map((row) => [
      row.scope,
      row.type,
      row.unit,
      String(row.periods),
      String(row.points),
      row.qty.toString(),
    ]),
  };
}
