import { isoformatUtc } from '@kitty-collect/collector-base';
import { z } from 'zod';
import { redactText } from '../../service/logger.js';
import type { ScopeState, Storage } from '../../storage/storage.js';
import { jsonResponse, type RouteHandler } from '../api-types.js';
import { integerListParam, integerParam, listParam } from '../params/param-schemas.js';
import { parseQuery } from '../params/parse-query.js';
import { MAX_LIMIT } from './dataframes.js';
import { noResourceFound } from './not-found.js';

/** How the service finds and collects its scopes: the same for every scope (CloudKitty keeps it per scope). */
export interface ScopeSource {
  /** Default `project_id`. */
  scopeKey?: string;
  /** `keystone`, `prometheus` or `source`. */
  fetcher?: string;
  /** `prometheus` or `aetos`. */
  collector?: string;
}

const scopeQuerySchema = z.object({
  scope_id: listParam(),
  scope_key: listParam(),
  fetcher: listParam(),
  collector: listParam(),
  active: integerListParam(),
  limit: integerParam(1, MAX_LIMIT, 100),
  offset: integerParam(0, Number.MAX_SAFE_INTEGER, 0),
});

/**
 * GET /v2/scope: CloudKitty's fields (scope_id, scope_key, fetcher, collector, last_processed_timestamp,
 * active, scope_activation_toggle_date) and its filters, plus the retry state kitty-collect keeps (state,
 * failures, last_error, next_attempt_at, updated_at) and `total` before paging. Every scope is active
 * (there is no deactivation here). An empty page is a 404, as in CloudKitty.
 */
export function scopeRoute(storage: Storage, source: ScopeSource): RouteHandler {
  const scopeKey = source.scopeKey ?? 'project_id';
  return async (request) => {
    const params = parseQuery(request.url.searchParams, scopeQuerySchema);
    const matches = (wanted: readonly (string | number)[] | undefined, actual: string | number | undefined) =>
      wanted === undefined || (actual !== undefined && wanted.includes(actual));
    const serviceMatches =
      matches(params.scope_key, scopeKey) &&
      matches(params.fetcher, source.fetcher) &&
      matches(params.collector, source.collector) &&
      matches(params.active, 1);
    const scopes = serviceMatches
      ? (await storage.listScopeStates()).filter((scope) => matches(params.scope_id, scope.scopeId))
      : [];
    const page = scopes.slice(params.offset, params.offset + params.limit);
    if (page.length < 1) throw noResourceFound();
    return jsonResponse(200, {
      results: page.map((scope) => scopeResult(scope, scopeKey, source)),
      total: scopes.length,
    });
  };
}

function scopeResult(scope: ScopeState, scopeKey: string, source: ScopeSource) {
  return {
    scope_id: scope.scopeId,
    scope_key: scopeKey,
    fetcher: source.fetcher ?? null,
    collector: source.collector ?? null,
    last_processed_timestamp: timestamp(scope.lastProcessed),
    active: true,
    scope_activation_toggle_date: null,
    state: scope.state,
    failures: scope.failures,
    // Composed by the collection loop from error messages: redacted again where it leaves the service.
    last_error: scope.lastError === undefined ? null : redactText(scope.lastError),
    next_attempt_at: timestamp(scope.nextAttemptAt),
    updated_at: isoformatUtc(scope.updatedAt),
  };
}

function timestamp(date: Date | undefined): string | null {
  return date === undefined ? null : isoformatUtc(date);
}
