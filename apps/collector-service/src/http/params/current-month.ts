/** CloudKitty's default window for the v2 API: the month of `now` (UTC), `[first day, next first day)`. */
export function currentMonth(now: Date): { begin: Date; end: Date } {
  return {
    begin: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
    end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
  };
}
