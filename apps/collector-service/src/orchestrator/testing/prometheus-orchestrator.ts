import { type CollectorLogger, parseMetricsConf } from '@kitty-collect/collector-base';
import { PrometheusCollector } from '@kitty-collect/collectors';
import type { SqliteStorage } from '../../storage/index.js';
import { Orchestrator, type OrchestratorOptions } from '../orchestrator.js';

/** The day of the test dataset the orchestrator tests collect (hourly periods from its midnight). */
export const DATASET_DAY = new Date('2026-01-04T00:00:00Z');

export const datasetHour = (hour: number): Date => new Date(DATASET_DAY.getTime() + hour * 3600_000);

export interface PrometheusOrchestratorOptions {
  /** The test Prometheus (`inject('prometheusApiUrl')`). */
  apiUrl: string;
  storage: SqliteStorage;
  /** metrics.yml text. */
  metrics: string;
  scopes: readonly string[];
  logger?: CollectorLogger;
  /** On top of the defaults (hourly, wait_periods 2, from DATASET_DAY to 12:00); may depend on the collector. */
  overrides?:
    | Partial<OrchestratorOptions>
    | ((collector: PrometheusCollector) => Partial<OrchestratorOptions>);
}

/** An Orchestrator over a PrometheusCollector on the test Prometheus, as the loop tests run it. */
export function prometheusOrchestrator(options: PrometheusOrchestratorOptions): Orchestrator {
  const collector = new PrometheusCollector({
    period: 3600,
    conf: parseMetricsConf(options.metrics),
    prometheus: { url: options.apiUrl },
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  const overrides =
    typeof options.overrides === 'function' ? options.overrides(collector) : options.overrides;
  return new Orchestrator({
    collector,
    storage: options.storage,
    getScopes: async () => [...options.scopes],
    period: 3600,
    waitPeriods: 2,
    concurrency: 4,
    firstPeriod: DATASET_DAY,
    until: datasetHour(12),
    retryInitialSeconds: 60,
    retryMaxSeconds: 600,
    ...overrides,
  });
}
