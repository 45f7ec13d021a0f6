import type { Logger } from 'pino';
import type { ServiceConfig } from '../config/service-config.js';
import { createScopeFetcher } from '../fetchers/create-scope-fetcher.js';
import { ScopeFetchError } from '../fetchers/errors/scope-fetch-error.js';
import type { ScopeFetcher } from '../fetchers/scope-fetcher.js';
import type { ApiServer } from '../http/index.js';
import { ServiceMetrics } from '../http/metrics.js';
import { CollectionHealth } from '../orchestrator/collection-health.js';
import { Orchestrator, type PassResult, type RunSummary } from '../orchestrator/orchestrator.js';
import { skipDatapointsRules } from '../orchestrator/skip-datapoints.js';
import { buildCollector } from '../service/build-collector.js';
import { createLogger } from '../service/logger.js';
import { serviceHealth } from '../service/service-health.js';
import type { PostgresScopeLeases } from '../storage/index.js';
import { CliExit } from './errors/cli-exit.js';
import { EXIT } from './exit-codes.js';
import { failedPeriodsLine, noScopeText, upstreamFailureLine } from './failure-lines.js';
import type { CliIO } from './io.js';
import { loadConfigOrExit, parseInstant } from './load-config.js';
import { type OpenedStorage, openStorageOrExit } from './open-storage.js';
import { Progress } from './progress.js';
import { startApi } from './start-api.js';

export interface ServeCommandOptions {
  config: string;
  metrics?: string;
  strict?: boolean;
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
  const config = await loadConfigOrExit(options, io, { servesApi: options.once !== true });
  const since = options.since === undefined ? undefined : parseInstant(options.since, '--since');
  const until = options.until === undefined ? undefined : parseInstant(options.until, '--until');
  const firstPeriod =
    since ?? (config.kittyCollect.firstPeriod === 'month' ? undefined : config.kittyCollect.firstPeriod);

  const logger = createLogger(config.kittyCollect.logLevel);
  const metrics = new ServiceMetrics({ collector: config.collect.collector });
  const opened = await openStorageOrExit(config.storage, {
    replica: true,
    onLeaseError: (error, action) => {
      metrics.storageFailed('lease');
      logger.warn(
        { error: error instanceof Error ? error.message : String(error) },
        action === 'renew'
          ? 'Could not renew the leases of this replica: its scopes are given up if it lasts a third of a lease'
          : 'Could not give the leases back: the other replicas take the scopes over when they expire',
      );
    },
  });
  try {
    await collectWith(opened, config, options, { logger, metrics, io, firstPeriod, until });
  } finally {
    // Leases given back: the other replicas take the scopes over at once instead of after their expiry.
    await opened.close();
    logger.flush();
  }
}

interface ServeContext {
  logger: Logger;
  metrics: ServiceMetrics;
  io: CliIO;
  firstPeriod: Date | undefined;
  until: Date | undefined;
}

