import {
  isPrometheusLabelName,
  isPrometheusMetricName,
  prometheusNameRules,
} from '@kitty-collect/collectors';
import { quote } from '@kitty-collect/oslo-config';
import { z } from 'zod';

/*
 * Prometheus names in cloudkitty.conf: they are written unquoted into PromQL, so they are checked here
 * rather than escaped there. The grammar has one home, @kitty-collect/collectors (`prometheusNameRules`),
 * which also checks the names of metrics.yml.
 */

export { isPrometheusLabelName as isLabelName };

/** A Prometheus label name (`project_id="…"`, `by (project_id)`). */
export function labelNameValue() {
  return z.string().transform((text, ctx): string => {
    const name = text.trim();
    if (isPrometheusLabelName(name)) return name;
    ctx.issues.push({
      code: 'custom',
      message: `expected ${prometheusNameRules.labelName.expected}, got ${quote(text)}`,
      input: undefined,
    });
    return z.NEVER;
  });
}

/** A Prometheus metric name; label matchers go in `filters`. */
export function metricNameValue() {
  return z.string().transform((text, ctx): string => {
    const name = text.trim();
    if (isPrometheusMetricName(name)) return name;
    const hint = name.includes('{') ? ' (put label matchers in filters)' : '';
    ctx.issues.push({
      code: 'custom',
      message: `expected ${prometheusNameRules.metricName.expected}, got ${quote(text)}${hint}`,
      input: undefined,
    });
    return z.NEVER;
  });
}
