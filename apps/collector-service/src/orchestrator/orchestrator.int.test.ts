import { PROJECTS } from '@kitty-collect/test-stack';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { describe, expect, inject, it } from 'vitest';
import type { SqliteStorage } from '../storage/index.js';
import { CPU_AND_GAUGE_METRICS } from '../testing/service-files.js';
import type { OrchestratorOptions } from './orchestrator.js';
import { datasetHour, prometheusOrchestrator } from './testing/prometheus-orchestrator.js';
import { useTempStorage } from './testing/use-temp-storage.js';

const apiUrl = inject('prometheusApiUrl');
const { alpha, beta, gappy } = PROJECTS;
const hour = datasetHour;
const tempStorage = useTempStorage();

const METRICS = CPU_AND_GAUGE_METRICS;

function orchestrator(
  storage: SqliteStorage,
  overrides: Partial<OrchestratorOptions> = {},
  metrics = METRICS,
) {
  return prometheusOrchestrator({ apiUrl, storage, metrics, scopes: [alpha, beta, gappy], overrides });
}

describe('Orchestrator with a real Prometheus and SQLite', () => {
  it('stores one dataframe per scope and due period, exactly once, and resumes where it stopped', async () => {
    const storage = await tempStorage();
    const first = await orchestrator(storage, { until: hour(5) }).runOnce();
    expect(first).toMatchObject({ scopes: 3, periodsStored: 15, periodsFailed: 0 });
    const second = await orchestrator(storage).runOnce();
    expect(second).toMatchObject({ periodsStored: 21, periodsFailed: 0 });
    expect(await orchestrator(storage).runOnce()).toMatchObject({ periodsStored: 0 });
    expect(storage.countDataFrames()).toBe(36);
    for (const scope of [alpha, beta, gappy]) {
      expect(storage.countDataFrames(scope)).toBe(12);
      // CloudKitty's state: the start of the last stored period (11:00–12:00).
      expect(storage.getScopeState(scope)).toMatchObject({
        lastProcessed: hour(11),
        state: 'ok',
        failures: 0,
      });
    }
    const { dataframes } = storage.queryDataFrames({ scopeIds: [alpha], begin: hour(1), end: hour(2) });
    expect(dataframes).toHaveLength(1);
    expect(dataframes[0]?.period).toEqual({
      begin: '2026-01-04T01:00:00+00:00',
      end: '2026-01-04T02:00:00+00:00',
    });
    expect(dataframes[0]?.usage.linear_gauge?.map((point) => point.vol.qty)).toEqual(['120']);
    expect(dataframes[0]?.usage.ceilometer_cpu?.map((point) => point.vol.qty).sort()).toEqual([
      '14400',
      '3600',
    ]);
  });

  it.each([
    // wait_periods, the last period due at 06:00 exactly (its start + max(wait, 1) periods < now)
    [0, 4],
    [1, 4],
    [2, 3],
  ])(
    'wait_periods %i: collects up to %i:00 at 06:00 exactly, one period more a millisecond later',
    async (waitPeriods, last) => {
      const storage = await tempStorage();
      let now = hour(6);
      const run = () => orchestrator(storage, { waitPeriods, until: undefined, now: () => now }).runOnce();
      // New scopes (firstPeriod 00:00): their first period waits like any other.
      expect(await run()).toMatchObject({ periodsStored: 3 * (last + 1), periodsFailed: 0 });
      expect(storage.getScopeState(alpha)?.lastProcessed).toEqual(hour(last));
      expect((await run()).periodsStored).toBe(0);
      now = new Date(hour(6).getTime() + 1);
      expect((await run()).periodsStored).toBe(3);
      expect(storage.getScopeState(alpha)?.lastProcessed).toEqual(hour(last + 1));
    },
  );

  it("a scope never processed waits for its first period's end plus the wait (CloudKitty would take it at once)", async () => {
    const storage = await tempStorage();
    const run = (now: Date) => orchestrator(storage, { until: undefined, now: () => now }).runOnce();
    expect((await run(hour(0.5))).periodsStored).toBe(0);
    expect((await run(hour(2))).periodsStored).toBe(0);
    expect((await run(new Date(hour(2).getTime() + 1))).periodsStored).toBe(3);
    expect(storage.getScopeState(alpha)?.lastProcessed).toEqual(hour(0));
  });

  it('keeps a failing scope from holding up the others, stores nothing for it, and retries it with backoff', async () => {
    const storage = await tempStorage();
    // only alpha has tiny_values, and two cpu series: the one-to-one match fails for alpha only (HTTP 422)
    const failing = `${METRICS}  tiny_values:\n    unit: i\n    extra_args: {query_suffix: "+ on(project_id) ceilometer_cpu"}\n`;
    let now = hour(30);
    const run = (options?: { ignoreBackoff: boolean }) =>
      orchestrator(storage, { now: () => now }, failing).runOnce(undefined, options);
    const summary = await run();
    expect(summary.periodsFailed).toBe(1);
    expect(summary.failedScopes).toEqual([
      {
        scopeId: alpha,
        error: expect.stringMatching(/^execution: .*duplicate series/),
        cause: expect.objectContaining({ name: 'CollectError', scopeId: alpha }),
      },
    ]);
    expect(storage.countDataFrames(alpha)).toBe(0);
    expect(storage.countDataFrames(beta)).toBe(12);
    expect(storage.getScopeState(alpha)).toMatchObject({ state: 'failing', failures: 1 });
    expect(storage.getScopeState(alpha)?.nextAttemptAt).toEqual(new Date(now.getTime() + 60_000));
    expect((await run()).periodsFailed).toBe(0); // backing off: not retried yet
    now = new Date(now.getTime() + 61_000);
    expect((await run()).periodsFailed).toBe(1);
    expect(storage.getScopeState(alpha)).toMatchObject({ failures: 2 });
    expect(storage.getScopeState(alpha)?.nextAttemptAt).toEqual(new Date(now.getTime() + 120_000));
    // serve --once: attempted at once, backoff or not; the new backoff is recorded as usual
    expect((await run({ ignoreBackoff: true })).periodsFailed).toBe(1);
    expect(storage.getScopeState(alpha)).toMatchObject({ failures: 3 });
    expect(storage.getScopeState(alpha)?.nextAttemptAt).toEqual(new Date(now.getTime() + 240_000));
  });

  it('abandons in-flight periods when aborted, leaving no partial period', async () => {
    const storage = await tempStorage();
    const stop = new AbortController();
    let stored = 0;
    const summary = await orchestrator(storage, {
      onPeriod: () => {
        stored += 1;
        if (stored === 4) stop.abort();
      },
    }).runOnce(stop.signal);
    expect(summary.periodsStored).toBeLessThan(36);
    const total = storage.countDataFrames();
    expect(total).toBe(summary.periodsStored);
    for (const scope of [alpha, beta, gappy]) {
      const state = storage.getScopeState(scope);
      const count = storage.countDataFrames(scope);
      expect(state?.lastProcessed).toEqual(count === 0 ? undefined : hour(count - 1));
    }
    expect((await orchestrator(storage).runOnce()).periodsStored).toBe(36 - total);
    expect(storage.countDataFrames()).toBe(36);
  });
});

