import type { NameRules } from '@kitty-collect/collector-base';

/*
 * Prometheus' name grammar (https://prometheus.io/docs/concepts/data_model/): the metric and label names
 * of metrics.yml and cloudkitty.conf are written unquoted into PromQL, so they are checked against it
 * rather than escaped there. One home for both files: the service's cloudkitty.conf checks import these.
 */

/** A Prometheus label name: `project_id`, `__name__`. */
export const PROMETHEUS_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** A Prometheus metric name: `ceilometer_cpu`, `job:requests:rate5m`. */
export const PROMETHEUS_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

export function isPrometheusLabelName(name: string): boolean {
  return PROMETHEUS_LABEL_NAME.test(name);
}

export function isPrometheusMetricName(name: string): boolean {
  return PROMETHEUS_METRIC_NAME.test(name);
}

/** The names the Prometheus and Aetos collectors write into their queries, for `validateMetricsConf`. */
export const prometheusNameRules: Readonly<Required<NameRules>> = Object.freeze({
  metricName: {
    pattern: PROMETHEUS_METRIC_NAME,
    expected: 'a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)',
  },
  labelName: {
    pattern: PROMETHEUS_LABEL_NAME,
    expected: 'a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)',
  },
});
