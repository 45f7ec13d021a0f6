import type { DataFrameJSON } from '@kitty-collect/collector-base';
import { createScopeFetcher } from '../fetchers/create-scope-fetcher.js';
import { collectPeriod } from '../orchestrator/collect-period.js';
import { Limiter } from '../orchestrator/limiter.js';
import { skipDatapoints, skipDatapointsRules } from '../orchestrator/skip-datapoints.js';
import { buildCollector } from '../service/build-collector.js';
import { CliExit } from './errors/cli-exit.js';
import { EXIT } from './exit-codes.js';
import { noScopeText, upstreamFailureLine } from './failure-lines.js';
import type { CliIO } from './io.js';
import { loadConfigOrExit, parseInstant } from './load-config.js';
import { Progress } from './progress.js';
import { formatTable } from './table.js';
import { usageRows, usageTable } from './usage-rows.js';

export interface CollectCommandOptions {
  config: string;
  metrics?: string;
  strict?: boolean;
  begin: string;
  end: string;
  scope?: string[];
  format: string;
}

/** `kitty-collect collect`: one-shot collection of the periods in [begin, end); prints, stores nothing. */
export async function collectCommand(options: CollectCommandOptions, io: CliIO): Promise<void> {
  if (options.format !== 'json' && options.format !== 'table') {
    throw new CliExit(
      EXIT.invalidConfiguration,
      `--format: expected json or table, got ${JSON.stringify(options.format)}`,
    );
  }
  const config = await loadConfigOrExit(options, io);
  const begin = parseInstant(options.begin, '--begin');
  const end = parseInstant(options.end, '--end');
  const period = config.collect.period * 1000;
  if (end.getTime() - begin.getTime() < period) {
    throw new CliExit(
      EXIT.invalidConfiguration,
      `--end must be at least one period (${config.collect.period} s) after --begin`,
    );
  }
  const { collector, close } = buildCollector(config);
  const fetcher = options.scope?.length ? undefined : createScopeFetcher(config);
  try {
    const scopes = options.scope?.length ? options.scope : ((await fetcher?.getScopes()) ?? []);
    const none = fetcher === undefined ? undefined : noScopeText(fetcher);
    if (none !== undefined) io.err(`kitty-collect: warning: no scope to collect: ${none}`);
    const starts: Date[] = [];
    for (let t = begin.getTime(); t + period <= end.getTime(); t += period) starts.push(new Date(t));
    const limiter = new Limiter(config.kittyCollect.concurrency);
    // What serve would store: the same skip_datapoints_expression filter, just before storing.
    const skip = skipDatapointsRules(collector, config.orchestrator.skipDatapointsExpression);
    const progress = new Progress(io, scopes.length * starts.length);
    const frames: DataFrameJSON[] = [];
    for (const start of starts) {
      const collected = await Promise.all(
        scopes.map(async (scopeId) => {
          const result = await collectPeriod(
            collector,
            { scopeId, start, end: new Date(start.getTime() + period) },
            limiter,
          );
          progress.tick(false);
          return skipDatapoints(result.frame, skip).toJSON();
        }),
      );
      frames.push(...collected);
    }
    progress.end();
    if (options.format === 'json') {
      io.out(JSON.stringify({ dataframes: frames }, null, 2));
    } else {
      const { header, rows, footnote } = usageTable(
        usageRows(frames, config.collect.scopeKey),
        config.collect.period,
      );
      io.out(`${formatTable(header, rows)}\n${footnote}`);
    }
  } catch (error) {
    // Upstream failures are expected (exit 2, nothing printed); anything else is a bug (exit 3).
    const line = upstreamFailureLine(error);
    if (line === undefined) throw error;
    throw new CliExit(EXIT.collectionFailed, line, { cause: error });
  } finally {
    await Promise.all([close(), fetcher?.close()]);
  }
}
