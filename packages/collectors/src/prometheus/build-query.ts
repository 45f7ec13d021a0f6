import { type MetricsConf, metricNameOf } from '@kitty-collect/collector-base';
import type { PrometheusExtraArgs } from './extra-args.js';
import { promqlString } from './promql-string.js';
import { scopeSetMatcher } from './scope-set-matcher.js';

/** Whole seconds between two dates, as CloudKitty's `tzutils.diff_seconds`. */
export function periodSeconds(start: Date, end: Date): number {
  return Math.trunc((end.getTime() - start.getTime()) / 1000);
}

/**
 * Whose series a query selects, by the scope label `key`: one scope (CloudKitty's `{key="id"}`), several
 * (a set matcher `{key=~"a|b"}`, each id escaped as a literal), or every scope (`'all'`: no matcher).
 */
export type QueryScopes = { key: string; id: string } | { key: string; ids: readonly string[] } | 'all';

export interface BuildQueryOptions {
  /** The validated metrics.yml (`collector.conf`): the scope key already in each `groupby`. */
  conf: MetricsConf<PrometheusExtraArgs>;
  /** Internal key of the rating type: `name`, or `name@#alt_name`. */
  metricKey: string;
  start: Date;
  end: Date;
  scopes: QueryScopes;
  /** Labels of `by (...)`, before `metadata`; default the rating type's own. */
  groupby?: readonly string[] | undefined;
  /** Labels of `by (...)`, after `groupby`; default the rating type's own. */
  metadata?: readonly string[] | undefined;
}

/**
 * The PromQL of one rating type and period, exactly as CloudKitty's `build_query` (the scope id escaped):
 *
 * `<method>(<query_function>(<range_function | <method>_over_time>(metric{scope}[<period>s]))) by (<groupby>, <metadata>)`,
 * then `query_prefix + " "` and `" " + query_suffix`. With several scopes or `'all'`, only the selector
 * changes: the scope key is in `groupby`, hence in `by (...)`, so each scope's series are exactly those
 * of its own query and no group mixes two scopes.
 */
export function buildQuery(options: BuildQueryOptions): string {
  const { conf, metricKey, start, end } = options;
  const ratingType = conf[metricKey];
  if (ratingType === undefined) throw new RangeError(`Unknown rating type '${metricKey}'`);
  const { aggregation_method, query_function, range_function, query_prefix, query_suffix } =
    ratingType.extra_args;
  const labels = [...(options.groupby ?? ratingType.groupby), ...(options.metadata ?? ratingType.metadata)];
  let query = `${metricNameOf(metricKey)}${matcherOf(options.scopes)}[${periodSeconds(start, end)}s]`;
  query = range_function ? `${range_function}(${query})` : `${aggregation_method}_over_time(${query})`;
  if (query_function) query = `${query_function}(${query})`;
  query = `${aggregation_method}(${query}) by (${labels.join(', ')})`;
  if (query_prefix) query = `${query_prefix} ${query}`;
  if (query_suffix) query = `${query} ${query_suffix}`;
  return query;
}

function matcherOf(scopes: QueryScopes): string {
  if (scopes === 'all') return '';
  if ('id' in scopes) return `{${scopes.key}=${promqlString(scopes.id)}}`;
  return scopeSetMatcher(scopes.key, scopes.ids);
}
