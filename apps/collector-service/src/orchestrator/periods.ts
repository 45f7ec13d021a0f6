/**
 * Start of the month (UTC) of `now`, or of the month `monthsAhead` after it: where CloudKitty starts a
 * scope it has never processed, and the API's default window (tzutils.get_month_start/get_next_month).
 */
export function monthStart(now: Date, monthsAhead = 0): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsAhead, 1));
}

export interface PeriodRules {
  /** Seconds. */
  period: number;
  /** Periods to wait, counted from the period's START, before collecting it (late samples). */
  waitPeriods: number;
}

/**
 * Is the period starting at `start` due at `now`? CloudKitty's `check_time_state`: a scope whose last
 * period starts at `t` gets `[t + p, t + 2p)` once `t + p + wait_periods × p < now`, i.e. the period
 * starting at `s` once `s + wait_periods × p < now` — strictly, as CloudKitty compares: at that very instant
 * it is not due yet. One difference: CloudKitty's `wait_periods = 0` takes a period that has only begun
 * (`s < now`, its samples still to come); kitty-collect never collects a period before it has ended, so
 * 0 counts as 1 (`end < now`). Every period follows this rule, a new scope's first one included (CloudKitty
 * returns it at once: for a month that has just begun, a period still running).
 */
export function isDue(start: Date, rules: PeriodRules, now: Date): boolean {
  return start.getTime() + Math.max(rules.waitPeriods, 1) * rules.period * 1000 < now.getTime();
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
