import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { ServiceConfig } from '../config/service-config.js';
import type { HealthCheck } from '../http/health.js';
import { type ApiServer, createApiServer } from '../http/index.js';
import type { ServiceMetrics } from '../http/metrics.js';
import { contextIsAdmin, policyDecision } from '../http/policy-access.js';
import type { Storage } from '../storage/storage.js';
import { createApiAuth } from './api-auth.js';
import { CliExit } from './errors/cli-exit.js';
import { EXIT } from './exit-codes.js';

export interface StartApiOptions {
  storage: Storage;
  metrics: ServiceMetrics;
  health: HealthCheck;
  logger: Logger;
}

/**
 * The HTTP API on `[kitty_collect] listen`, as `serve` and `api` run it; exit 1 naming the option when the
 * address cannot be taken.
 */
export async function startApi(config: ServiceConfig, options: StartApiOptions): Promise<ApiServer> {
  const auth = createApiAuth(config, options.logger, contextIsAdmin(config.policy));
  const { tls } = config.kittyCollect;
  const created = createApiServer({
    ...options,
    // Read at start (the loader checked they are readable): a renewed certificate takes a restart.
    ...(tls === undefined
      ? {}
      : { tls: { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } }),
    // CloudKitty authorizes only under auth_strategy = keystone; noauth callers are admin, policy aside.
    ...(auth.authenticate === undefined
      ? {}
      : { authenticate: auth.authenticate, policy: policyDecision(config.policy) }),
    scopeSource: {
      scopeKey: config.collect.scopeKey,
      fetcher: config.fetcher.backend,
      collector: config.collect.collector,
    },
    periodSeconds: config.collect.period,
  });
  const api: ApiServer = {
    server: created.server,
    listen: (host, port) => created.listen(host, port),
    close: async () => {
      await created.close();
      await auth.close();
    },
  };
  const { host, port } = config.kittyCollect.listen;
  const { url } = await api.listen(host, port).catch(async (error: unknown) => {
    await auth.close();
    throw new CliExit(
      EXIT.invalidConfiguration,
      `kitty-collect: cannot listen on ${host}:${port} ([kitty_collect] listen): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  });
  options.logger.info({ url }, 'HTTP API listening');
  return api;
}
