import { runToCompletion } from '../process/run.js';
import { promtoolBin } from './binaries.js';

/** Turns an OpenMetrics file into TSDB blocks that Prometheus loads at start. */
export async function backfillBlocks(datasetFile: string, dataDir: string, logFile: string): Promise<void> {
  await runToCompletion(promtoolBin(), ['tsdb', 'create-blocks-from', 'openmetrics', datasetFile, dataDir], {
    logFile,
  });
}
