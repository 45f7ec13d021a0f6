import { parseMetricsConf } from '@kitty-collect/collector-base';
import { PrometheusCollector } from '@kitty-collect/collectors';
import { PROJECTS } from '@kitty-collect/test-stack';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { describe, expect, inject, it } from 'vitest';
import type { SqliteStorage } from '../storage/index.js';
import { Orchestrator, type OrchestratorOptions } from './orchestrator.js';
import { useTempStorage } from './testing/use-temp-storage.js';

const apiUrl = inject('prometheusApiUrl');
const { alpha, beta, gappy, quirky } = PROJECTS;
const nodata = '0ddba11c0ffee0000000000000000000';
const SCOPES = [alpha, beta, gappy, quirky, nodata];
const DAY = new Date('2026-01-04T00:00:00Z');
const hour = (h: number) => new Date(DAY.getTime() + h * 3600_000);
const tempStorage = useTempStorage();

/** Rating types of every kind, one of them (`linear_total`) always collected per scope. */
const METRICS = `
metrics:
  ceilometer_cpu:
    - unit: second
      factor: 1e-9
      groupby: [resource_id, flavor_name]
      metadata: [flavor_id]
    - unit: core
      alt_name: cores
      extra_args: {range_function: rate}
  linear_gauge:
    - unit: u
    - unit: u
      alt_name: linear_total
      extra_args: {query_prefix: "sum(", query_suffix: ")"}
  http_requests_total:
    unit: request
    groupby: [foo, bar]
    metadata: [code, instance]
    extra_args: {aggregation_method: avg}
  openstack_instance_status:
    unit: instance
    groupby: [resource_id]
    mutate: MAP
    mutate_map: {1: 1, 4: 0.5}
  nonfinite_gauge:
    unit: u
    groupby: [series]
`;
const RATING_TYPES = 7;
const PER_SCOPE_ONLY = 1;

function orchestrator(storage: SqliteStorage, overrides: Partial<OrchestratorOptions>, metrics = METRICS) {
  const collector = new PrometheusCollector({
    period: 3600,
    conf: parseMetricsConf(metrics),
    prometheus: { url: apiUrl },
    logger: { warn() {} },
  });
  let queries = 0;
  const run = new Orchestrator({
    collector,
    storage,
    getScopes: async () => SCOPES,
    period: 3600,
    waitPeriods: 2,
    concurrency: 4,
    firstPeriod: DAY,
    until: hour(12),
    retryInitialSeconds: 60,
    retryMaxSeconds: 600,
    metrics: {
      collectionSucceeded: (_seconds, _points, sent) => {
        queries += sent;
      },
      collectionFailed: () => {},
    },
    ...overrides,
  });
  return { run, queries: () => queries };
}

/** Queries of one period for a group of `scopes` scopes in batched mode. */
const batchedQueries = (scopes: number) =>
  scopes === 1 ? RATING_TYPES : RATING_TYPES - PER_SCOPE_ONLY + PER_SCOPE_ONLY * scopes;

