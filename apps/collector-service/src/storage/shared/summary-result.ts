import { StorageError } from '../errors/storage-error.js';
import type { SummaryQuery, SummaryResult, SummaryRow } from '../summary-query.js';
import { checkPaging } from './check-paging.js';

/**
 * A row of a summary statement, as both backends shape it: `total` (the number of groups), then, NULL
 * when the page is empty, `rn` (the group's rank), `bucket` (ms, with `time` in the groupby), `g0…` (the
 * groupby values but `time`, in request order) and `v0…` (the aggregates, in `fields` order: decimal
 * text, or an integer for COUNT).
 */
export type SummarySqlRow = Record<string, unknown>;

/** What a summary query must be for either backend to answer it; a StorageError names what is wrong. */
export function checkSummaryQuery(query: SummaryQuery): void {
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

/** `begin`, `end`, the aliases, then the groupby keys but `time`: CloudKitty's table columns. */
export function summaryColumns(query: SummaryQuery): string[] {
  return [
    'begin',
    'end',
    ...query.fields.map((field) => field.alias),
    ...query.groupby.flatMap((entry) =>
      entry.kind === 'time' ? [] : [entry.kind === 'label' ? entry.key : 'type'],
    ),
  ];
}

/** The answer from the statement's rows (see SummarySqlRow): the total, the columns and the page's rows. */
export function readSummaryRows(query: SummaryQuery, rows: readonly SummarySqlRow[]): SummaryResult {
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
