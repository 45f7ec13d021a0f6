import { redactText } from '../service/logger.js';
import type { CliIO } from './io.js';
import { type ConfigOptions, loadConfigOrExit } from './load-config.js';
import { openStorageOrExit } from './open-storage.js';
import { formatTable } from './table.js';
import { usageRows, usageTable } from './usage-rows.js';

/** `kitty-collect summary`: what the storage holds, per scope and rating type, and each scope's state. */
export async function summaryCommand(options: ConfigOptions, io: CliIO): Promise<void> {
  const config = await loadConfigOrExit(options, io);
  const opened = await openStorageOrExit(config.storage);
  const { storage } = opened;
  try {
    const { dataframes } = await storage.queryDataFrames({});
    const usage = usageTable(usageRows(dataframes, config.collect.scopeKey), config.collect.period);
    const states = await storage.listScopeStates();
    io.out(
      [
        `Storage ${opened.location}: ${await storage.countDataFrames()} dataframes`,
        '',
        formatTable(
          ['scope', 'last processed', 'state', 'active', 'failures', 'last error'],
          states.map((s) => [
            s.scopeId,
            // CloudKitty's last_processed_timestamp: the start of the last stored period.
            s.lastProcessed?.toISOString() ?? '-',
            s.state,
            s.active ? 'yes' : 'no',
            String(s.failures),
            redactText(s.lastError ?? ''),
          ]),
        ),
        '',
        formatTable(usage.header, usage.rows),
        usage.footnote,
      ].join('\n'),
    );
  } finally {
    await opened.close();
  }
}
