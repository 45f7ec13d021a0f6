import { KITTY_COLLECT_SECTION } from '../config/sections/kitty-collect.js';
import { storagePathProblem } from '../storage/index.js';
import type { CliIO } from './io.js';
import { invalidConfiguration, loadConfigOrExit } from './load-config.js';

/**
 * `kitty-collect config check`: validates cloudkitty.conf and metrics.yml without contacting anything,
 * and that the storage can be opened or created where `[kitty_collect] storage_path` says (without
 * creating it).
 */
export async function configCheckCommand(
  options: { config: string; metrics?: string },
  io: CliIO,
): Promise<void> {
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
  io.out(
    [
      `${config.configFile}: valid`,
      `  collector: ${config.collect.collector}, period ${config.collect.period} s, wait_periods ${config.collect.waitPeriods}, scope_key ${config.collect.scopeKey}`,
      `  fetcher: ${config.fetcher.backend}`,
      `  metrics: ${config.metrics.path} (${ratingTypes.length} rating types: ${ratingTypes.join(', ')})`,
      `  storage: ${config.kittyCollect.storagePath}`,
    ].join('\n'),
  );
}
