import { createScopeFetcher } from '../fetchers/create-scope-fetcher.js';
import { createApiServer } from '../http/index.js';
import { ServiceMetrics } from '../http/metrics.js';
import { Orchestrator, type RunSummary } from '../orchestrator/orchestrator.js';
import { buildCollector } from '../service/build-collector.js';
import { createLogger } from '../service/logger.js';
import { openSqliteStorage } from '../storage/index.js';
import { CliExit } from './errors/cli-exit.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';
import { loadConfigOrExit, parseInstant } from './load-config.js';
import { Progress } from './progress.js';

export interface ServeCommandOptions {
  config: string;
  metrics?: string;
  once?: boolean;
  since?: string;
  until?: string;
  listen?: boolean;
}

/**
 * `kitty-collect serve`: the collection loop (and the HTTP API unless `--once`). Everything is validated
 * before anything starts; SIGTERM/SIGINT stop taking work and abandon in-flight periods cleanly.
 */
export async function serveCommand(options: ServeCommandOptions, io: CliIO): Promise<void> {
  const config = await loadConfigOrExit(options, io);
  const since = options.since === undefined ? undefined : parseInstant(options.since, '--since');
  const until = options.until === undefined ? undefined : parseInstant(options.until, '--until');
  const firstPeriod =
    since ?? (config.kittyCollect.firstPeriod === 'month' ? undefined : config.kittyCollect.firstPeriod);

  const logger = createLogger(config.kittyCollect.logLevel);
  const storage = openSqliteStorage(config.kittyCollect.storagePath);
  const { collector, close: closeCollector } = buildCollector(config, logger);
  const fetcher = createScopeFetcher(config, { logger });
  const metrics = new ServiceMetrics({ collector: config.collect.collector });
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info(
      { signal },
      'Stopping: no new periods; in-flight periods are abandoned, nothing partial is stored',
    );
    stop.abort();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);

  const progress = new Progress(io);
  let lastPass: RunSummary | undefined;
  const orchestrator = new Orchestrator({
    collector,
    storage,
    getScopes: () => fetcher.getScopes(),
    period: config.collect.period,
    waitPeriods: config.collect.waitPeriods,
    concurrency: config.kittyCollect.concurrency,
    batch: config.kittyCollect.batch,
    batchSize: config.kittyCollect.batchSize,
    ...(firstPeriod === undefined ? {} : { firstPeriod }),
    ...(until === undefined ? {} : { until }),
    retryInitialSeconds: config.kittyCollect.retryInitialSeconds,
    retryMaxSeconds: config.kittyCollect.retryMaxSeconds,
    metrics: {
      collectionSucceeded: (seconds, points, queries) =>
        metrics.collectionSucceeded(seconds, points, queries),
      collectionFailed: (cause) => metrics.collectionFailed(cause),
    },
    logger,
    onPeriod: (event) => progress.tick(event.outcome === 'failed'),
  });

  const api = options.once
    ? undefined
    : createApiServer({
        storage,
        metrics,
        health: () => ({ healthy: true, details: { lastPass } }),
        logger,
        scopeSource: {
          scopeKey: config.collect.scopeKey,
          fetcher: config.fetcher.backend,
          collector: config.collect.collector,
        },
      });
  try {
    if (api !== undefined) {
      const { url } = await api.listen(config.kittyCollect.listen.host, config.kittyCollect.listen.port);
      logger.info({ url }, 'HTTP API listening');
    }
    logger.info(
      { collector: config.collect.collector, fetcher: fetcher.name, period: config.collect.period },
      options.once ? 'Collecting everything due, then exiting' : 'Collection loop started',
    );
    if (options.once) {
      lastPass = await orchestrator.runOnce(stop.signal);
      progress.end();
      io.out(
        `kitty-collect: ${lastPass.scopes} scopes, ${lastPass.periodsStored} periods stored (${lastPass.points} points), ${lastPass.periodsFailed} failed`,
      );
      if (stop.signal.aborted)
        throw new CliExit(
          EXIT.interrupted,
          'Interrupted: stored periods are complete; the rest resumes on the next run',
        );
      if (lastPass.periodsFailed > 0) {
        throw new CliExit(
          EXIT.collectionFailed,
          lastPass.failedScopes.map((f) => `scope ${f.scopeId}: ${f.error}`).join('\n'),
        );
      }
    } else {
      await orchestrator.serve(stop.signal, Math.min(60, config.collect.period));
    }
  } finally {
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGINT', onSignal);
    await api?.close();
    await Promise.allSettled([closeCollector(), fetcher.close()]);
    storage.close();
    logger.flush();
  }
}
