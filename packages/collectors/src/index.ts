export { AetosCollector, type AetosCollectorOptions } from './aetos/aetos-collector.js';
export { type AetosConf, aetosConfFromIni } from './aetos/aetos-conf.js';
export { Limiter } from './concurrency/limiter.js';
export {
  COLLECTOR_NAMES,
  type CollectorByName,
  type CollectorName,
  type CollectorOptionsByName,
  createCollector,
} from './create-collector.js';
export {
  type BatchedFetchOptions,
  DEFAULT_FALLBACK_CONCURRENCY,
} from './prometheus/batch/batched-fetch-options.js';
export { crossScopeReason } from './prometheus/batch/scope-safety.js';
export { type SplitOptions, splitByScope } from './prometheus/batch/split-by-scope.js';
export {
  type BuildQueryOptions,
  buildQuery,
  periodSeconds,
  type QueryScopes,
} from './prometheus/build-query.js';
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
export {
  isPrometheusLabelName,
  isPrometheusMetricName,
  PROMETHEUS_LABEL_NAME,
  PROMETHEUS_METRIC_NAME,
  prometheusNameRules,
} from './prometheus/prometheus-names.js';
export { promqlString } from './prometheus/promql-string.js';
export { scopeSetMatcher } from './prometheus/scope-set-matcher.js';
export { seriesName } from './prometheus/series-name.js';
