import type { Labels } from '@kitty-collect/prometheus-client-base';
import { promqlString } from './promql-string.js';

/** `name{a="1", b="2"}`: how Prometheus itself prints a series, for log messages. */
export function seriesName(metricName: string, labels: Labels): string {
  const pairs = Object.entries(labels).map(([label, value]) => `${label}=${promqlString(value)}`);
  return `${metricName}{${pairs.join(', ')}}`;
}
