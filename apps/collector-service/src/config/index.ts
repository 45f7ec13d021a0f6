export {
  createAetosClient,
  createKeystoneSession,
  createPrometheusClient,
  createQueryClient,
} from './clients.js';
export { type ConfigProblem, formatProblem, formatProblems } from './config-problem.js';
export { ENV_PREFIX } from './environment.js';
export type { KeystoneConnection } from './keystone-connection.js';
export { type LoadServiceConfigOptions, loadServiceConfig } from './load-service-config.js';
export type { MetricsFile } from './metrics-file.js';
export type { CollectorChoice, CollectSection } from './sections/collect.js';
export type { CollectorAetosSection } from './sections/collector-aetos.js';
export type { FetcherBackend } from './sections/fetcher.js';
export type { FetcherKeystoneSection } from './sections/fetcher-keystone.js';
export type { FetcherPrometheusSection } from './sections/fetcher-prometheus.js';
export type { FetcherSourceSection } from './sections/fetcher-source.js';
export type { KittyCollectSection, ListenAddress, LogLevel } from './sections/kitty-collect.js';
export type { OrchestratorSection } from './sections/orchestrator.js';
export type { OsloPolicySection } from './sections/oslo-policy.js';
export type { PrometheusConnection } from './sections/prometheus-connection.js';
export type { SslMode, StorageBackend, StoragePostgresqlSection } from './sections/storage.js';
export type {
  AetosConnection,
  FetcherConfig,
  QueryConnection,
  ServiceConfig,
  StorageConfig,
} from './service-config.js';
export { ServiceConfigError } from './service-config-error.js';
