import { type ConfigProblem, formatProblem, formatProblems } from '../config/config-problem.js';
import { loadServiceConfig } from '../config/load-service-config.js';
import type { ServiceConfig } from '../config/service-config.js';
import { ServiceConfigError } from '../config/service-config-error.js';
import { CliExit } from './errors/cli-exit.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';

export interface ConfigOptions {
  config: string;
  metrics?: string;
  /** `--strict`: unknown options of CloudKitty's sections are problems, not warnings. */
  strict?: boolean;
}

/**
 * The whole configuration, validated before anything starts; every problem printed on failure. Warnings
 * go to stderr first, one line each, whether the configuration is valid or not.
 */
export async function loadConfigOrExit(
  options: ConfigOptions,
  io: CliIO,
  purpose: { servesApi?: boolean } = {},
): Promise<ServiceConfig> {
  let config: ServiceConfig;
  try {
    config = await loadServiceConfig({
      configFile: options.config,
      servesApi: purpose.servesApi === true,
      ...(options.metrics === undefined ? {} : { metricsFile: options.metrics }),
      env: io.env,
      strict: options.strict === true,
    });
  } catch (error) {
    if (!(error instanceof ServiceConfigError)) throw error;
    printWarnings(error.warnings, io);
    throw invalidConfiguration(error.problems);
  }
  printWarnings(config.warnings, io);
  return config;
}

/** `kitty-collect: warning: cloudkitty.conf [collect] wait_period: unknown option (…)`, on stderr. */
export function warningLine(warning: ConfigProblem): string {
  return `kitty-collect: warning: ${formatProblem(warning)}`;
}

function printWarnings(warnings: readonly ConfigProblem[], io: CliIO): void {
  for (const warning of warnings) io.err(warningLine(warning));
}

/** Exit 1, listing every problem. */
export function invalidConfiguration(problems: readonly ConfigProblem[]): CliExit {
  const lines = formatProblems(problems);
  return new CliExit(
    EXIT.invalidConfiguration,
    `Invalid configuration (${lines.length} problem${lines.length === 1 ? '' : 's'}):\n${lines.map((l) => `  ${l}`).join('\n')}`,
  );
}

/** An ISO 8601 instant from the command line, or a clear error naming the option. */
export function parseInstant(value: string, option: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new CliExit(
      EXIT.invalidConfiguration,
      `${option}: expected an ISO 8601 date or time, got ${JSON.stringify(value)}`,
    );
  }
  return date;
}
