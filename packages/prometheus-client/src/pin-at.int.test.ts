import { pinQueryAt, type QueryData } from '@kitty-collect/prometheus-client-base';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PrometheusClient } from './prometheus-client.js';

const client = new PrometheusClient({ url: inject('prometheusApiUrl'), timeout: 10 });
afterAll(() => client.close());

const byLabels = (a: { metric: object }, b: { metric: object }) =>
  JSON.stringify(a.metric).localeCompare(JSON.stringify(b.metric));

/**
 * An answer with the evaluation timestamps of vectors and scalars (which say when, not what) set to `at`,
 * and series in label order (Prometheus promises no order without sort()).
 */
function atEvaluation(data: QueryData, at: number): QueryData {
  switch (data.resultType) {
    case 'vector':
      return {
        ...data,
        result: data.result
          .map((s) => ({ ...s, value: [at, s.value[1]] as [number, string] }))
          .sort(byLabels),
      };
    case 'matrix':
      return { ...data, result: [...data.result].sort(byLabels) };
    case 'scalar':
    case 'string':
      return { ...data, result: [at, data.result[1]] };
    default:
      return data;
  }
}

const QUERIES = [
  'ceilometer_cpu',
  'ceilometer_cpu{project_id!=""} offset 10m',
  'rate(ceilometer_cpu[5m])',
  'max_over_time(linear_gauge[1h] offset 30m)',
  'ceilometer_cpu[10m]',
  'max_over_time(rate(ceilometer_cpu[5m])[30m:5m])',
  'avg_over_time((linear_gauge - linear_gauge offset 1m)[20m:1m])',
  'time() - timestamp(ceilometer_cpu)',
  'hour() + minute()',
  'vector(time())',
  'linear_gauge @ start()',
  'linear_gauge @ 1767488400',
  'absent(nothing_here)',
  'topk(2, ceilometer_cpu)',
  'sum by (project_id) (max_over_time(ceilometer_cpu[3600s])) * on (project_id) group_left() count by (project_id) (ceilometer_image_size)',
  'label_replace(max(max_over_time(ceilometer_cpu[3600s])) by (project_id, flavor_name), "flavor", "$1", "flavor_name", "m1\\\\.(.*)")',
  'scalar(sum(linear_gauge))',
] as const;

const TIMES = [new Date('2026-01-04T01:00:00Z'), new Date('2026-01-04T13:37:30.5Z')] as const;

describe('pinQueryAt against a real Prometheus: `@ <time>` without `time=` answers as `time=`', () => {
  for (const time of TIMES) {
    it.each(QUERIES)(`at ${time.toISOString()}: %s`, async (query) => {
      const withTime = await client.getInstant(query, { time });
      const pinned = await client.getInstant(pinQueryAt(query, time));
      const at = time.getTime() / 1000;
      expect(atEvaluation(pinned, at)).toEqual(atEvaluation(withTime, at));
      // and the query answers something, so that the comparison says something
      const nonEmpty = withTime.resultType === 'vector' || withTime.resultType === 'matrix';
      if (nonEmpty) expect(withTime.result.length).toBeGreaterThan(0);
    });
  }
});
