import { promqlString } from '@kitty-collect/collectors';

export interface ScopeQueryOptions {
  metric: string;
  scopeAttribute: string;
  filters: Readonly<Record<string, string>>;
}

/**
 * CloudKitty's PrometheusFetcher query: `max(<metric>{k="v", k2="v2"}) by (<scope_attribute>)`, braces
 * only when there are filters. Unlike CloudKitty, values are PromQL-escaped (a quote or a backslash in a
 * value would otherwise break the query); names were checked as label and metric names by the config.
 */
export function buildScopeQuery(options: ScopeQueryOptions): string {
  const matchers = Object.entries(options.filters).map(([label, value]) => `${label}=${promqlString(value)}`);
  const selector = matchers.length === 0 ? '' : `{${matchers.join(', ')}}`;
  return `max(${options.metric}${selector}) by (${options.scopeAttribute})`;
}
