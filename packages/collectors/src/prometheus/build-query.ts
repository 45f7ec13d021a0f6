import { type MetricsConf, metricNameOf } from '@kitty-collect/collector-base';
import { scopeSetMatcher } from '../batch/scope-set-matcher.js';
import type { PrometheusExtraArgs } from './extra-args.js';
import { promqlString } from './promql-string.js';

/** Whole seconds between two dates, as CloudKitty's `tzutils.diff_seconds`. */
export function periodSeconds(start: Date, end: Date): number {
  return Math.trunc((end.getTime() - start.getTime()) / 1000);
}

/**
 * The PromQL of one rating type for one scope and period, exactly as CloudKitty's `build_query`
 * (with the scope id escaped). `groupby` and `metadata` default to the rating type's own.
 */
export function buildQuery(
  conf: MetricsConf<PrometheusExtraArgs>,
  metricKey: string,
  start: Date,
  end: Date,
  scopeKey: string,
  scopeId: string,
  groupby?: readonly string[],
  metadata?: readonly string[],
): string {
  const matcher = `{${scopeKey}=${promqlString(scopeId)}}`;
  return queryAround(conf, metricKey, matcher, start, end, groupby, metadata);
}

/** The scopes a batched query is limited to (a set matcher on the scope label). */
export interface BatchScopes {
  scopeKey: string;
  scopeIds: readonly string[];
}

/**
 * `buildQuery` without the scope matcher: one query for every scope of the period — or, with `scopes`,
 * with a set matcher for just those scopes. Nothing else changes, so each scope's series are exactly
 * those of its own query — the scope key is in `groupby`, hence in `by (...)`, and no group ever mixes
 * two scopes.
 */
export function buildBatchQuery(
  conf: MetricsConf<PrometheusExtraArgs>,
  metricKey: string,
  start: Date,
  end: Date,
  groupby?: readonly string[],
  metadata?: readonly string[],
  scopes?: BatchScopes,
): string {
  const matcher = scopes === undefined ? '' : scopeSetMatcher(scopes.scopeKey, scopes.scopeIds);
  return queryAround(conf, metricKey, matcher, start, end, groupby, metadata);
}

/** CloudKitty's wrapping (range or `_over_time`, query function, aggregation, prefix, suffix) of a selector. */
function queryAround(
  conf: MetricsConf<PrometheusExtraArgs>,
  metricKey: string,
  matcher: string,
  start: Date,
  end: Date,
  groupby: readonly string[] | undefined,
  metadata: readonly string[] | undefined,
): string {
  const ratingType = conf[metricKey];
  if (ratingType === undefined) throw new RangeError(`Unknown rating type '${metricKey}'`);
  const { aggregation_method, query_function, range_function, query_prefix, query_suffix } =
    ratingType.extra_args;
  const labels = [...(groupby ?? ratingType.groupby), ...(metadata ?? ratingType.metadata)];

  let query = `${metricNameOf(metricKey)}${matcher}[${periodSeconds(start, end)}s]`;
  query = range_function ? `${range_function}(${query})` : `${aggregation_method}_over_time(${query})`;
  if (query_function) query = `${query_function}(${query})`;
  query = `${aggregation_method}(${query}) by (${labels.join(', ')})`;
  if (query_prefix) query = `${query_prefix} ${query}`;
  if (query_suffix) query = `${query} ${query_suffix}`;
  return query;
}
