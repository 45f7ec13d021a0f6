import { retrieveSelection } from '../shared/point-selection.js';
import type { StoredDataFrameQuery } from '../storage.js';
import { type SelectionParameters, selectPoints } from './point-selection.js';

/** Named parameters of the query statements (better-sqlite3 binds `@name`). */
export interface QueryParameters extends SelectionParameters {
  limit?: number;
  offset?: number;
}

export interface QuerySql {
  /** Same text for the same shape of query, so the prepared statement can be reused. */
  count: string;
  page: string;
  parameters: QueryParameters;
}

/**
 * The points of a retrieve (see `selectPoints`: one value per filter here). Order: period, then scope,
 * then the order points were stored in.
 */
export function buildQuerySql(query: StoredDataFrameQuery): QuerySql {
  const { from, parameters } = selectPoints(retrieveSelection(query));
  return {
    count: `SELECT count(*) AS total ${from}`,
    page: `SELECT d.begin, d.end, p.type, p.unit, p.qty, p.price, p.groupby, p.metadata
    ${from}
    ORDER BY d.begin, d.end, d.scope_id, p.id
    LIMIT @limit OFFSET @offset`,
    // LIMIT -1 is SQLite's "no limit"; binding it keeps one statement for both cases.
    parameters: { ...parameters, limit: query.limit ?? -1, offset: query.offset ?? 0 },
  };
}
