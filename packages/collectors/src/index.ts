export { AetosCollector, type AetosCollectorOptions } from './aetos/aetos-collector.js';
export { type AetosConf, aetosConfFromIni } from './aetos/aetos-conf.js';
export { type BatchedFetchOptions, DEFAULT_FALLBACK_CONCURRENCY } from './batch/batched-fetch-options.js';
export { crossScopeReason } from './batch/cross-scope-promql.js';
export { scopeSetMatcher } from './batch/scope-set-matcher.js';
export { type SplitOptions, splitByScope } from './batch/split-by-scope.js';
export { Limiter } from './concurrency/limiter.js';
export {
  COLLECTOR_NAMES,
  type CollectorByName,
  type CollectorName,
  type CollectorOptionsByName,
  createCollector,
} from './create-collector.js';
export { type BatchScopes, buildBatchQuery, buildQuery, periodSeconds } from './prometheus/build-query.js';
export {
  collectErrorFrom,
  type FailedBatchQuery,
  type FailedQuery,
} from './prometheus/collect-error-from.js';
export {
  AGGREGATION_METHODS,
  type PrometheusExtraArgs,
  prometheusExtraArgsSchema,
  QUERY_FUNCTIONS,
  RANGE_FUNCTIONS,
} from './prometheus/extra-args.js';
export { PrometheusCollector, type PrometheusCollectorOptions } from './prometheus/prometheus-collector.js';
export { PrometheusCollectorBase } from './prometheus/prometheus-collector-base.js';
export { promqlString } from './prometheus/promql-string.js';
export { seriesName } from './prometheus/series-name.js';
