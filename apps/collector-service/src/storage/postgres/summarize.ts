import type pg from 'pg';
import { StorageError } from '../errors/storage-error.js';
import { checkSummaryQuery, readSummaryRows, type SummarySqlRow } from '../shared/summary-result.js';
import type { SummaryFunction, SummaryQuery, SummaryResult } from '../summary-query.js';
import { storedDecimalText, sumOf } from './decimals.js';
import { buildSummarySql } from './summarize-sql.js';

/**
 * GET /v2/summary's aggregation, in one SQL statement (see `buildSummarySql`): one statement reads one
 * snapshot, so the total and the page agree even while a commit runs. Its aggregates are answered as the
 * SQLite storage answers them: decimal text as `ExactDecimal#toString()` writes it, COUNT a number.
 */
export async function summarize(pool: pg.Pool, query: SummaryQuery): Promise<SummaryResult> {
  checkSummaryQuery(query);
  const { text, values } = buildSummarySql(query);
  const { rows } = await pool.query<SummarySqlRow>(text, values);
  return readSummaryRows(
    query,
    rows.map((row) => (row.rn === null ? row : withSqliteAggregates(row, query))),
  );
}

/** Each function's answer as the SQLite storage writes it, from the columns of its SQL (AGGREGATES). */
const ANSWERS: Record<SummaryFunction, (row: SummarySqlRow, index: number) => unknown> = {
  SUM: (row, index) => sumOf(row[`v${index}`]).toString(),
  MIN: (row, index) => storedDecimalText(row[`v${index}`]),
  MAX: (row, index) => storedDecimalText(row[`v${index}`]),
  AVG: (row, index) => average(row[`v${index}`], row[`n${index}`]),
  COUNT: (row, index) => row[`v${index}`],
};

function withSqliteAggregates(row: SummarySqlRow, query: SummaryQuery): SummarySqlRow {
  const answered: SummarySqlRow = { ...row };
  query.fields.forEach((field, index) => {
    answered[`v${index}`] = ANSWERS[field.fn](row, index);
  });
  return answered;
}

/** The sum divided once, as the SQLite storage's decimal_avg: ExactDecimal's precision and rounding. */
function average(sum: unknown, count: unknown): string {
  if (typeof count !== 'number' || count === 0) {
    throw new StorageError(`summarize: unreadable average ${String(sum)} / ${String(count)}`);
  }
  return sumOf(sum).div(count).toString();
}
