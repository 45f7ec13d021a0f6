import { describe, expect, it } from 'vitest';
import { CollectionHealth } from './collection-health.js';
import type { PassResult, PeriodEvent, RunSummary } from './orchestrator.js';

const AT = new Date('2026-01-04T12:00:00Z');
const summary = (periodsStored: number, periodsFailed: number): RunSummary => ({
  scopes: 2,
  heldElsewhere: 0,
  leasesLost: 0,
  inactive: 0,
  periodsStored,
  periodsFailed,
  points: 0,
  failedScopes: [],
});
const ok = (scopeIds: string[], stored = 0, failed = 0): PassResult => ({
  ok: true,
  at: AT,
  summary: summary(stored, failed),
  scopeIds,
});
const event = (scopeId: string, outcome: 'stored' | 'failed', error?: string): PeriodEvent => ({
  scopeId,
  start: AT,
  end: AT,
  outcome,
  points: 0,
  ...(error === undefined ? {} : { error }),
});

describe('CollectionHealth', () => {
  it('healthy before the first pass', () => {
    expect(new CollectionHealth().report()).toEqual({ healthy: true, details: { lastPass: null } });
  });

  it('a pass that failed as a whole (the scope fetch) is unhealthy, with its reason; the next good pass heals', () => {
    const health = new CollectionHealth();
    health.pass({
      ok: false,
      at: AT,
      error: new Error('The keystone scope fetcher failed: Keystone is unavailable'),
    });
    expect(health.report()).toEqual({
      healthy: false,
      details: {
        reason: 'the last collection pass failed: The keystone scope fetcher failed: Keystone is unavailable',
        lastPass: { at: '2026-01-04T12:00:00.000Z', ok: false },
      },
    });
    health.pass(ok(['a', 'b']));
    expect(health.report()).toEqual({
      healthy: true,
      details: {
        lastPass: { at: '2026-01-04T12:00:00.000Z', ok: true, scopes: 2, periodsStored: 0, periodsFailed: 0 },
        failingScopes: 0,
      },
    });
  });

  it('unhealthy while every scope is failing, also while they back off; one stored period heals', () => {
    const health = new CollectionHealth();
    health.period(event('a', 'failed', 'Prometheus down'));
    health.period(event('b', 'failed', 'Prometheus down'));
    health.pass(ok(['a', 'b'], 0, 2));
    expect(health.report()).toMatchObject({
      healthy: false,
      details: {
        reason: 'the last collection of all 2 scopes failed; scope a: Prometheus down',
        failingScopes: 2,
      },
    });
    health.pass(ok(['a', 'b'])); // both backing off: nothing attempted, still failing
    expect(health.report().healthy).toBe(false);
    health.period(event('b', 'stored'));
    health.pass(ok(['a', 'b'], 1, 0));
    expect(health.report()).toMatchObject({ healthy: true, details: { failingScopes: 1 } });
  });

  it('starts from the stored states: scopes failing before a restart still count', () => {
    const health = new CollectionHealth([
      { scopeId: 'a', state: 'failing', lastError: 'refused' },
      { scopeId: 'gone', state: 'ok' },
    ]);
    health.pass(ok(['a']));
    expect(health.report()).toMatchObject({
      healthy: false,
      details: { reason: 'the last collection of the only scope failed; scope a: refused' },
    });
    health.pass(ok([]));
    expect(health.report().healthy).toBe(true); // no scope to rate is no failure
  });

  describe('no pass completed for more than two periods', () => {
    const PERIOD = 3600;
    const TWO_PERIODS_MS = 2 * PERIOD * 1000;
    /** A clock at `AT` plus what the test moves it by. */
    function clock() {
      let elapsedMs = 0;
      return {
        now: () => new Date(AT.getTime() + elapsedMs),
        move: (ms: number) => {
          elapsedMs += ms;
        },
      };
    }

    it('counts from the start before the first pass: exactly two periods is healthy, one ms more is not', () => {
      const { now, move } = clock();
      const health = new CollectionHealth([], { periodSeconds: PERIOD, now });
      move(TWO_PERIODS_MS);
      expect(health.report()).toEqual({ healthy: true, details: { lastPass: null } });
      move(1);
      expect(health.report()).toEqual({
        healthy: false,
        details: {
          reason: 'no collection pass completed for 7201 s (more than two periods of 3600 s)',
          lastPass: null,
        },
      });
    });

    it('counts from the last pass, ok or not; a pass heals it', () => {
      const { now, move } = clock();
      const health = new CollectionHealth([], { periodSeconds: PERIOD, now });
      move(TWO_PERIODS_MS);
      health.pass({ ok: false, at: now(), error: new Error('Keystone is unavailable') });
      move(TWO_PERIODS_MS);
      expect(health.report().details.reason).toBe('the last collection pass failed: Keystone is unavailable');
      move(1);
      // The older rule first: it explains why nothing newer is known.
      expect(health.report()).toMatchObject({
        healthy: false,
        details: {
          reason: 'no collection pass completed for 7201 s (more than two periods of 3600 s)',
          lastPass: { ok: false },
        },
      });
      health.pass(ok(['a']));
      expect(health.report().healthy).toBe(true);
    });

    it("is measured on its own clock, not on the pass's `at`", () => {
      const { now, move } = clock();
      const health = new CollectionHealth([], { periodSeconds: 60, now });
      health.pass({ ...ok(['a']), at: new Date('2020-01-01T00:00:00Z') });
      move(120_000);
      expect(health.report().healthy).toBe(true);
    });

    it('is off without periodSeconds, and refuses a period that is not positive', () => {
      const { now, move } = clock();
      const health = new CollectionHealth([], { now });
      move(365 * 24 * 3600 * 1000);
      expect(health.report().healthy).toBe(true);
      for (const periodSeconds of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => new CollectionHealth([], { periodSeconds })).toThrow(RangeError);
      }
    });
  });

  it('a replica holding no scope in its last pass (all leased to others) is healthy', () => {
    const health = new CollectionHealth([{ scopeId: 'a', state: 'failing', lastError: 'refused' }]);
    health.pass(ok([]));
    expect(health.report()).toEqual({
      healthy: true,
      details: {
        lastPass: { at: '2026-01-04T12:00:00.000Z', ok: true, scopes: 0, periodsStored: 0, periodsFailed: 0 },
        failingScopes: 0,
      },
    });
  });
});
