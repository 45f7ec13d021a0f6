import { summaryGroups } from '../shared/summary-groups.js';
import type { SummaryColumn, SummaryFunction, SummaryQuery } from '../summary-query.js';
import { Bindings } from './bindings.js';
import { BINARY } from './columns.js';
import { selectPoints } from './point-selection.js';
import type { Statement } from './query-sql.js';

/**
 * SQL per `custom_fields` function: only these fixed texts reach the statement, never the request's.
 * NUMERIC sums, minima and maxima are exact. AVG answers the exact sum as `v`, and its count as `n`: the
 * quotient is taken in JS, rounded as the SQLite storage rounds it (ExactDecimal, 200 significant digits).
 */
const AGGREGATES: Record<SummaryFunction, (column: SummaryColumn, index: number) => string> = {
  SUM: (column, index) => `sum(${column})::text AS v${index}`,
  MIN: (column, index) => `min(${column})::text AS v${index}`,
  MAX: (column, index) => `max(${column})::text AS v${index}`,
  AVG: (column, index) => `sum(${column})::text AS v${index}, count(${column})::float8 AS n${index}`,
  COUNT: (column, index) => `count(${column})::float8 AS v${index}`,
};

/**
 * A key's value on a point: its groupby's, else its metadata's, else NULL (the point then groups with the
 * others that lack it). `->>` with a bound key matches it literally. Binary collation: groups sort as
 * SQLite sorts them.
 */
function labelValue(key: string): string {
  return `coalesce(p.groupby ->> ${key}, p.metadata ->> ${key}) ${BINARY}`;
}

/**
 * The start, in ms, of the `[collect] period` bucket holding a period's start, aligned on the epoch as
 * the SQLite storage computes it (its BUCKET, in bigint: `%` truncates toward zero there as in SQLite,
 * and the double modulo floors negative instants too). float8 so the driver answers a number.
 */
function bucket(periodMs: string): string {
  const begin = '(extract(epoch FROM d.begin) * 1000)::bigint';
  return `(${begin} - ((${begin} % ${periodMs}) + ${periodMs}) % ${periodMs})::float8`;
}

/**
 * One statement for the page and the total, as the SQLite storage's (see its buildSummarySql): `labelled`
 * gives each selected point its group columns, `grouped` aggregates them and ranks the groups in answer
 * order (the groupby values in request order, NULL first, then the time bucket), the outer query keeps
 * the page's groups and the count of all of them (one row with `rn` NULL when the page is empty).
 * `HAVING count(*) > 0`: without GROUP BY, an aggregate answers one row even over no point, and
 * CloudKitty answers no row then.
 */
export function buildSummarySql(query: SummaryQuery): Statement {
  const bindings = new Bindings();
  const from = selectPoints(query, bindings);
  const groups = summaryGroups(query, {
    type: `p.type ${BINARY}`,
    label: (key) => labelValue(bindings.bind(key, 'text')),
  });
  const { byTime, keys: groupKeys } = groups;
  const labelled = ['p.qty AS qty', 'p.price AS price', ...groups.selected];
  if (byTime) labelled.push(`${bucket(bindings.bind(query.periodSeconds * 1000, 'bigint'))} AS bucket`);
  const order = groupKeys.map((key) => (key === 'bucket' ? key : `${key} NULLS FIRST`));
  const values = query.fields.map((field, index) => AGGREGATES[field.fn](field.column, index));
  const offset = bindings.bind(query.offset ?? 0, 'bigint');
  const limit = bindings.bind(query.limit ?? null, 'bigint');
  const text = `WITH labelled AS (
    SELECT ${labelled.join(',\n      ')}
    ${from}
  ),
  grouped AS (
    SELECT ${[...groupKeys, ...values].join(', ')},
      row_number() OVER (${order.length > 0 ? `ORDER BY ${order.join(', ')}` : ''}) AS rn
    FROM labelled${groupKeys.length > 0 ? `\n    GROUP BY ${groupKeys.join(', ')}` : ''}
    HAVING count(*) > 0
  )
  SELECT t.total, r.* FROM (SELECT count(*)::float8 AS total FROM grouped) AS t
  LEFT JOIN grouped AS r ON r.rn > ${offset} AND (${limit} IS NULL OR r.rn <= ${offset} + ${limit})
  ORDER BY r.rn`;
  return { text, values: bindings.values };
}
