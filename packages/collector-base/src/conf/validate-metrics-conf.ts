import { z } from 'zod';
import { describeType } from '../decimal/fraction.js';
import { type ConfigurationIssue, InvalidConfiguration } from '../errors/invalid-configuration.js';
import { formatIssuePath } from './issue-path.js';
import { type NameRules, nameProblem } from './name-rules.js';
import { formatCount, quoteValue } from './quote-value.js';
import { metricNameOf, ratingTypeKey } from './rating-type-key.js';
import { type MetricsConf, type RatingType, ratingTypeSchema } from './rating-type-schema.js';

export const DEFAULT_SCOPE_KEY = 'project_id';

export interface ValidateMetricsConfOptions<ExtraArgs extends z.ZodType> {
  /** Label holding the scope id; appended to every `groupby` that lacks it. Default `project_id`. */
  scopeKey?: string;
  /** The collector's `extra_args` schema; by default any mapping is kept as is. */
  extraArgs?: ExtraArgs;
  /** Also apply `validateConf`'s stricter checks. */
  strict?: boolean;
  /** File name used in error messages. */
  source?: string;
  /**
   * The collector's rules for the metric and label names it writes into its queries (metric names,
   * `groupby`, `metadata`, the scope key); by default any non-empty name, as CloudKitty's schema.
   */
  names?: NameRules;
}

/** Problems listed before the rest are only counted: the first ones are what an operator fixes first. */
export const MAX_LISTED_ISSUES = 100;

type Path = (string | number)[];

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a parsed metrics.yml as CloudKitty's `check_configuration` does and returns the rating types
 * keyed by internal key. Collects every problem before throwing one {@link InvalidConfiguration}.
 */
export function validateMetricsConf<ExtraArgs extends z.ZodType = z.ZodType<Record<string, unknown>>>(
  raw: unknown,
  options: ValidateMetricsConfOptions<ExtraArgs> = {},
): MetricsConf<z.output<ExtraArgs>> {
  const scopeKey = options.scopeKey ?? DEFAULT_SCOPE_KEY;
  const names = options.names ?? {};
  const issues: ConfigurationIssue[] = [];
  let unlisted = 0;
  const report = (path: Path, message: string) => {
    if (issues.length < MAX_LISTED_ISSUES) issues.push({ path: formatIssuePath(path), message });
    else unlisted++;
  };
  const fail = () => {
    const more = `${formatCount(unlisted)} more problem${unlisted === 1 ? '' : 's'} not listed`;
    return new InvalidConfiguration(unlisted === 0 ? issues : [...issues, { path: '', message: more }], {
      source: options.source,
    });
  };

  const scopeKeyProblem = nameProblem(names.labelName, scopeKey);
  if (scopeKeyProblem !== undefined) {
    issues.push({ path: 'scopeKey', message: scopeKeyProblem });
    throw fail();
  }
  if (!isMapping(raw)) {
    report([], `expected a mapping with a top-level "metrics" key, got ${describeType(raw)}`);
    throw fail();
  }
  for (const key of Object.keys(raw)) {
    if (key !== 'metrics') report([key], 'unknown top-level option (only "metrics" is allowed)');
  }
  const metrics = raw.metrics;
  if (!isMapping(metrics)) {
    report(
      ['metrics'],
      metrics === undefined ? 'is required' : `expected a mapping, got ${describeType(metrics)}`,
    );
    throw fail();
  }

  const schema = ratingTypeSchema(options.extraArgs ?? passThroughExtraArgs(), names);
  const output: Record<string, RatingType<z.output<ExtraArgs>>> = {};
  const byDisplayName = new Map<string, { key: string; ratingType: RatingType<unknown> }>();
  for (const [metricName, value] of Object.entries(metrics)) {
    const nameIssue =
      metricName.length === 0 ? 'a metric name must not be empty' : nameProblem(names.metricName, metricName);
    if (nameIssue !== undefined)
      report(['metrics', ...(metricName.length === 0 ? [] : [metricName])], nameIssue);
    const entries: [Path, unknown][] = Array.isArray(value)
      ? value.map((item, index): [Path, unknown] => [['metrics', metricName, index], item])
      : [[['metrics', metricName], value]];
    if (Array.isArray(value) && value.length === 0) {
      report(['metrics', metricName], 'expected a rating type or a non-empty list of rating types');
    }
    for (const [path, input] of entries) {
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) report([...path, ...(issue.path as Path)], issue.message);
        continue;
      }
      const ratingType = parsed.data as RatingType<z.output<ExtraArgs>>;
      const key = ratingTypeKey(metricName, ratingType.alt_name);
      if (key in output) {
        report(
          path,
          `duplicate rating type ${quoteValue(key)}: give each rating type of a metric its own alt_name`,
        );
        continue;
      }
      if (!ratingType.groupby.includes(scopeKey)) ratingType.groupby.push(scopeKey);
      checkMutateMap(ratingType, path, report, options.strict === true);
      if (options.strict) {
        checkOverlap(ratingType, path, report);
        checkSharedName({ key, ratingType }, byDisplayName, path, report);
      }
      output[key] = ratingType;
    }
  }
  if (issues.length > 0) throw fail();
  return Object.freeze(output);
}

