import { AetosClient, type AetosClientOptions } from '@kitty-collect/aetos-client';
import { type BaseCollectorOptions, InvalidConfiguration } from '@kitty-collect/collector-base';
import { KeystoneAuthError, loadSessionFromOptions, type Session } from '@kitty-collect/keystone-auth';
import type { PrometheusClientBase } from '@kitty-collect/prometheus-client-base';
import { PrometheusCollectorBase } from '../prometheus/prometheus-collector-base.js';
import { AetosAccessCheck } from './aetos-access-check.js';

export interface AetosCollectorOptions extends BaseCollectorOptions {
  /** A keystone-auth session (shared with other OpenStack clients)… */
  session?: Session;
  /** …or keystoneauth options (`auth_type`, `auth_url`, `username`, …, `cafile`) to build one. */
  keystone?: Record<string, unknown>;
  /**
   * `[collector_aetos]`: `interface` (public), `regionName`, `timeParameter` (auto), plus `endpointOverride`,
   * `timeout`, `retries`.
   */
  aetos?: AetosClientOptions;
  /** A ready client; `session`, `keystone` and `aetos` are then ignored. */
  client?: PrometheusClientBase;
}

/**
 * CloudKitty's `aetos` collector: the same queries and data points as the Prometheus collector, sent
 * through Aetos with a Keystone token, which must hold admin on the token's project, or the service role
 * (checked before the first query: a token Aetos would restrict to its own project is refused).
 */
export class AetosCollector extends PrometheusCollectorBase {
  static override readonly collectorName = 'aetos';

  readonly #accessCheck = new AetosAccessCheck(AetosCollector.collectorName);

  constructor(options: AetosCollectorOptions) {
    super(options, options.client ?? createAetosClient(options));
  }

  /** Refuses a token that Aetos would restrict to its project (see AetosAccessCheck): no partial data. */
  protected override beforeQuery(): Promise<void> {
    return this.#accessCheck.run(this.client);
  }
}

function createAetosClient(options: AetosCollectorOptions): AetosClient {
  try {
    const { logger } = options;
    // The client says once, at info, that it turned to @ pinning (Aetos 1.0): through the collector's logger.
    const info = logger?.info === undefined ? {} : { logger: { info: logger.info.bind(logger) } };
    return new AetosClient(options.session ?? sessionFrom(options.keystone), { ...info, ...options.aetos });
  } catch (error) {
    if (error instanceof InvalidConfiguration) throw error;
    const option =
      error instanceof KeystoneAuthError && 'option' in error ? `keystone.${String(error.option)}` : 'aetos';
    const message = error instanceof Error ? error.message : String(error);
    throw new InvalidConfiguration([{ path: option, message }], { source: 'aetos collector', cause: error });
  }
}

function sessionFrom(keystone: Record<string, unknown> | undefined): Session {
  if (keystone === undefined) {
    throw new InvalidConfiguration(
      [
        {
          path: 'session',
          message: 'give a keystone-auth session, or keystone options (auth_type, auth_url, …)',
        },
      ],
      { source: 'aetos collector' },
    );
  }
  return loadSessionFromOptions(keystone);
}
