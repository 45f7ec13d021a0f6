import { quoteValue } from '@kitty-collect/collector-base';
import { isPrometheusLabelName, prometheusNameRules } from '@kitty-collect/collectors';
import { loadMetricsFile } from '../config/metrics-file.js';
import { CliExit } from './errors/cli-exit.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';

/**
 * `kitty-collect validate [metrics.yml]`: CloudKitty's strict metrics.yml validation with the Prometheus
 * collectors' rules, every problem on its own line: `<file>: <field path or line N, column M>: <message>`
 * (a problem of the whole file, such as its size, has no location).
 */
export async function validateCommand(
  metricsFile: string,
  options: { scopeKey: string },
  io: CliIO,
): Promise<void> {
  if (!isPrometheusLabelName(options.scopeKey)) {
    throw new CliExit(
      EXIT.invalidConfiguration,
      `--scope-key: expected ${prometheusNameRules.labelName.expected}, got ${quoteValue(options.scopeKey)}`,
    );
  }
  const { metrics, problems } = await loadMetricsFile(metricsFile, {
    scopeKey: options.scopeKey,
    label: metricsFile,
  });
  if (metrics === undefined) {
    throw new CliExit(
      EXIT.invalidConfiguration,
      problems
        .map(
          (problem) =>
            `${problem.file}: ${problem.path === undefined ? '' : `${problem.path}: `}${problem.message}`,
        )
        .join('\n'),
    );
  }
  const keys = Object.keys(metrics.ratingTypes);
  io.out(
    `${metricsFile}: valid, ${keys.length} rating type${keys.length === 1 ? '' : 's'} (${keys.join(', ')})`,
  );
}