/** The stricter validation of `kitty-collect validate`: also rejects groupby/metadata overlap and a stray `mutate_map`. */
export function validateConf<ExtraArgs extends z.ZodType = z.ZodType<Record<string, unknown>>>(
  raw: unknown,
  options: Omit<ValidateMetricsConfOptions<ExtraArgs>, 'strict'> = {},
): MetricsConf<z.output<ExtraArgs>> {
  return validateMetricsConf(raw, { ...options, strict: true });
}

function checkMutateMap(
  ratingType: RatingType<unknown>,
  path: Path,
  report: (path: Path, message: string) => void,
  strict: boolean,
): void {
  if (ratingType.mutate === 'MAP' && ratingType.mutate_map === undefined) {
    report([...path, 'mutate_map'], 'is required when mutate is MAP');
  }
  if (strict && ratingType.mutate !== 'MAP' && ratingType.mutate_map !== undefined) {
    report([...path, 'mutate_map'], `is only used with mutate: MAP (mutate is ${ratingType.mutate})`);
  }
}

function checkOverlap(
  ratingType: RatingType<unknown>,
  path: Path,
  report: (path: Path, message: string) => void,
): void {
  const groupby = new Set(ratingType.groupby);
  for (const [index, name] of ratingType.metadata.entries()) {
    if (groupby.has(name)) report([...path, 'metadata', index], `${quoteValue(name)} is also in groupby`);
  }
}

/**
 * Rating types with one display name (`alt_name`, else the metric name) put their points under one name
 * of the frame, which is where `skip_datapoints_expression` applies: they must agree on it.
 */
function checkSharedName(
  entry: { key: string; ratingType: RatingType<unknown> },
  byDisplayName: Map<string, { key: string; ratingType: RatingType<unknown> }>,
  path: Path,
  report: (path: Path, message: string) => void,
): void {
  const name = entry.ratingType.alt_name ?? metricNameOf(entry.key);
  const first = byDisplayName.get(name);
  if (first === undefined) {
    byDisplayName.set(name, entry);
    return;
  }
  const text = (ratingType: RatingType<unknown>) => ratingType.skip_datapoints_expression?.text;
  if (text(first.ratingType) === text(entry.ratingType)) return;
  report(
    [...path, 'skip_datapoints_expression'],
    `must be the same for ${quoteValue(first.key)} and ${quoteValue(entry.key)}: both store their points under ${quoteValue(name)}, where one expression applies`,
  );
}

function passThroughExtraArgs(): z.ZodType<Record<string, unknown>> {
  return z.record(z.string(), z.unknown(), {
    error: (issue) => `expected a mapping, got ${describeType(issue.input)}`,
  });
}
