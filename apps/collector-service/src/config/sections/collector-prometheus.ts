/**
 * `[collector_prometheus]` (cloudkitty/collector/prometheus.py), read only when `[collect] collector =
 * prometheus`: its options are the connection options shared with `[fetcher_prometheus]`
 * (prometheus-connection.ts).
 */
export const COLLECTOR_PROMETHEUS_SECTION = 'collector_prometheus';
