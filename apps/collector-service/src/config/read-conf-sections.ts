import { resolve } from 'node:path';
import { CONF_SECTION_OPTION_NAMES } from '@kitty-collect/keystone-auth';
import { booleanValue, choiceValue } from '@kitty-collect/oslo-config';
import type { Policy } from '../policy/index.js';
import type { ConfReader } from './conf-reader.js';
import { loadKeystoneConnection } from './keystone-connection.js';
import { readableConfPath, resolveConfPath } from './paths.js';
import { readConfPolicy } from './policy-file.js';
import {
  authStrategySchema,
  DEFAULT_SECTION,
  KEYSTONE_AUTHTOKEN_SECTION,
  keystoneAuthtokenSchema,
} from './sections/api-auth.js';
import {
  COLLECT_SECTION,
  COLLECTORS,
  type CollectorChoice,
  type CollectSection,
  collectSectionSchema,
  DEFAULT_COLLECTOR,
  DEFAULT_METRICS_CONF,
} from './sections/collect.js';
import { COLLECTOR_AETOS_SECTION, collectorAetosSectionSchema } from './sections/collector-aetos.js';
import { COLLECTOR_PROMETHEUS_SECTION } from './sections/collector-prometheus.js';
import { FETCHER_SECTION, fetcherSectionSchema } from './sections/fetcher.js';
import { FETCHER_KEYSTONE_SECTION, fetcherKeystoneSectionSchema } from './sections/fetcher-keystone.js';
import { FETCHER_PROMETHEUS_SECTION, fetcherPrometheusSectionSchema } from './sections/fetcher-prometheus.js';
import { FETCHER_SOURCE_SECTION, fetcherSourceSectionSchema } from './sections/fetcher-source.js';
import {
  DEFAULT_STORAGE_PATH,
  KITTY_COLLECT_OPTIONS,
  KITTY_COLLECT_SECTION,
  type KittyCollectSection,
  kittyCollectSectionSchema,
} from './sections/kitty-collect.js';
import {
  ORCHESTRATOR_OPTIONS,
  ORCHESTRATOR_SECTION,
  type OrchestratorSection,
  orchestratorSectionSchema,
} from './sections/orchestrator.js';
import type { PrometheusConnection } from './sections/prometheus-connection.js';
import { prometheusConnectionFields, prometheusConnectionSchema } from './sections/prometheus-connection.js';
import {
  STORAGE_OPTIONS,
  STORAGE_POSTGRESQL_OPTIONS,
  STORAGE_POSTGRESQL_SECTION,
  STORAGE_SECTION,
  type StorageBackend,
  storagePostgresqlSectionSchema,
  storageSectionSchema,
} from './sections/storage.js';
import type {
  AetosConnection,
  ApiAuthConfig,
  FetcherConfig,
  QueryConnection,
  StorageConfig,
} from './service-config.js';

export interface ConfSections {
  collect?: CollectSection;
  collector?: QueryConnection;
  fetcher?: FetcherConfig;
  kittyCollect?: KittyCollectSection;
  storage?: StorageConfig;
  orchestrator?: OrchestratorSection;
  api?: ApiAuthConfig;
  /** `[oslo_policy] policy_file` over CloudKitty's default rules. */
  policy?: Policy;
  /** Where metrics.yml is, even when `[collect]` has other problems, so that it is checked too. */
  metricsPath: string;
  scopeKey?: string;
}

/**
 * Every section the configuration uses, as CloudKitty reads them: a section is only read when the chosen
 * collector or fetcher needs it (`[collector_aetos]` only with the aetos collector or `use_aetos`).
 * Problems go to the reader; a part with problems is left undefined.
 */
export function readConfSections(reader: ConfReader, purpose: { servesApi?: boolean } = {}): ConfSections {
  warnUnknownOptions(reader);
  const collect = reader.parse(COLLECT_SECTION, collectSectionSchema);
  const aetos = memo(() => readAetosConnection(reader));
  // Even when [collect] has other problems, check the collector's section it names.
  const choice = collect?.collector ?? collectorChoiceOf(reader);
  let collector: QueryConnection | undefined;
  if (choice === 'prometheus') {
    const prometheus = readPrometheusConnection(reader, COLLECTOR_PROMETHEUS_SECTION);
    collector = prometheus === undefined ? undefined : { via: 'prometheus', prometheus };
  } else if (choice === 'aetos') {
    const connection = aetos();
    collector = connection === undefined ? undefined : { via: 'aetos', aetos: connection };
  }
  // In the file's usual order, so that problems are listed that way.
  const fetcher = readFetcher(reader, aetos);
  const kittyCollect = readKittyCollect(reader);
  return {
    collect,
    collector,
    fetcher,
    kittyCollect,
    storage: readStorage(reader, kittyCollect),
    orchestrator: reader.parse(ORCHESTRATOR_SECTION, orchestratorSectionSchema),
    api: readApiAuth(reader, purpose.servesApi === true),
    policy: readConfPolicy(reader),
    metricsPath: metricsPathOf(reader),
    scopeKey: collect?.scopeKey,
  };
}

