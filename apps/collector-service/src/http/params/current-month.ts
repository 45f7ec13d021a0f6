import { monthStart } from '../../orchestrator/periods.js';

/** CloudKitty's default window for the v2 API: the month of `now` (UTC), `[first day, next first day)`. */
export function currentMonth(now: Date): { begin: Date; end: Date } {
  return { begin: monthStart(now), end: monthStart(now, 1) };
}
