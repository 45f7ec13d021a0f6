import type { ScopeState } from '../../../storage/storage.js';

/** How the service finds and collects its scopes: what a scope without its own attributes uses. */
export interface ScopeSource {
  /** Default `project_id`. */
  scopeKey?: string;
  /** `keystone`, `prometheus` or `source`. */
  fetcher?: string;
  /** `prometheus` or `aetos`. */
  collector?: string;
}

/** A scope's scope_key, fetcher and collector: its own (PATCH/POST), else the service's. */
export interface ScopeAttributes {
  scopeKey: string;
  fetcher: string | undefined;
  collector: string | undefined;
}

export function scopeAttributes(scope: ScopeState, source: ScopeSource): ScopeAttributes {
  return {
    scopeKey: scope.scopeKey ?? source.scopeKey ?? 'project_id',
    fetcher: scope.fetcher ?? source.fetcher,
    collector: scope.collector ?? source.collector,
  };
}

/** The filters of GET and PUT /v2/scope: an absent list is no condition, a list must hold the value. */
export interface ScopeFilters {
  scopeIds?: readonly string[] | undefined;
  scopeKeys?: readonly string[] | undefined;
  fetchers?: readonly string[] | undefined;
  collectors?: readonly string[] | undefined;
  /** `active` as CloudKitty's query gives it: 0 or 1. */
  active?: readonly number[] | undefined;
}

/** The filters as GET's query and PUT's body name them (CloudKitty's parameter names). */
export function namedFilters(params: {
  scope_id?: readonly string[] | undefined;
  scope_key?: readonly string[] | undefined;
  fetcher?: readonly string[] | undefined;
  collector?: readonly string[] | undefined;
}): ScopeFilters {
  return {
    scopeIds: params.scope_id,
    scopeKeys: params.scope_key,
    fetchers: params.fetcher,
    collectors: params.collector,
  };
}

/** The states that match every filter, on the attributes the scope uses (its own or the service's). */
export function filterScopes(
  states: readonly ScopeState[],
  filters: ScopeFilters,
  source: ScopeSource,
): ScopeState[] {
  const holds = <T>(wanted: readonly T[] | undefined, actual: T | undefined) =>
    wanted === undefined || (actual !== undefined && wanted.includes(actual));
  return states.filter((scope) => {
    const attributes = scopeAttributes(scope, source);
    return (
      holds(filters.scopeIds, scope.scopeId) &&
      holds(filters.scopeKeys, attributes.scopeKey) &&
      holds(filters.fetchers, attributes.fetcher) &&
      holds(filters.collectors, attributes.collector) &&
      holds(filters.active, scope.active ? 1 : 0)
    );
  });
}