/** The keystoneauth options a section may hold, as keystone-auth's loader reads them (dashes too). */
const KEYSTONE_OPTIONS = [
  ...CONF_SECTION_OPTION_NAMES,
  ...CONF_SECTION_OPTION_NAMES.map((name) => name.replace(/_/g, '-')),
];
const CONNECTION_OPTIONS = Object.keys(prometheusConnectionFields);

/**
 * CloudKitty's sections whose every option kitty-collect knows: CloudKitty's own options (and
 * keystoneauth's, in the sections that hold a Keystone connection). Sections that other libraries share
 * (`[DEFAULT]`, `[keystone_authtoken]` and any `auth_section` target, `[oslo_*]`) and CloudKitty's
 * sections kitty-collect does not read are not checked. `[kitty_collect]` is checked as an error.
 */
const CHECKED_SECTIONS: readonly (readonly [string, readonly string[]])[] = [
  [COLLECT_SECTION, Object.keys(collectSectionSchema.in.shape)],
  [COLLECTOR_PROMETHEUS_SECTION, CONNECTION_OPTIONS],
  [COLLECTOR_AETOS_SECTION, [...Object.keys(collectorAetosSectionSchema.in.shape), ...KEYSTONE_OPTIONS]],
  [FETCHER_SECTION, Object.keys(fetcherSectionSchema.in.shape)],
  [FETCHER_SOURCE_SECTION, Object.keys(fetcherSourceSectionSchema.in.shape)],
  [
    FETCHER_PROMETHEUS_SECTION,
    [...Object.keys(fetcherPrometheusSectionSchema.in.shape), ...CONNECTION_OPTIONS],
  ],
  [FETCHER_KEYSTONE_SECTION, [...Object.keys(fetcherKeystoneSectionSchema.in.shape), ...KEYSTONE_OPTIONS]],
  [ORCHESTRATOR_SECTION, ORCHESTRATOR_OPTIONS],
  [STORAGE_SECTION, STORAGE_OPTIONS],
];

/** Every unknown option of the checked sections present in the file, whichever collector and fetcher are chosen. */
function warnUnknownOptions(reader: ConfReader): void {
  for (const [section, known] of CHECKED_SECTIONS) reader.warnUnknown(section, known);
}

function collectorChoiceOf(reader: ConfReader): CollectorChoice | undefined {
  return choiceValue(COLLECTORS).safeParse(reader.record(COLLECT_SECTION).collector ?? DEFAULT_COLLECTOR)
    .data;
}

function metricsPathOf(reader: ConfReader): string {
  const written = reader.record(COLLECT_SECTION).metrics_conf;
  return written === undefined
    ? DEFAULT_METRICS_CONF
    : resolveConfPath(reader, COLLECT_SECTION, 'metrics_conf', written);
}

function readPrometheusConnection(reader: ConfReader, section: string): PrometheusConnection | undefined {
  const connection = reader.parse(section, prometheusConnectionSchema);
  if (connection?.caFile === undefined) return connection;
  const caFile = readableConfPath(reader, section, 'cafile', connection.caFile);
  return caFile === undefined ? undefined : { ...connection, caFile };
}

function readAetosConnection(reader: ConfReader): AetosConnection | undefined {
  const own = reader.parse(COLLECTOR_AETOS_SECTION, collectorAetosSectionSchema);
  const keystone = loadKeystoneConnection(reader, COLLECTOR_AETOS_SECTION);
  return own === undefined || keystone === undefined ? undefined : { ...own, keystone };
}

function readFetcher(
  reader: ConfReader,
  aetos: () => AetosConnection | undefined,
): FetcherConfig | undefined {
  const fetcher = reader.parse(FETCHER_SECTION, fetcherSectionSchema);
  switch (fetcher?.backend) {
    case undefined:
      return undefined;
    case 'source': {
      const source = reader.parse(FETCHER_SOURCE_SECTION, fetcherSourceSectionSchema);
      return source === undefined ? undefined : { backend: 'source', sources: source.sources };
    }
    case 'keystone': {
      const own = reader.parse(FETCHER_KEYSTONE_SECTION, fetcherKeystoneSectionSchema);
      const connection = loadKeystoneConnection(reader, FETCHER_KEYSTONE_SECTION);
      return own === undefined || connection === undefined
        ? undefined
        : { backend: 'keystone', keystone: { ...own, connection } };
    }
    case 'prometheus': {
      const own = reader.parse(FETCHER_PROMETHEUS_SECTION, fetcherPrometheusSectionSchema);
      // Even when the section has other problems, check the connection it asks for.
      const useAetos = own?.useAetos ?? readFlag(reader.record(FETCHER_PROMETHEUS_SECTION).use_aetos);
      let connection: QueryConnection | undefined;
      if (useAetos) {
        const through = aetos();
        connection = through === undefined ? undefined : { via: 'aetos', aetos: through };
      } else {
        const prometheus = readPrometheusConnection(reader, FETCHER_PROMETHEUS_SECTION);
        connection = prometheus === undefined ? undefined : { via: 'prometheus', prometheus };
      }
      return own === undefined || connection === undefined
        ? undefined
        : { backend: 'prometheus', prometheus: { ...own, connection } };
    }
  }
}

