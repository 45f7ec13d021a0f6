import { formatProblem } from '../config/config-problem.js';
import { KITTY_COLLECT_SECTION } from '../config/sections/kitty-collect.js';
import { storagePathProblem } from '../storage/index.js';
import type { CliIO } from './io.js';
import { type ConfigOptions, invalidConfiguration, loadConfigOrExit } from './load-config.js';

/**
 * `kitty-collect config check`: validates cloudkitty.conf and metrics.yml without contacting anything,
 * and that the storage can be opened or created where `[kitty_collect] storage_path` says (without
 * creating it). Warnings (unknown options) are printed on stderr first, and listed under the summary.
 */
export async function configCheckCommand(options: ConfigOptions, io: CliIO): Promise<void> {
  const config = await loadConfigOrExit(options, io);
  const storageProblem = storagePathProblem(config.kittyCollect.storagePath);
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
      `  storage: ${config.kittyCollect.storagePath}`,
      ...(warnings.length === 0 ? [] : ['  warnings:', ...warnings.map((w) => `    ${formatProblem(w)}`)]),
    ].join('\n'),
  );
}
