import { describe, expect, inject, test } from 'vitest';
import { PROJECTS } from '../../dataset/default-dataset.js';
import type {} from '../../vitest-setup.js';
import { restrictQueryToProject } from './restrict.js';

const apiUrl = inject('prometheusApiUrl');
const TIME = '2026-01-04T12:00:00Z';

async function query(q: string): Promise<{ status: string; data?: unknown; error?: string }> {
  const response = await fetch(`${apiUrl}/query?${new URLSearchParams({ query: q, time: TIME })}`);
  return (await response.json()) as { status: string; data?: unknown; error?: string };
}

const alpha = PROJECTS.alpha;
const A = `project_id="${alpha}"`;

// Each rewritten query must be valid PromQL for the real Prometheus and mean the same as the restriction
// written by hand.
describe('restricted queries against the real Prometheus (default dataset)', () => {
  test.each([
    ['ceilometer_cpu', `ceilometer_cpu{${A}}`],
    ['sum(ceilometer_cpu)', `sum(ceilometer_cpu{${A}})`],
    [
      'sum by (flavor_name) (rate(ceilometer_cpu[1h]))',
      `sum by (flavor_name) (rate(ceilometer_cpu{${A}}[1h]))`,
    ],
    ['{__name__=~"ceilometer_.*"}', `{__name__=~"ceilometer_.*", ${A}}`],
    ['max_over_time(linear_gauge[1h:5m] offset 5m)', `max_over_time(linear_gauge{${A}}[1h:5m] offset 5m)`],
    [
      'ceilometer_cpu / on(project_id) group_left linear_gauge',
      `ceilometer_cpu{${A}} / on(project_id) group_left linear_gauge{${A}}`,
    ],
    [
      'count(http_requests_total{code="200"}) > bool 0',
      `count(http_requests_total{code="200", ${A}}) > bool 0`,
    ],
    [
      `ceilometer_image_size{project_id="${PROJECTS.beta}"}`,
      `ceilometer_image_size{project_id="${PROJECTS.beta}", ${A}}`,
    ],
  ])('%s', async (original, handRestricted) => {
    const rewritten = restrictQueryToProject(original, 'project_id', alpha);
    const [got, expected] = await Promise.all([query(rewritten), query(handRestricted)]);
    expect(got.status, JSON.stringify(got)).toBe('success');
    expect(got.data).toEqual(expected.data);
  });

  test('a project id with quotes and backslashes is matched exactly', async () => {
    const rewritten = restrictQueryToProject('ceilometer_cpu', 'project_id', PROJECTS.quirky);
    const answer = (await query(rewritten)) as { data: { result: { metric: Record<string, string> }[] } };
    expect(answer.data.result.map((series) => series.metric.project_id)).toEqual([PROJECTS.quirky]);
  });
});
