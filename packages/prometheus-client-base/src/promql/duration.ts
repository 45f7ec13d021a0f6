import { PrometheusQueryOptionsError } from '../errors/prometheus-query-options-error.js';

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
  y: 31_536_000,
};

/**
 * Seconds of a duration as Prometheus reads the `timeout` parameter: seconds (a number, or a decimal
 * string), or a PromQL duration such as `1m30s` or `500ms` (units in decreasing order, each once).
 * A PrometheusQueryOptionsError for `option` otherwise.
 */
export function durationSeconds(duration: number | string, option = 'timeout'): number {
  if (typeof duration === 'number' || /^\s*(\d+\.?\d*|\.\d+)\s*$/.test(duration)) {
    const seconds = Number(duration);
    if (Number.isFinite(seconds) && seconds > 0) return seconds;
  } else {
    const parts = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/.exec(
      duration,
    );
    if (parts !== null && duration !== '') {
      const units = ['y', 'w', 'd', 'h', 'm', 's', 'ms'] as const;
      const seconds = units.reduce(
        (sum, unit, index) => sum + Number(parts[index + 1] ?? 0) * (UNIT_SECONDS[unit] ?? 0),
        0,
      );
      if (seconds > 0) return seconds;
    }
  }
  throw new PrometheusQueryOptionsError(
    option,
    `cannot read ${JSON.stringify(String(duration))} as a duration`,
  );
}