describe('Orchestrator and the scope states the API changes', () => {
  it('skips an inactive scope (counted in the summary); activated again, it resumes after its last period', async () => {
    const storage = await tempStorage();
    await orchestrator(storage, { until: hour(4), getScopes: async () => [alpha, beta] }).runOnce();
    storage.updateScope(beta, { active: false });
    // A state without a last processed period (it failed before its first one), made inactive: skipped too.
    storage.recordFailure(gappy, 'Prometheus: 503', hour(-1));
    storage.updateScope(gappy, { active: false });
    expect(storage.getScopeState(gappy)).not.toHaveProperty('lastProcessed');
    const skipped = await orchestrator(storage).runOnce();
    expect(skipped).toMatchObject({ scopes: 3, inactive: 2, periodsStored: 8, periodsFailed: 0 });
    expect(storage.getScopeState(beta)?.lastProcessed).toEqual(hour(3));
    expect(storage.countDataFrames(gappy)).toBe(0);

    storage.updateScope(beta, { active: true });
    storage.updateScope(gappy, { active: true });
    const resumed = await orchestrator(storage).runOnce();
    expect(resumed).toMatchObject({ inactive: 0, periodsStored: 8 + 12, periodsFailed: 0 });
    const reference = await tempStorage();
    await orchestrator(reference).runOnce();
    expect(storage.queryDataFrames({})).toEqual(reference.queryDataFrames({}));
  });

  it('collects the periods of a reset again, from the reset instant on, into identical frames and state', async () => {
    const storage = await tempStorage();
    expect(await orchestrator(storage).runOnce()).toMatchObject({ periodsStored: 36 });
    const collected = storage.queryDataFrames({});
    const states = () =>
      [alpha, beta, gappy].map((scope) => {
        const { updatedAt: _, ...state } = storage.getScopeState(scope) ?? {};
        return state;
      });
    const before = states();

    // PUT /v2/scope's reset to 05:00: frames from 05:00 deleted, state one period earlier.
    const reset = storage.resetScopes({ scopeIds: [alpha, gappy] }, hour(5), hour(4));
    expect(reset.map((scope) => scope.lastProcessed)).toEqual([hour(4), hour(4)]);
    expect(storage.countDataFrames(alpha)).toBe(5);
    expect(storage.countDataFrames(beta)).toBe(12);

    expect(await orchestrator(storage).runOnce()).toMatchObject({ periodsStored: 2 * 7, periodsFailed: 0 });
    expect(storage.queryDataFrames({})).toEqual(collected);
    expect(states()).toEqual(before);
  });
});
