import { join } from 'node:path';
import type { DataFrameJSON } from '@kitty-collect/collector-base';
import { PROJECTS } from '@kitty-collect/test-stack';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { describe, expect, inject, it } from 'vitest';
import { openSqliteStorage } from '../storage/index.js';
import { cpuSkippingMetrics } from '../testing/service-files.js';
import { cli, workspace } from './testing/in-process-cli.js';
import { serviceConf } from './testing/service-conf.js';

const apiUrl = inject('prometheusApiUrl');
const { alpha, beta } = PROJECTS;

/** The default for the gauge, which has no expression of its own: none of its points is kept. */
const conf = `${serviceConf({ collector: { prometheusUrl: apiUrl }, fetcher: { sources: [alpha, beta] } })}
[orchestrator]
skip_datapoints_expression = datapoint['vol']['unit'] == 'u'
`;

const WINDOW = { begin: '2026-01-04T01:00:00Z', end: '2026-01-04T03:00:00Z' };
const collectWindow = (config: string) =>
  cli(['collect', '--config', config, '--begin', WINDOW.begin, '--end', WINDOW.end]);
const serveOnce = (config: string) =>
  cli(['serve', '--once', '--config', config, '--since', WINDOW.begin, '--until', WINDOW.end]);

/** One line per point: period, scope, rating type, resource and quantity (stored qty are numbers). */
function pointLines(frames: readonly DataFrameJSON[]): string[] {
  return frames
    .flatMap((frame) =>
      Object.entries(frame.usage).flatMap(([type, points]) =>
        points.map(
          (point) =>
            `${frame.period.begin} ${point.groupby.project_id} ${type} ${point.groupby.resource_id ?? '-'} ${Number(point.vol.qty)}`,
        ),
      ),
    )
    .sort();
}

describe('skip_datapoints_expression: collect prints what serve stores', () => {
  it('both drop the same points and leave out the emptied rating type', async () => {
    const dir = await workspace({
      'metrics.yml': cpuSkippingMetrics("datapoint['groupby']['resource_id'] == 'vm-a1'"),
      'cloudkitty.conf': conf,
    });
    const config = join(dir, 'cloudkitty.conf');
    const collect = await collectWindow(config);
    expect(collect).toMatchObject({ code: 0, err: '' });
    const printed = (JSON.parse(collect.out) as { dataframes: DataFrameJSON[] }).dataframes;
    for (const frame of printed) expect(Object.keys(frame.usage)).toEqual(['ceilometer_cpu']);
    expect(pointLines(printed)).toEqual([
      `2026-01-04T01:00:00+00:00 ${beta} ceilometer_cpu vm-b1 7200`,
      `2026-01-04T01:00:00+00:00 ${alpha} ceilometer_cpu vm-a2 14400`,
      `2026-01-04T02:00:00+00:00 ${beta} ceilometer_cpu vm-b1 10800`,
      `2026-01-04T02:00:00+00:00 ${alpha} ceilometer_cpu vm-a2 21600`,
    ]);

    const serve = await serveOnce(config);
    expect(serve.code).toBe(0);
    expect(serve.out).toContain('2 scopes, 4 periods stored (4 points), 0 failed');
    const storage = openSqliteStorage(join(dir, 'store.sqlite'));
    try {
      expect(pointLines(storage.queryDataFrames({}).dataframes)).toEqual(pointLines(printed));
    } finally {
      storage.close();
    }
  });

  it('config check names the default and the rating types with their own', async () => {
    const dir = await workspace({
      'metrics.yml': cpuSkippingMetrics("datapoint['groupby']['resource_id'] == 'vm-a1'"),
      'cloudkitty.conf': conf,
    });
    const check = await cli(['config', 'check', '--config', join(dir, 'cloudkitty.conf')]);
    expect(check.code).toBe(0);
    expect(check.out).toContain(
      `  skip_datapoints_expression: "datapoint['vol']['unit'] == 'u'" for rating types without one; their own for ceilometer_cpu\n`,
    );
  });

  it('an expression that raises: collect and serve --once exit 2 naming the rating type and the expression', async () => {
    const dir = await workspace({
      'metrics.yml': cpuSkippingMetrics("datapoint['groupby']['resource_id'] < 1"),
      'cloudkitty.conf': conf,
    });
    const config = join(dir, 'cloudkitty.conf');
    const failure = `skip_datapoints_expression "datapoint['groupby']['resource_id'] < 1" of rating type "ceilometer_cpu" failed at column 37: TypeError: '<' not supported between instances of 'str' and 'int'`;
    const collect = await collectWindow(config);
    expect(collect).toMatchObject({
      code: 2,
      out: '',
      err: `kitty-collect: collection failed: ${failure}\n`,
    });
    const serve = await serveOnce(config);
    expect(serve.code).toBe(2);
    expect(serve.out).toContain('2 scopes, 0 periods stored (0 points), 2 failed');
    expect(serve.err).toContain(`: ${failure} (2 of 2 scopes failed:`);
  });
});
