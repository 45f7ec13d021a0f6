import { summaryGroups } from '../shared/summary-groups.js';
import type { SummaryColumn, SummaryFunction, SummaryQuery } from '../summary-query.js';
import { DECIMAL_AGGREGATES } from './decimal-aggregates.js';
import { type SelectionParameters, selectPoints } from './point-selection.js';

/** Named parameters of a summary statement; `key0`, `key1`… are the groupby/metadata keys, in order. */
export interface SummaryParameters extends SelectionParameters {
  periodMs: number;
  limit: number;
  offset: number;
  [key: `key${number}`]: string;
}

export interface SummarySql {
  /** Same text for the same shape of query (fields, kinds of groupby, conditions present): reusable. */
  sql: string;
  parameters: SummaryParameters;
}

/** SQL per `custom_fields` function: only these fixed texts reach the statement, never the request's. */
const AGGREGATES: Record<SummaryFunction, (column: SummaryColumn) => string> = {
  SUM: (column) => `${DECIMAL_AGGREGATES.SUM}(${column})`,
  MIN: (column) => `${DECIMAL_AGGREGATES.MIN}(${column})`,
  MAX: (column) => `${DECIMAL_AGGREGATES.MAX}(${column})`,
  AVG: (column) => `${DECIMAL_AGGREGATES.AVG}(${column})`,
  COUNT: (column) => `count(${column})`,
};

/**
 * A key's value on a point: its groupby's, else its metadata's, else NULL (the point then groups with the
 * others that lack it). The key is bound, matched literally by json_each (no JSON path to escape).
 */
function labelValue(parameter: string): string {
  return `coalesce(
        (SELECT g.value FROM json_each(p.groupby) AS g WHERE g.key = @${parameter}),
        (SELECT m.value FROM json_each(p.metadata) AS m WHERE m.key = @${parameter}))`;
}

/**
 * The start of the `[collect] period` bucket holding a period's start, aligned on the epoch as InfluxDB's
 * `GROUP BY time(<period>s)` (CloudKitty's periods start on whole periods of the month, so the buckets are
 * the periods themselves). The double modulo floors negative instants too.
 */
const BUCKET = 'd.begin - ((d.begin % @periodMs) + @periodMs) % @periodMs';

/**
 * One statement for the page and the total: `labelled` gives each selected point its group columns,
 * `grouped` aggregates them and numbers the groups in answer order (the groupby values in request order,
 * NULL first, then the time bucket), the outer query keeps the page's groups and the count of all of them
 * (one row with `rn` NULL when the page is empty). `HAVING count(*) > 0`: without GROUP BY, SQLite answers
 * one row even over no point, and CloudKitty answers no row then.
 */
export function buildSummarySql(query: SummaryQuery): SummarySql {
  const { from, parameters } = selectPoints(query);
  const keys: Record<`key${number}`, string> = {};
  const groups = summaryGroups(query, {
    type: 'p.type',
    label: (key, index) => {
      keys[`key${index}`] = key;
      return labelValue(`key${index}`);
    },
  });
  const { byTime, keys: groupKeys } = groups;
  const values = query.fields.map((field, index) => `${AGGREGATES[field.fn](field.column)} AS v${index}`);
  const labelled = [
    'p.qty AS qty',
    'p.price AS price',
    ...(byTime ? [`${BUCKET} AS bucket`] : []),
    ...groups.selected,
  ];
  const order = groupKeys.length > 0 ? `ORDER BY ${groupKeys.join(', ')}` : '';
  const sql = `WITH labelled AS (
    SELECT ${labelled.join(',\n      ')}
    ${from}
  ),
  grouped AS MATERIALIZED (
    SELECT ${[...groupKeys, ...values].join(', ')}, row_number() OVER (${order}) AS rn
    FROM labelled${groupKeys.length > 0 ? `\n    GROUP BY ${groupKeys.join(', ')}` : ''}
    HAVING count(*) > 0
  )
  SELECT t.total, r.* FROM (SELECT count(*) AS total FROM grouped) AS t
  LEFT JOIN grouped AS r ON r.rn > @offset AND (@limit < 0 OR r.rn <= @offset + @limit)
  ORDER BY r.rn`;
  return {
    sql,
    parameters: {
      ...parameters,
      ...keys,
      periodMs: query.periodSeconds * 1000,
      // -1: no limit (SQLite's convention), so that one statement serves both.
      limit: query.limit ?? -1,
      offset: query.offset ?? 0,
    },
  };
}
