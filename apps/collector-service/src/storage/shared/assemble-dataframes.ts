import { type DataFrameJSON, type DataPointJSON, isoformatUtc } from '@kitty-collect/collector-base';
import { type PointRow, toDataPointJSON } from './point-row.js';

interface PeriodUsage {
  begin: number;
  end: number;
  /** A Map, not an object: a rating type may be named anything, `__proto__` included. */
  usage: Map<string, DataPointJSON[]>;
}

/**
 * Groups a page of points (ordered by period) into one dataframe per period, as CloudKitty's v2 storage
 * backends build them: every scope's points of a period together, rating types in order of appearance.
 */
export function assembleDataFrames(rows: Iterable<PointRow>): DataFrameJSON[] {
  const periods = new Map<string, PeriodUsage>();
  for (const row of rows) {
    const key = `${row.begin}/${row.end}`;
    let period = periods.get(key);
    if (period === undefined) {
      period = { begin: row.begin, end: row.end, usage: new Map() };
      periods.set(key, period);
    }
    const points = period.usage.get(row.type);
    const point = toDataPointJSON(row);
    if (points === undefined) period.usage.set(row.type, [point]);
    else points.push(point);
  }
  return [...periods.values()].map((period) => ({
    period: { begin: isoformatUtc(new Date(period.begin)), end: isoformatUtc(new Date(period.end)) },
    usage: Object.fromEntries(period.usage),
  }));
}