describe('Orchestrator in batched mode, with a real Prometheus and SQLite', () => {
  it('stores the same dataframes as per-scope mode, scopes at different periods included, in fewer queries', async () => {
    const perScope = await tempStorage();
    const perScopeRun = orchestrator(perScope, { batch: false });
    expect(await perScopeRun.run.runOnce()).toMatchObject({ scopes: 5, periodsStored: 60, periodsFailed: 0 });
    expect(perScopeRun.queries()).toBe(RATING_TYPES * 5 * 12);

    // alpha and beta first reach 03:00, then all five run: {alpha, beta} from 03:00 and the rest from 00:00
    const batched = await tempStorage();
    const first = orchestrator(batched, {
      batch: true,
      until: hour(3),
      getScopes: async () => [alpha, beta],
    });
    expect(await first.run.runOnce()).toMatchObject({ periodsStored: 6, periodsFailed: 0 });
    const second = orchestrator(batched, { batch: true });
    expect(await second.run.runOnce()).toMatchObject({ periodsStored: 54, periodsFailed: 0 });
    expect(first.queries() + second.queries()).toBe(12 * batchedQueries(2) + 12 * batchedQueries(3));

    const stored = perScope.queryDataFrames({});
    expect(stored.total).toBeGreaterThan(0);
    expect(batched.queryDataFrames({})).toEqual(stored);
    for (const scope of SCOPES) {
      expect(batched.countDataFrames(scope)).toBe(12);
      expect(batched.getScopeState(scope)).toMatchObject({
        lastProcessed: hour(11),
        state: 'ok',
        failures: 0,
      });
    }
  });

  it('splits scopes at the same period into batches of batchSize that ask for their own scopes, with the same dataframes', async () => {
    const perScope = await tempStorage();
    expect(await orchestrator(perScope, { batch: false }).run.runOnce()).toMatchObject({ periodsStored: 60 });

    const chunked = await tempStorage();
    const run = orchestrator(chunked, { batch: true, batchSize: 2 });
    expect(await run.run.runOnce()).toMatchObject({ scopes: 5, periodsStored: 60, periodsFailed: 0 });
    // {alpha, beta}, {gappy, quirky} batched with a set matcher; nodata alone, per scope
    expect(run.queries()).toBe(12 * (2 * batchedQueries(2) + batchedQueries(1)));
    expect(chunked.queryDataFrames({})).toEqual(perScope.queryDataFrames({}));
  });

  it('queries per scope when batching is off, or when a scope is alone at its period', async () => {
    const storage = await tempStorage();
    const single = orchestrator(storage, { batch: true, getScopes: async () => [alpha], until: hour(2) });
    expect(await single.run.runOnce()).toMatchObject({ periodsStored: 2 });
    expect(single.queries()).toBe(2 * RATING_TYPES);
  });

  it('fails the period for every scope of a failed batch, then retries each failed scope on its own', async () => {
    const storage = await tempStorage();
    // only alpha has tiny_values, and two cpu series: the one-to-one match fails, and the batch with it
    const failing = `${METRICS}  tiny_values:\n    unit: i\n    extra_args: {query_suffix: "+ on(project_id) ceilometer_cpu"}\n`;
    let now = hour(30);
    const run = () =>
      orchestrator(
        storage,
        { batch: true, now: () => now, getScopes: async () => [alpha, beta, gappy] },
        failing,
      ).run.runOnce();
    const summary = await run();
    expect(summary.periodsFailed).toBe(3);
    const batchError = /^execution: .*duplicate series.*batched query of 'tiny_values' for 3 scopes/;
    expect(summary.failedScopes).toEqual(
      [alpha, beta, gappy].map((scopeId) => ({
        scopeId,
        error: expect.stringMatching(batchError),
        cause: expect.objectContaining({ name: 'CollectError' }),
      })),
    );
    for (const scope of [alpha, beta, gappy]) {
      expect(storage.countDataFrames(scope)).toBe(0);
      expect(storage.getScopeState(scope)).toMatchObject({ state: 'failing', failures: 1 });
      expect(storage.getScopeState(scope)?.nextAttemptAt).toEqual(new Date(now.getTime() + 60_000));
    }
    expect((await run()).periodsFailed).toBe(0); // backing off: not retried yet

    // Retried, each on its own: alpha's data breaks its own query only, the others catch up.
    now = new Date(now.getTime() + 61_000);
    const retry = await run();
    expect(retry.failedScopes).toEqual([
      {
        scopeId: alpha,
        error: expect.stringMatching(/^execution: .*duplicate series.*\(HTTP 422, query '/),
        cause: expect.objectContaining({ name: 'CollectError', scopeId: alpha }),
      },
    ]);
    expect(retry.periodsStored).toBe(24);
    expect(storage.getScopeState(alpha)).toMatchObject({ state: 'failing', failures: 2 });
    expect(storage.getScopeState(beta)).toMatchObject({ state: 'ok', failures: 0, lastProcessed: hour(11) });
  });

  it('abandons in-flight periods when aborted, leaving no partial period', async () => {
    const storage = await tempStorage();
    const stop = new AbortController();
    let stored = 0;
    const summary = await orchestrator(storage, {
      batch: true,
      onPeriod: () => {
        stored += 1;
        if (stored === 7) stop.abort();
      },
    }).run.runOnce(stop.signal);
    expect(summary.periodsStored).toBe(7);
    expect(storage.countDataFrames()).toBe(7);
    for (const scope of SCOPES) {
      const count = storage.countDataFrames(scope);
      expect(storage.getScopeState(scope)?.lastProcessed).toEqual(count === 0 ? undefined : hour(count - 1));
    }
    expect((await orchestrator(storage, { batch: true }).run.runOnce()).periodsStored).toBe(60 - 7);
  });
});
