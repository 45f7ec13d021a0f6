/** Start of the month (UTC) of `now`: where CloudKitty starts a scope it has never processed. */
export function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

export interface PeriodRules {
  /** Seconds. */
  period: number;
  /** Whole periods to wait after a period ends before collecting it (late samples). */
  waitPeriods: number;
}

/**
 * Is the period starting at `start` due at `now`? As CloudKitty's `check_time_state`: its end plus
 * `wait_periods` periods must be in the past.
 */
export function isDue(start: Date, rules: PeriodRules, now: Date): boolean {
  return start.getTime() + (rules.period + rules.waitPeriods * rules.period) * 1000 < now.getTime();
}

/** The due periods from `from`, in order, at most `limit` (bounded so a long backlog streams). */
export function duePeriods(
  from: Date,
  rules: PeriodRules,
  now: Date,
  options: { until?: Date; limit?: number } = {},
): { start: Date; end: Date }[] {
  const periods: { start: Date; end: Date }[] = [];
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let start = from;
  while (periods.length < limit && isDue(start, rules, now)) {
    const end = new Date(start.getTime() + rules.period * 1000);
    if (options.until !== undefined && end.getTime() > options.until.getTime()) break;
    periods.push({ start, end });
    start = end;
  }
  return periods;
}

/** Exponential backoff for a failing scope: initial × 2^(failures−1), capped. */
export function backoffSeconds(failures: number, initialSeconds: number, maxSeconds: number): number {
  return Math.min(maxSeconds, initialSeconds * 2 ** Math.max(0, failures - 1));
}
