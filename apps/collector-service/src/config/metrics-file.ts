import {
  InvalidConfiguration,
  loadMetricsConf,
  type MetricsConf,
  type RawMetricsConf,
  validateConf,
} from '@kitty-collect/collector-base';
import {
  type PrometheusExtraArgs,
  prometheusExtraArgsSchema,
  prometheusNameRules,
} from '@kitty-collect/collectors';
import type { ConfigProblem } from './config-problem.js';

export interface MetricsFile {
  /** Absolute path. */
  path: string;
  /** As parsed: what the collectors take as `conf` (they validate it again, cheaply). */
  raw: RawMetricsConf;
  /** Validated rating types by internal key (`name` or `name@#alt_name`), scope key appended to groupby. */
  ratingTypes: MetricsConf<PrometheusExtraArgs>;
}

/**
 * metrics.yml, read within collector-base's limits (size, encoding, YAML tokens, nesting, aliases, tags),
 * parsed and validated with the strict rules of `kitty-collect validate`, the Prometheus/Aetos `extra_args`
 * schema and Prometheus' name grammar (both collectors share them). Problems are returned, not thrown, so
 * they join the config file's; `path` holds the field path or `line N, column M`.
 */
export async function loadMetricsFile(
  path: string,
  options: { scopeKey: string; label?: string },
): Promise<{ metrics?: MetricsFile; problems: ConfigProblem[] }> {
  const label = options.label ?? path;
  try {
    const raw = await loadMetricsConf(path);
    const ratingTypes = validateConf(raw, {
      scopeKey: options.scopeKey,
      extraArgs: prometheusExtraArgsSchema,
      names: prometheusNameRules,
      source: label,
    });
    return { metrics: { path, raw, ratingTypes }, problems: [] };
  } catch (error) {
    if (!(error instanceof InvalidConfiguration)) throw error;
    return {
      problems: error.issues.map((issue) => {
        const problem: ConfigProblem = { file: label, message: issue.message };
        if (issue.path !== '') problem.path = issue.path;
        if (issue.line !== undefined) problem.line = issue.line;
        return problem;
      }),
    };
  }
}
