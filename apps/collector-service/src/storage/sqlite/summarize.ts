import type { Database } from 'better-sqlite3';
import { StorageError } from '../errors/storage-error.js';
import type { SummaryQuery, SummaryResult, SummaryRow } from '../summary-query.js';
import { checkPaging } from './check-paging.js';
import { registerDecimalAggregates } from './decimal-aggregates.js';
import { StatementCache } from './statement-cache.js';
import { buildSummarySql, type SummaryParameters } from './summarize-sql.js';

/** A row of the summary statement: `total`, then `rn`, `bucket`, `g0…`, `v0…` (NULL but `total` when empty). */
type SummarySqlRow = Record<string, unknown>;

/** Per connection: its statements, prepared once it has the decimal aggregates they call. */
const connections = new WeakMap<Database, StatementCache>();

/**
 * GET /v2/summary's aggregation, in one SQL statement (see `buildSummarySql`); one statement reads one
 * snapshot, so the total and the page agree even while a commit runs.
 */
export function summarize(db: Database, query: SummaryQuery): SummaryResult {
  checkQuery(query);
  const { sql, parameters } = buildSummarySql(query);
  const rows = statements(db).prepare<SummaryParameters, SummarySqlRow>(sql).all(parameters);
  const total = rows[0]?.total;
  if (typeof total !== 'number') throw new StorageError('summarize: the statement answered no total');
  const groups = query.groupby.filter((entry) => entry.kind !== 'time');
  const periodMs = query.periodSeconds * 1000;
  return {
    total,
    columns: summaryColumns(query),
    rows: rows
      .filter((row) => row.rn !== null)
      .map(
        (row): SummaryRow => ({
          ...bounds(row, query, periodMs),
          values: query.fields.map((_, index) => aggregate(row[`v${index}`])),
          groups: groups.map((_, index) => label(row[`g${index}`])),
        }),
      ),
  };
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

/** `begin`, `end`, the aliases, then the groupby keys but `time`: CloudKitty's table columns. */
function summaryColumns(query: SummaryQuery): string[] {
  return [
    'begin',
    'end',
    ...query.fields.map((field) => field.alias),
    ...query.groupby.flatMap((entry) =>
      entry.kind === 'time' ? [] : [entry.kind === 'label' ? entry.key : 'type'],
    ),
  ];
}

function checkQuery(query: SummaryQuery): void {
  checkPaging('summarize', query);
  if (!(Number.isSafeInteger(query.periodSeconds) && query.periodSeconds > 0)) {
    throw new StorageError(`summarize: periodSeconds must be a whole number > 0, got ${query.periodSeconds}`);
  }
  if (Number.isNaN(query.begin.getTime()) || Number.isNaN(query.end.getTime())) {
    throw new StorageError('summarize: invalid begin or end');
  }
  if (query.fields.length === 0) throw new StorageError('summarize: no field to compute');
  const columns = summaryColumns(query);
  const repeated = columns.find((column, index) => columns.indexOf(column) !== index);
  if (repeated !== undefined) throw new StorageError(`summarize: column '${repeated}' would appear twice`);
  if (query.groupby.filter((entry) => entry.kind === 'time').length > 1) {
    throw new StorageError('summarize: time given twice in groupby');
  }
}

/** The row's time bucket when grouped by time, else the requested range (as CloudKitty answers). */
function bounds(row: SummarySqlRow, query: SummaryQuery, periodMs: number): { begin: Date; end: Date } {
  if (!('bucket' in row)) return { begin: query.begin, end: query.end };
  if (typeof row.bucket !== 'number') throw new StorageError(`summarize: unreadable bucket ${row.bucket}`);
  return { begin: new Date(row.bucket), end: new Date(row.bucket + periodMs) };
}

function aggregate(value: unknown): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  throw new StorageError(`summarize: unreadable aggregate ${String(value)}`);
}

/** Labels are JSON strings; a number in a hand-edited file is taken as its text. */
function label(value: unknown): string | null {
  if (value === null || typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new StorageError(`summarize: unreadable groupby value ${String(value)}`);
}
