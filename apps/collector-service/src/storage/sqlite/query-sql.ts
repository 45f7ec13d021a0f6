import type { StoredDataFrameQuery } from '../storage.js';

/** Named parameters of the query statements (better-sqlite3 binds `@name`). */
export interface QueryParameters {
  begin?: number;
  end?: number;
  scopeIds?: string;
  types?: string;
  filters?: string;
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
 * Every filter must match; one matches a point whose groupby OR metadata has that key with that value
 * (CloudKitty's v2 storage: Elasticsearch/OpenSearch `should` over `groupby.k` and `metadata.k` with
 * minimum_should_match = number of filters). Filters, scope ids and types are bound as one JSON text each
 * (json_each) so the SQL does not depend on how many there are, and any key is matched literally (no JSON
 * path to escape).
 */
const FILTERS_MATCH = `NOT EXISTS (
      SELECT 1 FROM json_each(@filters) AS f
      WHERE NOT EXISTS (SELECT 1 FROM json_each(p.groupby) AS g WHERE g.key = f.key AND g.value = f.value)
        AND NOT EXISTS (SELECT 1 FROM json_each(p.metadata) AS m WHERE m.key = f.key AND m.value = f.value)
    )`;

/**
 * A period is selected when it lies within [begin, end] (CloudKitty's Elasticsearch/OpenSearch backends:
 * start >= begin and end <= end). Order: period, then scope, then the order points were stored in.
 */
export function buildQuerySql(query: StoredDataFrameQuery): QuerySql {
  const conditions: string[] = [];
  const parameters: QueryParameters = {};
  if (query.begin !== undefined) {
    conditions.push('d.begin >= @begin');
    parameters.begin = query.begin.getTime();
  }
  if (query.end !== undefined) {
    conditions.push('d.end <= @end');
    parameters.end = query.end.getTime();
  }
  if (query.scopeIds !== undefined) {
    conditions.push('d.scope_id IN (SELECT value FROM json_each(@scopeIds))');
    parameters.scopeIds = JSON.stringify(query.scopeIds);
  }
  if (query.types !== undefined) {
    conditions.push('p.type IN (SELECT value FROM json_each(@types))');
    parameters.types = JSON.stringify(query.types);
  }
  if (query.filters !== undefined && Object.keys(query.filters).length > 0) {
    conditions.push(FILTERS_MATCH);
    parameters.filters = JSON.stringify(query.filters);
  }
  const from = `FROM points AS p JOIN dataframes AS d ON d.id = p.dataframe_id${
    conditions.length > 0 ? `\n    WHERE ${conditions.join('\n      AND ')}` : ''
  }`;
  // LIMIT -1 is SQLite's "no limit"; binding it keeps one statement for both cases.
  parameters.limit = query.limit ?? -1;
  parameters.offset = query.offset ?? 0;
  return {
    count: `SELECT count(*) AS total ${from}`,
    page: `SELECT d.begin, d.end, p.type, p.unit, p.qty, p.price, p.groupby, p.metadata
    ${from}
    ORDER BY d.begin, d.end, d.scope_id, p.id
    LIMIT @limit OFFSET @offset`,
    parameters,
  };
}
