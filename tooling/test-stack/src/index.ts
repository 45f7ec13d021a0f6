export * from './aetos/index.js';
export * from './cloudkitty/index.js';
export {
  DATASET_END,
  DATASET_START,
  DATASET_STEP_SECONDS,
  defaultDataset,
  PROJECTS,
} from './dataset/default-dataset.js';
export type {
  MetricFamily,
  MetricType,
  OpenMetricsSample,
  OpenMetricsSeries,
  WriteOpenMetricsOptions,
} from './dataset/openmetrics.js';
export { escapeOpenMetricsValue, formatOpenMetricsNumber, writeOpenMetrics } from './dataset/openmetrics.js';
export type { WaitForHttpOkOptions } from './http.js';
export { waitForHttpOk } from './http.js';
export * from './keystone/index.js';
export { findFreePort } from './ports.js';
export * from './postgres/index.js';
export type { RestartOptions } from './process/restart.js';
export type { StopSignal } from './process/terminate.js';
export type { RunningPrometheus, StartPrometheusOptions } from './prometheus/launcher.js';
export { startPrometheus } from './prometheus/launcher.js';
export { createSelfSignedCertificate, type SelfSignedCertificate } from './tls.js';
