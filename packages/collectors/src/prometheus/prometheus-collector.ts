import { type BaseCollectorOptions, InvalidConfiguration } from '@kitty-collect/collector-base';
import { PrometheusClient, type PrometheusClientOptions } from '@kitty-collect/prometheus-client';
import type { PrometheusClientBase } from '@kitty-collect/prometheus-client-base';
import { PrometheusCollectorBase } from './prometheus-collector-base.js';

export interface PrometheusCollectorOptions extends BaseCollectorOptions {
  /**
   * CloudKitty's `[collector_prometheus]`: `url` is the API base, e.g. `http://127.0.0.1:9090/api/v1`.
   * Required unless `client` is given.
   */
  prometheus?: PrometheusClientOptions;
  /** A ready client (shared connection pool, tests); `prometheus` options are then ignored. */
  client?: PrometheusClientBase;
}

/** CloudKitty's `prometheus` collector: queries the Prometheus HTTP API directly. */
export class PrometheusCollector extends PrometheusCollectorBase {
  static override readonly collectorName = 'prometheus';

  constructor(options: PrometheusCollectorOptions) {
    super(options, options.client ?? createPrometheusClient(options.prometheus));
  }
}

function createPrometheusClient(options: PrometheusClientOptions | undefined): PrometheusClientBase {
  if (options === undefined) {
    throw new InvalidConfiguration([{ path: 'prometheus', message: 'is required (at least { url })' }], {
      source: 'prometheus collector',
    });
  }
  try {
    return new PrometheusClient(options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new InvalidConfiguration([{ path: 'prometheus', message }], {
      source: 'prometheus collector',
      cause: error,
    });
  }
}
