import { quote } from '@kitty-collect/oslo-config';
import { z } from 'zod';

/*
 * Prometheus names in cloudkitty.conf: they are written unquoted into PromQL, so they are checked here
 * rather than escaped there.
 */

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

export function isLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}

/** A Prometheus label name (`project_id="…"`, `by (project_id)`). */
export function labelNameValue() {
  return z.string().transform((text, ctx): string => {
    const name = text.trim();
    if (isLabelName(name)) return name;
    ctx.issues.push({
      code: 'custom',
      message: `expected a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*), got ${quote(text)}`,
      input: undefined,
    });
    return z.NEVER;
  });
}

/** A Prometheus metric name; label matchers go in `filters`. */
export function metricNameValue() {
  return z.string().transform((text, ctx): string => {
    const name = text.trim();
    if (METRIC_NAME.test(name)) return name;
    const hint = name.includes('{') ? ' (put label matchers in filters)' : '';
    ctx.issues.push({
      code: 'custom',
      message: `expected a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), got ${quote(text)}${hint}`,
      input: undefined,
    });
    return z.NEVER;
  });
}
