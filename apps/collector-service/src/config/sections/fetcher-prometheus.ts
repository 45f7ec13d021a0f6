import { booleanValue, dictValue, quote, required } from '@kitty-collect/oslo-config';
import { z } from 'zod';
import { isLabelName, labelNameValue, metricNameValue } from '../prometheus-names.js';

export const FETCHER_PROMETHEUS_SECTION = 'fetcher_prometheus';

/** Filter keys are label names written unquoted into the query; values are escaped when rendered. */
function filtersValue() {
  return dictValue().transform((filters, ctx) => {
    const bad = Object.keys(filters).filter((key) => !isLabelName(key));
    if (bad.length === 0) return filters;
    ctx.issues.push({
      code: 'custom',
      message: `keys must be Prometheus label names ([a-zA-Z_][a-zA-Z0-9_]*), got ${bad.map(quote).join(', ')}`,
      input: undefined,
    });
    return z.NEVER;
  });
}

/**
 * The fetcher's own options of `[fetcher_prometheus]` (cloudkitty/fetcher/prometheus.py). `use_aetos` is
 * kitty-collect's: query through the `[collector_aetos]` connection instead of the section's
 * prometheus_url (whose options are then ignored, so one file can still serve CloudKitty).
 */
export const fetcherPrometheusSectionSchema = z
  .object({
    metric: required(
      metricNameValue(),
      'is required with [fetcher] backend = prometheus: the metric whose scope label lists the scopes',
    ),
    scope_attribute: labelNameValue().default('project_id'),
    filters: filtersValue().default({}),
    use_aetos: booleanValue().default(false),
  })
  .transform((section) => ({
    metric: section.metric,
    scopeAttribute: section.scope_attribute,
    filters: section.filters,
    useAetos: section.use_aetos,
  }));

export type FetcherPrometheusSection = z.output<typeof fetcherPrometheusSectionSchema>;
