import type { CliIO } from './io.js';
import { loadConfigOrExit } from './load-config.js';

/** `kitty-collect config check`: validates cloudkitty.conf and metrics.yml without contacting anything. */
export async function configCheckCommand(
  options: { config: string; metrics?: string },
  io: CliIO,
): Promise<void> {
  const config = await loadConfigOrExit(options, io);
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
