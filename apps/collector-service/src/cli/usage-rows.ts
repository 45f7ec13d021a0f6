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

/**
 * The rows as table cells, and the footnote that says what the quantity is: per-period quantities added
 * up (a 1-core instance over 60 hourly periods shows 60 core, i.e. core-hours), each point rounded first.
 */
export function usageTable(
  rows: readonly UsageRow[],
  period: number,
): { header: string[]; rows: string[][]; footnote: string } {
  return {
    header: ['scope', 'rating type', 'unit', 'periods', 'points', `qty (sum over periods of ${period} s)`],
    footnote: `qty adds up each period's quantity, so it is in unit × periods of ${period} s; each point is rounded to 9 significant digits, as CloudKitty stores it, before the sum`,
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
