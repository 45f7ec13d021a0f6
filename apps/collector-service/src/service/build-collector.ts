import type { BaseCollectorOptions, CollectorLogger } from '@kitty-collect/collector-base';
import { AetosCollector, PrometheusCollector, type PrometheusCollectorBase } from '@kitty-collect/collectors';
import { createQueryClient } from '../config/clients.js';
import type { ServiceConfig } from '../config/service-config.js';

export interface ServiceCollector {
  collector: PrometheusCollectorBase;
  /** Releases the client's connections (and the Keystone session's). */
  close: () => Promise<void>;
}

/** The collector `[collect] collector` names, on the connection its section describes. */
export function buildCollector(config: ServiceConfig, logger?: CollectorLogger): ServiceCollector {
  const info = logger?.info === undefined ? undefined : { info: logger.info.bind(logger) };
  const { client, close } = createQueryClient(config.collector, info);
  const options: BaseCollectorOptions & { client: typeof client } = {
    period: config.collect.period,
    conf: config.metrics.raw,
    scopeKey: config.collect.scopeKey,
    client,
    ...(logger === undefined ? {} : { logger }),
  };
  const collector =
    config.collector.via === 'aetos' ? new AetosCollector(options) : new PrometheusCollector(options);
  return { collector, close };
}
