import { join } from 'node:path';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { describe, expect, inject, it } from 'vitest';
import { EXIT } from './exit-codes.js';
import { cli, workspace } from './testing/in-process-cli.js';
import { serviceConf } from './testing/service-conf.js';

const apiUrl = inject('prometheusApiUrl');

const METRICS = 'metrics:\n  ceilometer_cpu:\n    unit: instance\n    groupby: [resource_id]\n';

/**
 * The test Prometheus holds one day, 2026-01-04: the Prometheus fetcher, which asks at the current time,
 * finds no scope there, as it finds none on a Prometheus without recent samples.
 */
const conf = serviceConf({
  collector: { prometheusUrl: apiUrl },
  fetcher: {
    sections: `[fetcher]\nbackend = prometheus\n\n[fetcher_prometheus]\nmetric = ceilometer_cpu\nprometheus_url = ${apiUrl}\n`,
  },
});

describe('a fetcher that finds no scope says why', () => {
  it('serve --once: the run line says the prometheus fetcher found none, and why (exit 0)', async () => {
    const dir = await workspace({ 'cloudkitty.conf': conf, 'metrics.yml': METRICS });
    const result = await cli(['serve', '--once', '-c', join(dir, 'cloudkitty.conf')]);
    expect(result.code).toBe(EXIT.ok);
    const line = result.out.trimEnd().split('\n').at(-1) ?? '';
    const why = new RegExp(
      `^kitty-collect: 0 scopes \\(the prometheus fetcher found none: 'max\\(ceilometer_cpu\\) by \\(project_id\\)' at the current time \\(\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\) on ${apiUrl.replace(/[.()]/g, '\\$&')} returned no series: a Prometheus without a sample of ceilometer_cpu in the last 5 minutes \\(its default lookback\\) carrying project_id returns nothing\\), 0 periods stored \\(0 points\\), 0 failed$`,
    );
    expect(line).toMatch(why);
  });

  it('collect: a warning on stderr, and no dataframe (exit 0)', async () => {
    const dir = await workspace({ 'cloudkitty.conf': conf, 'metrics.yml': METRICS });
    const result = await cli([
      'collect',
      '-c',
      join(dir, 'cloudkitty.conf'),
      '--begin',
      '2026-01-04T00:00:00Z',
      '--end',
      '2026-01-04T01:00:00Z',
    ]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.err).toMatch(
      /^kitty-collect: warning: no scope to collect: the prometheus fetcher found none: 'max\(ceilometer_cpu\) by \(project_id\)' at the current time /,
    );
    expect(JSON.parse(result.out)).toEqual({ dataframes: [] });
  });
});
