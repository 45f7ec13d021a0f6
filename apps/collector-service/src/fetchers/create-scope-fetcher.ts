import { redactUrl } from '@kitty-collect/http-request';
import type { Session, SessionLogger } from '@kitty-collect/keystone-auth';
import type { PrometheusClientBase } from '@kitty-collect/prometheus-client-base';
import { createKeystoneSession, createQueryClient } from '../config/clients.js';
import type { ServiceConfig } from '../config/service-config.js';
import { KeystoneFetcher } from './keystone/keystone-fetcher.js';
import { PrometheusFetcher } from './prometheus/prometheus-fetcher.js';
import type { ScopeFetcher } from './scope-fetcher.js';
import { SourceFetcher } from './source-fetcher.js';

export interface ScopeFetcherDeps {
  /** Evaluation time of the prometheus fetcher's query; default now. */
  now?: () => Date;
  /** keystone backend: a session to use instead of one made from `[fetcher_keystone]` (not closed by the fetcher). */
  keystoneSession?: Session;
  /** prometheus backend: a client to use instead of one made from the config (not closed by the fetcher). */
  queryClient?: PrometheusClientBase;
  /** For the sessions the fetcher makes (token renewal warnings). */
  logger?: SessionLogger;
}

/** CloudKitty's `get_fetcher`: the backend named in `[fetcher] backend`, on the validated configuration. */
export function createScopeFetcher(
  config: Pick<ServiceConfig, 'fetcher'>,
  deps: ScopeFetcherDeps = {},
): ScopeFetcher {
  const { fetcher } = config;
  switch (fetcher.backend) {
    case 'source':
      return new SourceFetcher(fetcher.sources);
    case 'keystone': {
      const { connection, ignoreRatingRole, ignoreDisabledTenants } = fetcher.keystone;
      const session =
        deps.keystoneSession ??
        createKeystoneSession(connection, deps.logger === undefined ? {} : { logger: deps.logger });
      const adapter = connection.adapterOptions;
      return new KeystoneFetcher({
        session,
        ownsSession: deps.keystoneSession === undefined,
        ignoreRatingRole,
        ignoreDisabledTenants,
        ...(adapter.interface === undefined ? {} : { interface: adapter.interface }),
        ...(adapter.regionName === undefined ? {} : { regionName: adapter.regionName }),
        ...(adapter.endpointOverride === undefined ? {} : { endpointOverride: adapter.endpointOverride }),
      });
    }
    case 'prometheus': {
      const { metric, scopeAttribute, filters, connection } = fetcher.prometheus;
      // A given client stays its owner's to close.
      const { client, close } =
        deps.queryClient === undefined
          ? createQueryClient(connection)
          : { client: deps.queryClient, close: async () => {} };
      return new PrometheusFetcher({
        client,
        close,
        metric,
        scopeAttribute,
        filters,
        where:
          connection.via === 'prometheus'
            ? redactUrl(connection.prometheus.url)
            : 'Aetos (the metric-storage endpoint of the catalog)',
        ...(deps.now === undefined ? {} : { now: deps.now }),
      });
    }
  }
}
