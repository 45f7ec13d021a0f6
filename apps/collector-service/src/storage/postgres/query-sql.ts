import { retrieveSelection } from '../shared/point-selection.js';
import type { StoredDataFrameQuery } from '../storage.js';
import { Bindings } from './bindings.js';
import { BINARY, epochMs } from './columns.js';
import { selectPoints } from './point-selection.js';

export interface Statement {
  text: string;
  values: unknown[];
}

/**
 * The total and the page of a retrieve, as `PointRow`s (instants in ms, decimals and labels as text).
 * Order: period, then scope (binary, as SQLite), then the order points were stored in.
 */
export function buildQuerySql(query: StoredDataFrameQuery): { count: Statement; page: Statement } {
  const selection = retrieveSelection(query);
  const counted = new Bindings();
  const count = `SELECT count(*)::float8 AS total ${selectPoints(selection, counted)}`;
  const paged = new Bindings();
  const from = selectPoints(selection, paged);
  // LIMIT NULL is no limit: one text serves both.
  const page = `SELECT ${epochMs('d.begin')} AS begin, ${epochMs('d."end"')} AS "end", p.type, p.unit,
      p.qty::text AS qty, p.price::text AS price, p.groupby::text AS groupby, p.metadata::text AS metadata
    ${from}
    ORDER BY d.begin, d."end", d.scope_id ${BINARY}, p.id
    LIMIT ${paged.bind(query.limit ?? null, 'bigint')} OFFSET ${paged.bind(query.offset ?? 0, 'bigint')}`;
  return { count: { text: count, values: counted.values }, page: { text: page, values: paged.values } };
}
