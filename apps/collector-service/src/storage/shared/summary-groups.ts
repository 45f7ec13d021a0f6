import type { SummaryQuery } from '../summary-query.js';

/** How a backend writes a point's group value: its rating type, and a label key's value in column `g<index>`. */
export interface GroupValueSql {
  type: string;
  label: (key: string, index: number) => string;
}

export interface SummaryGroups {
  /** `<value> AS g0`, … : one per groupby entry but `time`, in request order. */
  selected: string[];
  /** What the statement groups by: `g0`, … then `bucket` when `time` is in the groupby. */
  keys: string[];
  byTime: boolean;
}

/**
 * The group columns of a summary statement, alike on both backends: the groupby values in request order
 * (the order of the answer's groups), then the time bucket.
 */
export function summaryGroups(query: SummaryQuery, sql: GroupValueSql): SummaryGroups {
  const selected: string[] = [];
  for (const entry of query.groupby) {
    if (entry.kind === 'time') continue;
    const index = selected.length;
    selected.push(`${entry.kind === 'type' ? sql.type : sql.label(entry.key, index)} AS g${index}`);
  }
  const columns = selected.map((_, index) => `g${index}`);
  const byTime = query.groupby.some((entry) => entry.kind === 'time');
  return { selected, keys: byTime ? [...columns, 'bucket'] : columns, byTime };
}
