import { z } from 'zod';
import type { Storage } from '../../../storage/storage.js';
import { jsonResponse, type RouteHandler } from '../../api-types.js';
import { integerListParam, integerParam, listParam } from '../../params/param-schemas.js';
import { parseQuery } from '../../params/parse-query.js';
import { MAX_LIMIT } from '../dataframes.js';
import { noResourceFound } from '../not-found.js';
import { scopeResult } from './scope-result.js';
import { filterScopes, namedFilters, type ScopeSource } from './scope-source.js';

const getQuerySchema = z.object({
  scope_id: listParam(),
  scope_key: listParam(),
  fetcher: listParam(),
  collector: listParam(),
  active: integerListParam(),
  limit: integerParam(1, MAX_LIMIT, 100),
  offset: integerParam(0, Number.MAX_SAFE_INTEGER, 0),
});

/**
 * GET /v2/scope, as CloudKitty master: filters on scope_id, scope_key, fetcher, collector (each scope's
 * own or the service's) and active (`0`/`1`; both are listed by default), paged by limit/offset; an empty
 * page is a 404. kitty-collect adds `total`, the matches before paging.
 */
export function getScopeRoute(storage: Storage, source: ScopeSource): RouteHandler {
  return async (request) => {
    const params = parseQuery(request.url.searchParams, getQuerySchema);
    const filters = { ...namedFilters(params), active: params.active };
    const scopes = filterScopes(await storage.listScopeStates(), filters, source);
    const page = scopes.slice(params.offset, params.offset + params.limit);
    if (page.length < 1) throw noResourceFound();
    return jsonResponse(200, {
      results: page.map((scope) => scopeResult(scope, source)),
      total: scopes.length,
    });
  };
}
