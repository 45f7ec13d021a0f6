export { AetosCollector, type AetosCollectorOptions } from './aetos/aetos-collector.js';
export { type AetosConf, aetosConfFromIni } from './aetos/aetos-conf.js';
export {
  COLLECTOR_NAMES,
  type CollectorByName,
  type CollectorName,
  type CollectorOptionsByName,
  createCollector,
} from './create-collector.js';
export { buildQuery, periodSeconds } from './prometheus/build-query.js';
export { collectErrorFrom, type FailedQuery } from './prometheus/collect-error-from.js';
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