/** The loop (and the API) on an opened storage; the caller closes the storage whatever happens here. */
async function collectWith(
  opened: OpenedStorage,
  config: ServiceConfig,
  options: ServeCommandOptions,
  { logger, metrics, io, firstPeriod, until }: ServeContext,
): Promise<void> {
  const { storage, leases } = opened;
  const { collector, close: closeCollector } = buildCollector(config, logger);
  const fetcher = createScopeFetcher(config, { logger });
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

  let api: ApiServer | undefined;
  try {
    const progress = new Progress(io);
    const observeLeases = leaseObserver(metrics, leases);
    let noScopes = false;
    // What /healthz answers: from the stored states first, then from every period and pass of the loop.
    const health = new CollectionHealth(options.once ? [] : await storage.listScopeStates(), {
      periodSeconds: config.collect.period,
    });
    const orchestrator = new Orchestrator({
      collector,
      storage,
      ...(leases === undefined ? {} : { coordination: leases }),
      getScopes: async () => {
        const scopes = await fetcher.getScopes();
        const none = noScopeText(fetcher);
        // Once when the scopes run out, not at every pass of the loop.
        if (none !== undefined && !noScopes)
          logger.warn({ fetcher: fetcher.name }, `No scope to rate: ${none}`);
        noScopes = none !== undefined;
        return scopes;
      },
      period: config.collect.period,
      waitPeriods: config.collect.waitPeriods,
      concurrency: config.kittyCollect.concurrency,
      batch: config.kittyCollect.batch,
      batchSize: config.kittyCollect.batchSize,
      // A round of leases is one batch: a replica takes what one batched query serves.
      coordinationRound: config.kittyCollect.batchSize,
      ...(firstPeriod === undefined ? {} : { firstPeriod }),
      ...(until === undefined ? {} : { until }),
      retryInitialSeconds: config.kittyCollect.retryInitialSeconds,
      retryMaxSeconds: config.kittyCollect.retryMaxSeconds,
      skipDatapoints: skipDatapointsRules(collector, config.orchestrator.skipDatapointsExpression),
      metrics: {
        collectionSucceeded: (seconds, points, queries) =>
          metrics.collectionSucceeded(seconds, points, queries),
        collectionFailed: (cause) => metrics.collectionFailed(cause),
        storageFailed: (operation) => metrics.storageFailed(operation),
      },
      logger,
      onPeriod: (event) => {
        progress.tick(event.outcome === 'failed');
        health.period(event);
      },
      onPass: (result) => {
        health.pass(result);
        observeLeases(result);
      },
    });
    if (!options.once) {
      const check = serviceHealth({
        storage,
        metrics,
        collection: health,
        ...(leases === undefined ? {} : { coordination: () => leases.status() }),
      });
      api = await startApi(config, { storage, metrics, health: check, logger });
    }
    logger.info(
      { collector: config.collect.collector, fetcher: fetcher.name, period: config.collect.period },
      options.once ? 'Collecting everything due, then exiting' : 'Collection loop started',
    );
    if (options.once) {
      // Every due period now: the backoff after a failure is the long-running loop's, not cron's.
      const summary = await runOnceOrExit(orchestrator, stop.signal);
      progress.end();
      io.out(runLine(summary, fetcher));
      if (stop.signal.aborted)
        throw new CliExit(
          EXIT.interrupted,
          'Interrupted: stored periods are complete; the rest resumes on the next run',
        );
      if (summary.periodsFailed > 0) {
        throw new CliExit(EXIT.collectionFailed, failedPeriodsLine(summary.failedScopes, summary.scopes), {
          cause: summary.failedScopes[0]?.cause,
        });
      }
    } else {
      await orchestrator.serve(stop.signal, pollSeconds(config));
    }
  } finally {
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGINT', onSignal);
    await api?.close();
    await Promise.allSettled([closeCollector(), fetcher.close()]);
  }
}

/**
 * The one stdout line of `serve --once`; inactive scopes (skipped) are named only when there are some, so
 * the line stays as it always was for everyone else.
 */
function runLine(summary: RunSummary, fetcher: ScopeFetcher): string {
  const none = summary.scopes === 0 ? noScopeText(fetcher) : undefined;
  const notes = [
    ...(summary.inactive > 0 ? [`${summary.inactive} inactive, skipped`] : []),
    ...(summary.heldElsewhere > 0 ? [`${summary.heldElsewhere} held by other replicas`] : []),
  ];
  const note = none ?? (notes.length > 0 ? notes.join(', ') : undefined);
  return `kitty-collect: ${summary.scopes} scopes${note === undefined ? '' : ` (${note})`}, ${summary.periodsStored} periods stored (${summary.points} points), ${summary.periodsFailed} failed`;
}

/**
 * Seconds between passes: at most a minute (a due period waits at most that long), at most a period, and
 * with replicas at most a lease, so that the scopes of a replica that died are taken over soon after
 * their leases expire.
 */
function pollSeconds(config: ServiceConfig): number {
  const lease =
    config.storage.backend === 'postgresql'
      ? config.storage.postgresql.leaseSeconds
      : Number.POSITIVE_INFINITY;
  return Math.min(60, config.collect.period, lease);
}

/**
 * After each pass: the scopes this replica holds, the live replicas, and the takeovers since the last
 * pass. A single process on SQLite holds every scope it collected and is the only replica.
 */
function leaseObserver(
  metrics: ServiceMetrics,
  leases: PostgresScopeLeases | undefined,
): (result: PassResult) => void {
  let takeovers = 0;
  return (result) => {
    if (leases === undefined) {
      if (result.ok) metrics.setScopesHeld(result.scopeIds.length);
      metrics.setReplicas(1);
      return;
    }
    const status = leases.status();
    metrics.setScopesHeld(status.scopesHeld);
    metrics.setReplicas(status.replicas);
    if (status.takeovers > takeovers) metrics.leaseTakenOver(status.takeovers - takeovers);
    takeovers = status.takeovers;
  };
}

/** `runOnce` attempting every due period; a failed scope fetch is exit 2 with its one line. */
async function runOnceOrExit(orchestrator: Orchestrator, signal: AbortSignal): Promise<RunSummary> {
  try {
    return await orchestrator.runOnce(signal, { ignoreBackoff: true });
  } catch (error) {
    const line = error instanceof ScopeFetchError ? upstreamFailureLine(error) : undefined;
    if (line === undefined) throw error;
    throw new CliExit(EXIT.collectionFailed, line, { cause: error });
  }
}
