import { InvalidConfiguration, loadMetricsConf, validateConf } from '@kitty-collect/collector-base';
import { prometheusExtraArgsSchema } from '@kitty-collect/collectors';
import { CliExit } from './errors/cli-exit.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';

/** `kitty-collect validate [metrics.yml]`: CloudKitty's strict metrics.yml validation, every problem listed. */
export async function validateCommand(
  metricsFile: string,
  options: { scopeKey: string },
  io: CliIO,
): Promise<void> {
  try {
    const conf = validateConf(await loadMetricsConf(metricsFile), {
      scopeKey: options.scopeKey,
      extraArgs: prometheusExtraArgsSchema,
      source: metricsFile,
    });
    const keys = Object.keys(conf);
    io.out(
      `${metricsFile}: valid, ${keys.length} rating type${keys.length === 1 ? '' : 's'} (${keys.join(', ')})`,
    );
  } catch (error) {
    if (!(error instanceof InvalidConfiguration)) throw error;
    const source = error.source ?? metricsFile;
    throw new CliExit(
      EXIT.invalidConfiguration,
      error.issues
        .map((issue) => `${source}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`)
        .join('\n'),
    );
  }
}
