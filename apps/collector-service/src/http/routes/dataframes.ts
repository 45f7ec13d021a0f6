import { z } from 'zod';
import type { Storage, StoredDataFrameQuery } from '../../storage/storage.js';
import { jsonResponse, type RouteHandler } from '../api-types.js';
import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import { dictParam, instantParam, integerParam } from '../params/param-schemas.js';
import { parseQuery } from '../params/parse-query.js';
import { noResourceFound } from './not-found.js';

/** Points per page at most (CloudKitty sets no maximum; an unbounded page could exhaust memory). */
export const MAX_LIMIT = 1000;

const dataframesQuerySchema = z.object({
  begin: instantParam(),
  end: instantParam(),
  filters: dictParam(),
  limit: integerParam(1, MAX_LIMIT, 100),
  offset: integerParam(0, Number.MAX_SAFE_INTEGER, 0),
});

/**
 * GET /v2/dataframes, as CloudKitty's v2 API (cloudkitty/api/v2/dataframes): `begin` and `end` default
 * to the current month (UTC); `filters` match groupby or metadata, except `type` which selects the rating
 * type; `total`, `limit` and `offset` count data points; the page's points come grouped by period; no
 * match at all is a 404.
 */
export function dataframesRoute(storage: Storage, now: () => Date): RouteHandler {
  return async (request) => {
    const params = parseQuery(request.url.searchParams, dataframesQuerySchema);
    if (params.begin !== undefined && params.end !== undefined && params.end <= params.begin) {
      throw new InvalidParameterError([{ parameter: 'end', message: 'must be after begin' }]);
    }
    const filters = new Map(params.filters);
    const type = filters.get('type');
    filters.delete('type');
    const query: StoredDataFrameQuery = {
      begin: params.begin ?? monthStart(now(), 0),
      end: params.end ?? monthStart(now(), 1),
      filters: Object.fromEntries(filters),
      limit: params.limit,
      offset: params.offset,
      ...(type !== undefined && { types: [type] }),
    };
    const result = await storage.queryDataFrames(query);
    if (result.total < 1) throw noResourceFound();
    return jsonResponse(200, { total: result.total, dataframes: result.dataframes });
  };
}

/** Start of the month `monthsAhead` after the one of `date`, UTC. */
function monthStart(date: Date, monthsAhead: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + monthsAhead, 1));
}
