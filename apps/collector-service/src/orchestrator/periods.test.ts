import { describe, expect, it } from 'vitest';
import { backoffSeconds, duePeriods, isDue, monthStart } from './periods.js';

const HOUR = 3600;
const at = (iso: string) => new Date(iso);
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);
const rules = (waitPeriods: number) => ({ period: HOUR, waitPeriods });

/** Starts (HH:MM) of the due periods from `from` at `now`. */
const due = (from: Date, waitPeriods: number, now: Date, options?: Parameters<typeof duePeriods>[3]) =>
  duePeriods(from, rules(waitPeriods), now, options).map(({ start }) => start.toISOString().slice(11, 16));

describe('isDue: CloudKitty’s check_time_state, never before the period has ended', () => {
  // The last stored period starts at 10:00 (CloudKitty's state); the next one is 11:00–12:00.
  const next = at('2026-03-04T11:00:00Z');

  it.each([
    // wait_periods, the instant CloudKitty compares with (strictly): t + p + wait × p
    [2, '2026-03-04T13:00:00Z'],
    [1, '2026-03-04T12:00:00Z'],
    // CloudKitty: 11:00 (the period has just begun); kitty-collect waits for its end.
    [0, '2026-03-04T12:00:00Z'],
  ])('wait_periods %i: due strictly after %s', (waitPeriods, iso) => {
    const boundary = at(iso);
    expect(isDue(next, rules(waitPeriods), ms(boundary, -1))).toBe(false);
    expect(isDue(next, rules(waitPeriods), boundary)).toBe(false);
    expect(isDue(next, rules(waitPeriods), ms(boundary, 1))).toBe(true);
  });

  it('counts wait_periods from the period start: with 2, a period is collected one period after it ended', () => {
    const end = ms(next, HOUR * 1000);
    expect(isDue(next, rules(2), ms(end, HOUR * 1000))).toBe(false);
    expect(isDue(next, rules(2), ms(end, HOUR * 1000 + 1))).toBe(true);
    expect(isDue(next, { period: 300, waitPeriods: 3 }, at('2026-03-04T11:15:00.001Z'))).toBe(true);
    expect(isDue(next, { period: 300, waitPeriods: 3 }, at('2026-03-04T11:15:00Z'))).toBe(false);
  });
});

describe('duePeriods', () => {
  const from = at('2026-03-04T00:00:00Z');
  const now = at('2026-03-04T06:00:00Z');

  it.each([
    [0, ['00:00', '01:00', '02:00', '03:00', '04:00']],
    [1, ['00:00', '01:00', '02:00', '03:00', '04:00']],
    [2, ['00:00', '01:00', '02:00', '03:00']],
    [3, ['00:00', '01:00', '02:00']],
  ])('wait_periods %i at 06:00 exactly: %j', (waitPeriods, starts) => {
    expect(due(from, waitPeriods, now)).toEqual(starts);
  });

  it('one more period a millisecond later', () => {
    expect(due(from, 0, ms(now, 1)).at(-1)).toBe('05:00');
    expect(due(from, 1, ms(now, 1)).at(-1)).toBe('05:00');
    expect(due(from, 2, ms(now, 1)).at(-1)).toBe('04:00');
  });

  it('stops at `until` (a period ending after it is left) and at `limit`', () => {
    expect(due(from, 2, now, { until: at('2026-03-04T02:00:00Z') })).toEqual(['00:00', '01:00']);
    expect(due(from, 2, now, { until: at('2026-03-04T02:30:00Z') })).toEqual(['00:00', '01:00']);
    expect(due(from, 2, now, { limit: 1 })).toEqual(['00:00']);
    expect(duePeriods(from, rules(2), now, { limit: 1 })).toEqual([
      { start: from, end: at('2026-03-04T01:00:00Z') },
    ]);
  });

  it("a scope never processed starts at the month's start and waits like any other period", () => {
    // CloudKitty hands out the month start at once, even at 00:30 on the 1st (a period still running).
    const firstOfMonth = at('2026-03-01T00:30:00Z');
    const start = monthStart(firstOfMonth);
    expect(start).toEqual(at('2026-03-01T00:00:00Z'));
    expect(due(start, 2, firstOfMonth)).toEqual([]);
    expect(due(start, 0, at('2026-03-01T01:00:00Z'))).toEqual([]);
    expect(due(start, 0, at('2026-03-01T01:00:00.001Z'))).toEqual(['00:00']);
    expect(due(start, 2, at('2026-03-01T02:00:00Z'))).toEqual([]);
    expect(due(start, 2, at('2026-03-01T02:00:00.001Z'))).toEqual(['00:00']);
    expect(monthStart(at('2026-02-28T23:59:59.999Z'))).toEqual(at('2026-02-01T00:00:00Z'));
  });
});

describe('backoffSeconds', () => {
  it('doubles from the initial delay up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 10].map((failures) => backoffSeconds(failures, 60, 600))).toEqual([
      60, 120, 240, 480, 600, 600,
    ]);
  });
});
