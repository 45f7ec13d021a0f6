import { isoformatUtc } from '@kitty-collect/collector-base';
import { z } from 'zod';
import type { Storage } from '../../storage/storage.js';
import type { SummaryField, SummaryGroupBy, SummaryResult } from '../../storage/summary-query.js';
import type { ApiAccess } from '../access.js';
import { jsonResponse, type RouteHandler } from '../api-types.js';
import { InvalidCustomFieldsError } from '../errors/invalid-custom-fields-error.js';
import { DEFAULT_CUSTOM_FIELDS, parseCustomFields } from '../params/custom-fields.js';
import {
  enumParam,
  instantParam,
  integerParam,
  listParam,
  multiDictParam,
  textParam,
} from '../params/param-schemas.js';
import { parseQuery } from '../params/parse-query.js';
import { requestedRange } from '../params/requested-range.js';
import { parseSummaryGroupBy } from '../params/summary-groupby.js';
import { decimalNumber, type JsonNumber } from '../wire-json.js';
import { MAX_LIMIT } from './dataframes.js';

const summaryQuerySchema = z.object({
  begin: instantParam(),
  end: instantParam(),
  groupby: listParam(),
  filters: multiDictParam(),
  limit: integerParam(1, MAX_LIMIT, 100),
  offset: integerParam(0, Number.MAX_SAFE_INTEGER, 0),
  response_format: enumParam(['table', 'object'], 'table'),
  custom_fields: textParam(),
});

type ResponseFormat = z.output<typeof summaryQuerySchema>['response_format'];

/**
 * GET /v2/summary, as CloudKitty master's (cloudkitty/api/v2/summary): the storage aggregates the points of
 * [begin, end] (default: the current month) that match `filters` (`type` selects rating types; OR within
 * a key, AND across keys), grouped by `groupby`, computing `custom_fields`; `total` counts the rows before
 * `limit`/`offset`. Aggregates are JSON numbers written from the exact decimals, COUNT an integer. No
 * match is a 200 with no row. Policy (a non-admin's forced scope filter) is not applied yet.
 */
export function summaryRoute(
  storage: Storage,
  periodSeconds: number,
  now: () => Date,
  access: ApiAccess,
): RouteHandler {
  return async (request) => {
    const params = parseQuery(request.url.searchParams, summaryQuerySchema);
    const groupby = parseSummaryGroupBy(params.groupby ?? []);
    const fields = parseCustomFields(params.custom_fields ?? DEFAULT_CUSTOM_FIELDS);
    checkAliases(fields, groupby);
    const own = access.ownUsage(request.context);
    const filters = new Map(params.filters);
    const types = filters.get('type');
    filters.delete('type');
    // CloudKitty master: a non-admin is held to its project; an unscoped one gets an empty summary.
    if (own.kind === 'none')
      return jsonResponse(200, summaryAnswer({ total: 0, columns: [], rows: [] }, params.response_format));
    if (own.kind === 'project') filters.set(own.key, [own.value]);
    const result = await storage.summarize({
      ...requestedRange(params, now()),
      groupby,
      filters: Object.fromEntries(filters),
      ...(types !== undefined && { types }),
      fields,
      periodSeconds,
      limit: params.limit,
      offset: params.offset,
    });
    return jsonResponse(200, summaryAnswer(result, params.response_format));
  };
}

/** An alias named as a groupby key would hide one of the two (CloudKitty overwrites the aggregate). */
function checkAliases(fields: readonly SummaryField[], groupby: readonly SummaryGroupBy[]): void {
  const keys = new Set(groupby.map((entry) => (entry.kind === 'label' ? entry.key : entry.kind)));
  const clash = fields.find((field) => keys.has(field.alias));
  if (clash !== undefined) {
    throw new InvalidCustomFieldsError(`alias '${clash.alias}' is also a groupby column`, clash.alias);
  }
}

/**
 * CloudKitty's generate_response: `table` lists the columns (taken from the first row, so none without
 * a row) and each row's values; `object` gives each row as an object of them.
 */
function summaryAnswer(result: SummaryResult, format: ResponseFormat) {
  const rows = result.rows.map((row) => [
    isoformatUtc(row.begin),
    isoformatUtc(row.end),
    ...row.values.map(wireValue),
    ...row.groups,
  ]);
  if (format === 'object') {
    return {
      total: result.total,
      results: rows.map((values) =>
        Object.fromEntries(result.columns.map((column, index) => [column, values[index]])),
      ),
      format,
    };
  }
  return { total: result.total, columns: rows.length > 0 ? result.columns : [], results: rows, format };
}

function wireValue(value: string | number): JsonNumber | number {
  return typeof value === 'number' ? value : decimalNumber(value);
}
