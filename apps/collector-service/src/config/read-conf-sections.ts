import { resolve } from 'node:path';
import { booleanValue, choiceValue } from '@kitty-collect/oslo-config';
import type { ConfReader } from './conf-reader.js';
import { loadKeystoneConnection } from './keystone-connection.js';
import { readableConfPath, resolveConfPath } from './paths.js';
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
import type { PrometheusConnection } from './sections/prometheus-connection.js';
import { prometheusConnectionSchema } from './sections/prometheus-connection.js';
import type { AetosConnection, FetcherConfig, QueryConnection } from './service-config.js';

export interface ConfSections {
  collect?: CollectSection;
  collector?: QueryConnection;
  fetcher?: FetcherConfig;
  kittyCollect?: KittyCollectSection;
  /** Where metrics.yml is, even when `[collect]` has other problems, so that it is checked too. */
  metricsPath: string;
  scopeKey?: string;
}

/**
 * Every section the configuration uses, as CloudKitty reads them: a section is only read when the chosen
 * collector or fetcher needs it (`[collector_aetos]` only with the aetos collector or `use_aetos`).
 * Problems go to the reader; a part with problems is left undefined.
 */
export function readConfSections(reader: ConfReader): ConfSections {
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
  return {
    collect,
    collector,
    fetcher: readFetcher(reader, aetos),
    kittyCollect: readKittyCollect(reader),
    metricsPath: metricsPathOf(reader),
    scopeKey: collect?.scopeKey,
  };
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
  return { ...section, storagePath };
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
