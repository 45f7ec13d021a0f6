import { AetosClient, type AetosClientLogger } from '@kitty-collect/aetos-client';
import { type ExtraSessionOptions, Session } from '@kitty-collect/keystone-auth';
import { PrometheusClient } from '@kitty-collect/prometheus-client';
import type { PrometheusClientBase } from '@kitty-collect/prometheus-client-base';
import type { KeystoneConnection } from './keystone-connection.js';
import type { PrometheusConnection } from './sections/prometheus-connection.js';
import type { AetosConnection, QueryConnection } from './service-config.js';

/*
 * Validated connection settings → clients. Nothing here can fail on configuration (it was checked by
 * loadServiceConfig); clients connect lazily, on their first request.
 */

export function createPrometheusClient(connection: PrometheusConnection): PrometheusClient {
  return new PrometheusClient(connection);
}

/** A keystone-auth session from a section's loaded options; `extra` adds e.g. a logger. */
export function createKeystoneSession(
  connection: KeystoneConnection,
  extra: ExtraSessionOptions = {},
): Session {
  return new Session({ auth: connection.auth, ...connection.sessionOptions, ...extra });
}

/**
 * An Aetos client on `session` (one is made from `[collector_aetos]` when not given). CloudKitty's Aetos
 * client runs on the keystoneauth session, whose `timeout` then bounds each query too.
 */
export function createAetosClient(
  connection: AetosConnection,
  session: Session = createKeystoneSession(connection.keystone),
  logger?: AetosClientLogger,
): AetosClient {
  const options: ConstructorParameters<typeof AetosClient>[1] = {
    interface: connection.interface,
    timeParameter: connection.timeParameter,
  };
  if (logger !== undefined) options.logger = logger;
  if (connection.regionName !== undefined) options.regionName = connection.regionName;
  // keystoneauth's adapter options of the section, as collectors' aetosConfFromIni honours them too.
  const { serviceType, endpointOverride } = connection.keystone.adapterOptions;
  if (serviceType !== undefined) options.serviceType = serviceType;
  if (endpointOverride !== undefined) options.endpointOverride = endpointOverride;
  if (connection.keystone.sessionOptions.timeout !== undefined) {
    options.timeout = connection.keystone.sessionOptions.timeout;
  }
  return new AetosClient(session, options);
}

/** A query client for either connection, and how to release what it holds (sockets, the session's pool). */
export function createQueryClient(
  connection: QueryConnection,
  logger?: AetosClientLogger,
): {
  client: PrometheusClientBase;
  close: () => Promise<void>;
} {
  if (connection.via === 'prometheus') {
    const client = createPrometheusClient(connection.prometheus);
    return { client, close: () => client.close() };
  }
  const session = createKeystoneSession(connection.aetos.keystone);
  return {
    client: createAetosClient(connection.aetos, session, logger),
    close: () => session.close(),
  };
}
