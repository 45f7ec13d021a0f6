import type { Database } from 'better-sqlite3';
import { StorageError } from '../errors/storage-error.js';
import type { SummaryQuery, SummaryResult } from '../summary-query.js';

/** GET /v2/summary's aggregation in SQL. TODO(summary helper): implement. */
export function summarize(_db: Database, _query: SummaryQuery): SummaryResult {
  throw new StorageError('summarize: not implemented yet');
}