/**
 * `[DEFAULT] auth_strategy`, and with `keystone` (CloudKitty's default) when the command serves the API,
 * `[keystone_authtoken]`: keystonemiddleware's options and the service's own credentials (with
 * `auth_section`), read by keystone-auth's loader as every Keystone connection here.
 */
function readApiAuth(reader: ConfReader, servesApi: boolean): ApiAuthConfig | undefined {
  const strategy = reader.parse(DEFAULT_SECTION, authStrategySchema);
  if (strategy === undefined) return undefined;
  if (strategy === 'noauth' || !servesApi) return { strategy };
  const own = reader.parse(KEYSTONE_AUTHTOKEN_SECTION, keystoneAuthtokenSchema);
  const connection = loadKeystoneConnection(reader, KEYSTONE_AUTHTOKEN_SECTION);
  return own === undefined || connection === undefined
    ? undefined
    : { strategy, keystone: { ...own, connection } };
}

function readKittyCollect(reader: ConfReader): KittyCollectSection | undefined {
  reader.rejectUnknown(KITTY_COLLECT_SECTION, KITTY_COLLECT_OPTIONS);
  const section = reader.parse(KITTY_COLLECT_SECTION, kittyCollectSectionSchema);
  if (section === undefined) return undefined;
  const written = reader.record(KITTY_COLLECT_SECTION).storage_path;
  // The default is nobody's writing: like a command-line path, it is relative to the current directory.
  const storagePath =
    written === undefined
      ? resolve(DEFAULT_STORAGE_PATH)
      : resolveConfPath(reader, KITTY_COLLECT_SECTION, 'storage_path', written);
  const tls = section.tls === undefined ? undefined : readableTlsFiles(reader, section.tls);
  if (section.tls !== undefined && tls === undefined) return undefined;
  return { ...section, storagePath, tls };
}

/**
 * `[storage] backend`: SQLite at `[kitty_collect] storage_path`, or PostgreSQL from `[storage_postgresql]`
 * (kitty-collect's section: an unknown option is an error there, as in `[kitty_collect]`), its TLS files
 * resolved and readable now.
 */
function readStorage(
  reader: ConfReader,
  kittyCollect: KittyCollectSection | undefined,
): StorageConfig | undefined {
  reader.rejectUnknown(STORAGE_POSTGRESQL_SECTION, STORAGE_POSTGRESQL_OPTIONS);
  const written = reader.parse(STORAGE_SECTION, storageSectionSchema);
  if (written === undefined) return undefined;
  let backend: StorageBackend;
  if (written === 'sqlite' || written === 'postgresql') {
    backend = written;
  } else {
    reader.warn(
      STORAGE_SECTION,
      'backend',
      `CloudKitty's ${written} storage is not one kitty-collect writes: it stores in sqlite ([kitty_collect] storage_path); set backend = sqlite or postgresql`,
    );
    backend = 'sqlite';
  }
  if (backend === 'sqlite') {
    return kittyCollect === undefined ? undefined : { backend, path: kittyCollect.storagePath };
  }
  const section = reader.parse(STORAGE_POSTGRESQL_SECTION, storagePostgresqlSectionSchema);
  if (section === undefined) return undefined;
  const file = (option: string, path: string | undefined) =>
    path === undefined ? undefined : readableConfPath(reader, STORAGE_POSTGRESQL_SECTION, option, path);
  const ssl = {
    mode: section.ssl.mode,
    caFile: file('ssl_ca_file', section.ssl.caFile),
    certFile: file('ssl_cert_file', section.ssl.certFile),
    keyFile: file('ssl_key_file', section.ssl.keyFile),
  };
  const unreadable = (['caFile', 'certFile', 'keyFile'] as const).some(
    (name) => section.ssl[name] !== undefined && ssl[name] === undefined,
  );
  return unreadable ? undefined : { backend, postgresql: { ...section, ssl } };
}

/** The API's certificate and key, resolved against the file's directory and readable now. */
function readableTlsFiles(
  reader: ConfReader,
  tls: { certFile: string; keyFile: string },
): { certFile: string; keyFile: string } | undefined {
  const certFile = readableConfPath(reader, KITTY_COLLECT_SECTION, 'tls_cert_file', tls.certFile);
  const keyFile = readableConfPath(reader, KITTY_COLLECT_SECTION, 'tls_key_file', tls.keyFile);
  return certFile === undefined || keyFile === undefined ? undefined : { certFile, keyFile };
}

function readFlag(text: string | undefined): boolean {
  return text !== undefined && booleanValue().safeParse(text).data === true;
}

/** `[collector_aetos]` may serve both the collector and the fetcher: read (and report) it once. */
function memo<T>(compute: () => T): () => T {
  let done = false;
  let value: T | undefined;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value as T;
  };
}
