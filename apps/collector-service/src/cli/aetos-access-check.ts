import { AetosAccessError, requireAetosAllProjects } from '@kitty-collect/aetos-client';
import { KeystoneAuthError } from '@kitty-collect/keystone-auth';
import { createKeystoneSession } from '../config/clients.js';
import type { ConfigProblem } from '../config/config-problem.js';
import { COLLECTOR_AETOS_SECTION } from '../config/sections/collector-aetos.js';
import type { AetosConnection, ServiceConfig } from '../config/service-config.js';
import { redactText } from '../service/logger.js';

/** Seconds `config check` waits for Keystone (at most; less when `[collector_aetos] timeout` says less). */
export const AETOS_CHECK_TIMEOUT = 10;

/** The `[collector_aetos]` connection when the collector, or the Prometheus scope fetcher, goes through Aetos. */
export function aetosConnectionOf(config: ServiceConfig): AetosConnection | undefined {
  if (config.collector.via === 'aetos') return config.collector.aetos;
  const { fetcher } = config;
  if (fetcher.backend === 'prometheus' && fetcher.prometheus.connection.via === 'aetos') {
    return fetcher.prometheus.connection.aetos;
  }
  return undefined;
}

/** What `config check` found of the Aetos token's roles: a summary line, or a problem (the roles fall short). */
export type AetosAccessCheck = { line: string; problem?: undefined } | { problem: ConfigProblem };

/**
 * Authenticates once with `[collector_aetos]`'s Keystone options and applies Aetos' policy to the roles
 * Keystone gives: `  aetos access: all projects (role service)`, or a problem naming the section and the
 * roles needed when Aetos would restrict the token to its own project (or refuse it). A Keystone that
 * cannot be reached or refuses the credentials leaves access unchecked: `  aetos access: not checked (…)`,
 * URLs redacted. Only the token request is sent, never a query.
 */
export async function checkAetosAccess(connection: AetosConnection, file: string): Promise<AetosAccessCheck> {
  const timeout = Math.min(
    connection.keystone.sessionOptions.timeout ?? AETOS_CHECK_TIMEOUT,
    AETOS_CHECK_TIMEOUT,
  );
  const session = createKeystoneSession(connection.keystone, { timeout });
  try {
    const role = requireAetosAllProjects(await session.getAccess());
    return { line: `  aetos access: all projects (role ${role})` };
  } catch (error) {
    if (error instanceof AetosAccessError) {
      return { problem: { file, section: COLLECTOR_AETOS_SECTION, message: error.message } };
    }
    if (error instanceof KeystoneAuthError) {
      return { line: `  aetos access: not checked (${redactText(error.message)})` };
    }
    throw error;
  } finally {
    await session.close();
  }
}
