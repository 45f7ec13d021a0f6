import { quoteValue } from '@kitty-collect/collector-base';
import { formatProblem } from '../config/config-problem.js';
import { KITTY_COLLECT_SECTION } from '../config/sections/kitty-collect.js';
import { DEFAULT_SKIP_DATAPOINTS_EXPRESSION } from '../config/sections/orchestrator.js';
import type { ServiceConfig } from '../config/service-config.js';
import { storagePathProblem } from '../storage/index.js';
import { aetosConnectionOf, checkAetosAccess } from './aetos-access-check.js';
import type { CliIO } from './io.js';
import { type ConfigOptions, invalidConfiguration, loadConfigOrExit } from './load-config.js';
import { storageLocation } from './open-storage.js';

/**
 * `kitty-collect config check`: validates cloudkitty.conf and metrics.yml, and that the storage can be
 * opened or created where `[kitty_collect] storage_path` says (without creating it). It contacts nothing,
 * except Keystone when the collector or the Prometheus scope fetcher goes through Aetos: one token request
 * with the `[collector_aetos]` options (at most 10 s), whose roles must let Aetos answer for every project
 * (role admin on the token's project, or role service) — else a problem in `[collector_aetos]` (exit 1);
 * a Keystone that cannot be reached (or refuses the credentials) leaves it "not checked" (exit 0).
 * Warnings (unknown options) are printed on stderr first, and listed under the summary.
 */
export async function configCheckCommand(options: ConfigOptions, io: CliIO): Promise<void> {
  const config = await loadConfigOrExit(options, io);
  const storageProblem =
    config.storage.backend === 'sqlite' ? storagePathProblem(config.storage.path) : undefined;
  if (storageProblem !== undefined) {
    throw invalidConfiguration([
      {
        file: config.configFile,
        section: KITTY_COLLECT_SECTION,
        option: 'storage_path',
        message: storageProblem,
      },
    ]);
  }
  const aetos = aetosConnectionOf(config);
  const access = aetos === undefined ? undefined : await checkAetosAccess(aetos, config.configFile);
  if (access?.problem !== undefined) throw invalidConfiguration([access.problem]);
  const ratingTypes = Object.keys(config.metrics.ratingTypes);
  const { warnings } = config;
  const counted =
    warnings.length === 0 ? '' : ` (${warnings.length} warning${warnings.length === 1 ? '' : 's'})`;
  io.out(
    [
      `${config.configFile}: valid${counted}`,
      `  collector: ${config.collect.collector}, period ${config.collect.period} s, wait_periods ${config.collect.waitPeriods}, scope_key ${config.collect.scopeKey}`,
      `  fetcher: ${config.fetcher.backend}`,
      `  metrics: ${config.metrics.path} (${ratingTypes.length} rating types: ${ratingTypes.join(', ')})`,
      ...skipDatapointsLines(config),
      storageLine(config),
      ...(access === undefined ? [] : [access.line]),
      ...(warnings.length === 0 ? [] : ['  warnings:', ...warnings.map((w) => `    ${formatProblem(w)}`)]),
    ].join('\n'),
  );
}

/** The SQLite file, or the PostgreSQL database (not contacted: a database may be down during a check). */
function storageLine(config: ServiceConfig): string {
  const { storage } = config;
  if (storage.backend === 'sqlite') return `  storage: ${storage.path}`;
  const { poolSize, leaseSeconds, ssl } = storage.postgresql;
  return `  storage: postgresql ${storageLocation(storage)} (pool ${poolSize}, ssl_mode ${ssl.mode}, leases ${leaseSeconds} s; not contacted)`;
}

/** Which `skip_datapoints_expression` applies, once one is set: the `[orchestrator]` default and who has its own. */
function skipDatapointsLines(config: ServiceConfig): string[] {
  const fallback = config.orchestrator.skipDatapointsExpression.text;
  const own = Object.entries(config.metrics.ratingTypes)
    .filter(([, ratingType]) => ratingType.skip_datapoints_expression !== undefined)
    .map(([key]) => key);
  if (own.length === 0 && fallback === DEFAULT_SKIP_DATAPOINTS_EXPRESSION) return [];
  const others = own.length === 0 ? '' : `; their own for ${own.join(', ')}`;
  return [`  skip_datapoints_expression: ${quoteValue(fallback)} for rating types without one${others}`];
}
