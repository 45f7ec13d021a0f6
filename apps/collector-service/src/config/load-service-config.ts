import { resolve } from 'node:path';
import { ConfigFileError, type IniFile, readIniFile } from '@kitty-collect/oslo-config';
import { ConfReader } from './conf-reader.js';
import type { ConfigProblem } from './config-problem.js';
import { readEnvOverrides } from './environment.js';
import { loadMetricsFile } from './metrics-file.js';
import { readConfSections } from './read-conf-sections.js';
import type { ServiceConfig } from './service-config.js';
import { ServiceConfigError } from './service-config-error.js';

export interface LoadServiceConfigOptions {
  /** cloudkitty.conf */
  configFile: string;
  /** metrics.yml; overrides `[collect] metrics_conf` (the CLI's `--metrics`). */
  metricsFile?: string;
  /** Where `KITTY_COLLECT__<SECTION>__<OPTION>` overrides are read; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** `--strict`: what would be a warning (an unknown option of a CloudKitty section) is a problem. */
  strict?: boolean;
  /**
   * The command serves the HTTP API (`api`, `serve` without `--once`): with `auth_strategy = keystone`,
   * `[keystone_authtoken]` is read and must be valid. One-shot commands never need it.
   */
  servesApi?: boolean;
}

/**
 * Reads and validates cloudkitty.conf (with environment overrides) and metrics.yml. Nothing is contacted
 * (no Keystone, no Prometheus). Throws one ServiceConfigError listing every problem found in both files
 * (and the warnings, which `--strict` makes problems); the configuration returned has its warnings.
 */
export async function loadServiceConfig(options: LoadServiceConfigOptions): Promise<ServiceConfig> {
  const problems: ConfigProblem[] = [];
  const { overrides, problems: envProblems } = readEnvOverrides(options.env ?? process.env);
  problems.push(...envProblems);

  const ini = readConfFile(options.configFile, problems);
  const reader =
    ini === undefined
      ? undefined
      : new ConfReader(ini.withOverrides(overrides), { strict: options.strict === true });
  const sections =
    reader === undefined ? undefined : readConfSections(reader, { servesApi: options.servesApi === true });
  if (reader !== undefined) problems.push(...reader.problems);

  const metricsPath =
    options.metricsFile === undefined ? sections?.metricsPath : resolve(options.metricsFile);
  const metricsResult =
    metricsPath === undefined
      ? undefined
      : await loadMetricsFile(metricsPath, {
          scopeKey: sections?.scopeKey ?? 'project_id',
          label: options.metricsFile ?? metricsPath,
        });
  problems.push(...(metricsResult?.problems ?? []));

  const warnings = reader?.warnings ?? [];
  if (problems.length > 0) throw new ServiceConfigError(dedupe(problems), warnings);

  const { collect, collector, fetcher, kittyCollect, storage, orchestrator, api, policy } = sections ?? {};
  const metrics = metricsResult?.metrics;
  if (
    collect === undefined ||
    collector === undefined ||
    fetcher === undefined ||
    kittyCollect === undefined ||
    storage === undefined ||
    orchestrator === undefined ||
    api === undefined ||
    policy === undefined
  ) {
    throw new Error('internal error: a part of the configuration is missing without a problem reported');
  }
  if (metrics === undefined) throw new Error('internal error: metrics.yml was not read');
  return {
    configFile: resolve(options.configFile),
    collect: { ...collect, metricsConf: metrics.path },
    collector,
    fetcher,
    kittyCollect,
    storage,
    orchestrator,
    api,
    policy,
    metrics,
    warnings,
  };
}

function readConfFile(path: string, problems: ConfigProblem[]): IniFile | undefined {
  try {
    return readIniFile(path);
  } catch (error) {
    if (!(error instanceof ConfigFileError)) throw error;
    const problem: ConfigProblem = { file: path, message: error.problem };
    if (error.line !== undefined) problem.line = error.line;
    if (error.column !== undefined) problem.column = error.column;
    problems.push(problem);
    return undefined;
  }
}

/**
 * One problem per option: an option checked twice (kitty-collect's `[collector_aetos] interface` and
 * keystone-auth's adapter options) keeps the first, more specific, message.
 */
function dedupe(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    if (problem.option === undefined) return true;
    const key = [problem.file, problem.section?.toLowerCase(), problem.option, problem.path].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
