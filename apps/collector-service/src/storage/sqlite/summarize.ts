import type { Database } from 'better-sqlite3';
import { checkSummaryQuery, readSummaryRows, type SummarySqlRow } from '../shared/summary-result.js';
import type { SummaryQuery, SummaryResult } from '../summary-query.js';
import { registerDecimalAggregates } from './decimal-aggregates.js';
import { StatementCache } from './statement-cache.js';
import { buildSummarySql, type SummaryParameters } from './summarize-sql.js';

/** Per connection: its statements, prepared once it has the decimal aggregates they call. */
const connections = new WeakMap<Database, StatementCache>();

/**
 * GET /v2/summary's aggregation, in one SQL statement (see `buildSummarySql`); one statement reads one
 * snapshot, so the total and the page agree even while a commit runs.
 */
export function summarize(db: Database, query: SummaryQuery): SummaryResult {
  checkSummaryQuery(query);
  const { sql, parameters } = buildSummarySql(query);
  return readSummaryRows(
    query,
    statements(db).prepare<SummaryParameters, SummarySqlRow>(sql).all(parameters),
  );
}

function statements(db: Database): StatementCache {
  let cache = connections.get(db);
  if (cache === undefined) {
    registerDecimalAggregates(db);
    cache = new StatementCache(db);
    connections.set(db, cache);
  }
  return cache;
}
