import { ServiceMetrics } from '../http/metrics.js';
import { createLogger } from '../service/logger.js';
import { serviceHealth } from '../service/service-health.js';
import type { CliIO } from './io.js';
import { loadConfigOrExit } from './load-config.js';
import { openStorageOrExit } from './open-storage.js';
import { startApi } from './start-api.js';

export interface ApiCommandOptions {
  config: string;
  metrics?: string;
  strict?: boolean;
}

/**
 * `kitty-collect api`: the HTTP API alone on the storage, as `cloudkitty-api` runs beside
 * `cloudkitty-processor` (here: beside `serve`, or `serve --once` from cron). Runs until SIGTERM/SIGINT,
 * then lets the requests in flight finish.
 */
export async function apiCommand(options: ApiCommandOptions, io: CliIO): Promise<void> {
  const config = await loadConfigOrExit(options, io, { servesApi: true });
  const opened = await openStorageOrExit(config.storage);
  const { storage } = opened;
  const logger = createLogger(config.kittyCollect.logLevel);
  const metrics = new ServiceMetrics({ collector: config.collect.collector });
  let onSignal: (signal: NodeJS.Signals) => void = () => {};
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    onSignal = resolve;
  });
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    // Without the loop, health is whether the storage answers.
    const api = await startApi(config, {
      storage,
      metrics,
      health: serviceHealth({ storage, metrics }),
      logger,
    });
    const signal = await stopped;
    logger.info({ signal }, 'Stopping the HTTP API: requests in flight finish');
    await api.close();
  } finally {
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGINT', onSignal);
    await opened.close();
    logger.flush();
  }
}
