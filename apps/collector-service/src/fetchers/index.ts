export { createScopeFetcher, type ScopeFetcherDeps } from './create-scope-fetcher.js';
export { ScopeFetchError } from './errors/scope-fetch-error.js';
export { identityV3Url } from './keystone/identity-endpoint.js';
export { KeystoneFetcher, type KeystoneFetcherOptions, RATING_ROLE } from './keystone/keystone-fetcher.js';
export { PrometheusFetcher, type PrometheusFetcherOptions } from './prometheus/prometheus-fetcher.js';
export { buildScopeQuery, type ScopeQueryOptions } from './prometheus/scope-query.js';
export type { ScopeFetcher } from './scope-fetcher.js';
export { SourceFetcher } from './source-fetcher.js';
