import { parseSkipExpression } from '@kitty-collect/collector-base';
import { PROJECTS } from '@kitty-collect/test-stack';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { describe, expect, inject, it } from 'vitest';
import type { SqliteStorage } from '../storage/index.js';
import { cpuSkippingMetrics } from '../testing/service-files.js';
import { skipDatapointsRules } from './skip-datapoints.js';
import { datasetHour, prometheusOrchestrator } from './testing/prometheus-orchestrator.js';
import { useTempStorage } from './testing/use-temp-storage.js';

const apiUrl = inject('prometheusApiUrl');
const { alpha, beta, gappy } = PROJECTS;
const hour = datasetHour;
const tempStorage = useTempStorage();

// The test dataset: CPU seconds of vm-a1 and vm-a2 for alpha, vm-b1 for beta, vm-g1 for gappy; a linear
// gauge for alpha and beta.

function orchestrator(storage: SqliteStorage, metrics: string, fallback: string, batch: boolean) {
  return prometheusOrchestrator({
    apiUrl,
    storage,
    metrics,
    scopes: [alpha, beta, gappy],
    overrides: (collector) => ({
      batch,
      until: hour(3),
      now: () => hour(30),
      skipDatapoints: skipDatapointsRules(collector, parseSkipExpression(fallback)),
    }),
  });
}

describe.each([
  ['per scope', false],
  ['batched', true],
])(
  'skip_datapoints_expression in the collection loop (%s), with a real Prometheus and SQLite',
  (_, batch) => {
    it('drops the points it is true for before storing, leaves out a rating type left empty, and counts what is stored', async () => {
      const storage = await tempStorage();
      // The rating type's own expression for the CPU, the [orchestrator] default for the gauge (all of it).
      const summary = await orchestrator(
        storage,
        cpuSkippingMetrics("datapoint['groupby']['resource_id'] == 'vm-a1'"),
        "datapoint.get('vol', {}).get('unit') == 'u'",
        batch,
      ).runOnce();
      expect(summary).toMatchObject({ scopes: 3, periodsStored: 9, periodsFailed: 0, points: 9 });
      const { dataframes, total } = storage.queryDataFrames({});
      expect(total).toBe(9);
      for (const frame of dataframes) expect(Object.keys(frame.usage)).toEqual(['ceilometer_cpu']);
      const resources = (scopeId: string) =>
        storage
          .queryDataFrames({ scopeIds: [scopeId] })
          .dataframes.flatMap((frame) =>
            frame.usage.ceilometer_cpu?.map((point) => point.groupby.resource_id),
          );
      expect(resources(alpha)).toEqual(['vm-a2', 'vm-a2', 'vm-a2']);
      expect(resources(beta)).toEqual(['vm-b1', 'vm-b1', 'vm-b1']);
      expect(resources(gappy)).toEqual(['vm-g1', 'vm-g1', 'vm-g1']);
    });

    it('with the default False every point is stored', async () => {
      const storage = await tempStorage();
      const summary = await orchestrator(storage, cpuSkippingMetrics('False'), 'False', batch).runOnce();
      // alpha: 2 CPU points and a gauge point a period; beta: 1 and 1; gappy: 1 CPU point.
      expect(summary).toMatchObject({ periodsStored: 9, periodsFailed: 0, points: 3 * (3 + 2 + 1) });
    });

    it('an expression that raises fails the period of every scope it raises for: recorded, backed off, nothing stored', async () => {
      const storage = await tempStorage();
      // str < int: Python raises TypeError, and CloudKitty's worker fails the period.
      const summary = await orchestrator(
        storage,
        cpuSkippingMetrics("datapoint['groupby']['resource_id'] < 1"),
        'False',
        batch,
      ).runOnce();
      expect(summary).toMatchObject({ periodsStored: 0, periodsFailed: 3, points: 0 });
      const message = `skip_datapoints_expression "datapoint['groupby']['resource_id'] < 1" of rating type "ceilometer_cpu" failed at column 37: TypeError: '<' not supported between instances of 'str' and 'int'`;
      expect(summary.failedScopes.map(({ scopeId, error }) => [scopeId, error]).sort()).toEqual(
        [alpha, beta, gappy].map((scopeId) => [scopeId, message]).sort(),
      );
      expect(summary.failedScopes[0]?.cause).toMatchObject({
        name: 'SkipExpressionEvaluationError',
        ratingType: 'ceilometer_cpu',
        expression: "datapoint['groupby']['resource_id'] < 1",
      });
      expect(storage.countDataFrames()).toBe(0);
      for (const scope of [alpha, beta, gappy]) {
        expect(storage.getScopeState(scope)).toMatchObject({
          state: 'failing',
          failures: 1,
          lastError: message,
        });
        expect(storage.getScopeState(scope)?.nextAttemptAt).toEqual(new Date(hour(30).getTime() + 60_000));
      }
    });
  },
);
