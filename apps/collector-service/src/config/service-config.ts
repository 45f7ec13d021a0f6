import type { Policy } from '../policy/index.js';
import type { ConfigProblem } from './config-problem.js';
import type { KeystoneConnection } from './keystone-connection.js';
import type { MetricsFile } from './metrics-file.js';
import type { AuthStrategy, KeystoneAuthtokenSection } from './sections/api-auth.js';
import type { CollectSection } from './sections/collect.js';
import type { CollectorAetosSection } from './sections/collector-aetos.js';
import type { FetcherKeystoneSection } from './sections/fetcher-keystone.js';
import type { FetcherPrometheusSection } from './sections/fetcher-prometheus.js';
import type { KittyCollectSection } from './sections/kitty-collect.js';
import type { OrchestratorSection } from './sections/orchestrator.js';
import type { PrometheusConnection } from './sections/prometheus-connection.js';
import type { StoragePostgresqlSection } from './sections/storage.js';

/** `[collector_aetos]`: the catalog endpoint to use and the Keystone connection that finds it. */
export interface AetosConnection extends CollectorAetosSection {
  keystone: KeystoneConnection;
}

/** How PromQL reaches Prometheus: directly, or through Aetos with a Keystone token. */
export type QueryConnection =
  | { via: 'prometheus'; prometheus: PrometheusConnection }
  | { via: 'aetos'; aetos: AetosConnection };

export type FetcherConfig =
  | { backend: 'keystone'; keystone: FetcherKeystoneSection & { connection: KeystoneConnection } }
  | { backend: 'prometheus'; prometheus: FetcherPrometheusSection & { connection: QueryConnection } }
  | { backend: 'source'; sources: string[] };

/**
 * How the API authenticates: `noauth` (everyone admin), or Keystone tokens validated with the service's
 * credentials of `[keystone_authtoken]` — absent when the command does not serve the API (then only the
 * strategy is read).
 */
export interface ApiAuthConfig {
  strategy: AuthStrategy;
  keystone?: KeystoneAuthtokenSection & { connection: KeystoneConnection };
}

/**
 * `[storage] backend`: the embedded SQLite file (`[kitty_collect] storage_path`, absolute), or the
 * PostgreSQL database the replicas share (`[storage_postgresql]`, TLS files absolute and readable).
 */
export type StorageConfig =
  | { backend: 'sqlite'; path: string }
  | { backend: 'postgresql'; postgresql: StoragePostgresqlSection };

/**
 * The whole configuration, validated once: every part the service uses is here in its final form
 * (paths absolute, defaults applied, connections checked), so nothing downstream re-reads the files.
 */
export interface ServiceConfig {
  /** Absolute path of cloudkitty.conf. */
  configFile: string;
  /** `[collect]`; `metricsConf` is the absolute path actually read (`--metrics` wins over the file). */
  collect: CollectSection;
  /** The collector's connection: `via` is `collect.collector`. */
  collector: QueryConnection;
  fetcher: FetcherConfig;
  /** `[kitty_collect]`; `storagePath` is absolute. */
  kittyCollect: KittyCollectSection;
  /** `[storage]` and its backend's section. */
  storage: StorageConfig;
  /** `[orchestrator]`: the `skip_datapoints_expression` of rating types without their own. */
  orchestrator: OrchestratorSection;
  /** `[oslo_policy] policy_file` over CloudKitty's default rules, every rule parsed and resolved. */
  policy: Policy;
  metrics: MetricsFile;
  /** `[DEFAULT] auth_strategy` and, for the commands serving the API, `[keystone_authtoken]`. */
  api: ApiAuthConfig;
  /** What is wrong but ignored, as CloudKitty ignores it (unknown options); printed before a command runs. */
  warnings: readonly ConfigProblem[];
}
