import { buildQuery } from '@kitty-collect/collectors';
import { buildCollector } from '../service/build-collector.js';
import { CliExit } from './errors/cli-exit.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';
import { loadConfigOrExit, parseInstant } from './load-config.js';

export interface QueryCommandOptions {
  config: string;
  metrics?: string;
  strict?: boolean;
  metric: string;
  scope: string;
  begin: string;
  end: string;
}

/** `kitty-collect query`: the PromQL the collector would run for one rating type, scope and period. */
export async function queryCommand(options: QueryCommandOptions, io: CliIO): Promise<void> {
  const config = await loadConfigOrExit(options, io);
  const begin = parseInstant(options.begin, '--begin');
  const end = parseInstant(options.end, '--end');
  const { collector, close } = buildCollector(config);
  try {
    if (!(options.metric in collector.conf)) {
      throw new CliExit(
        EXIT.invalidConfiguration,
        `--metric: no rating type ${JSON.stringify(options.metric)} in ${config.metrics.path} (known: ${Object.keys(collector.conf).join(', ')})`,
      );
    }
    io.out(
      buildQuery({
        conf: collector.conf,
        metricKey: options.metric,
        start: begin,
        end,
        scopes: { key: collector.scopeKey, id: options.scope },
      }),
    );
  } finally {
    await close();
  }
}
