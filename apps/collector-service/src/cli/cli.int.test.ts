import { join } from 'node:path';
import { PROJECTS } from '@kitty-collect/test-stack';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { describe, expect, inject, it } from 'vitest';
import { openSqliteStorage } from '../storage/index.js';
import { EXIT_HELP } from './program.js';
import { cli, workspace } from './testing/in-process-cli.js';
import { serviceConf } from './testing/service-conf.js';

const apiUrl = inject('prometheusApiUrl');
const { alpha, beta } = PROJECTS;

const METRICS = `metrics:
  ceilometer_cpu:
    unit: second
    factor: 1e-9
    groupby: [resource_id]
    metadata: [flavor_name]
  linear_gauge:
    - unit: u
      alt_name: lin
`;

function conf(extra = ''): string {
  return serviceConf({
    collector: { prometheusUrl: apiUrl },
    fetcher: { sources: [alpha, beta] },
    kittyCollect: extra,
  });
}

describe('kitty-collect CLI', () => {
  it('validate: accepts a good metrics.yml and lists every problem of a bad one', async () => {
    const dir = await workspace({
      'good.yml': METRICS,
      'bad.yml':
        'metrics:\n  cpu:\n    - unit: s\n    - unit: s\n      alt_name: x\n      mutate: ROUND\n      metadata: [project_id]\n',
    });
    const good = await cli(['validate', join(dir, 'good.yml')]);
    expect(good).toMatchObject({ code: 0, err: '' });
    expect(good.out).toBe(
      `${join(dir, 'good.yml')}: valid, 2 rating types (ceilometer_cpu, linear_gauge@#lin)\n`,
    );
    const bad = await cli(['validate', join(dir, 'bad.yml')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(
      `${join(dir, 'bad.yml')}: metrics.cpu[1].mutate: expected one of NONE, NUMBOOL, NOTNUMBOOL, FLOOR, CEIL, MAP`,
    );
  });

  it('config check: names file, section and option of every problem; nothing starts', async () => {
    const dir = await workspace({
      'metrics.yml': METRICS,
      'cloudkitty.conf': conf('concurency = 4\n').replace('period = 3600', 'period = 1h'),
    });
    const result = await cli(['config', 'check', '--config', join(dir, 'cloudkitty.conf')]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Invalid configuration \(2 problems\)/);
    expect(result.err).toContain('[collect] period');
    expect(result.err).toContain('[kitty_collect] concurency');
    const ok = await cli(['config', 'check', '--config', join(dir, 'cloudkitty.conf')], {
      KITTY_COLLECT__COLLECT__PERIOD: '3600',
    });
    expect(ok.code).toBe(1); // the typo remains
    await expect(cli(['serve', '--once', '--config', join(dir, 'cloudkitty.conf')])).resolves.toMatchObject({
      code: 1,
    });
  });

  it('query: prints the PromQL of a rating type', async () => {
    const dir = await workspace({ 'metrics.yml': METRICS, 'cloudkitty.conf': conf() });
    const result = await cli([
      'query',
      '--config',
      join(dir, 'cloudkitty.conf'),
      '--metric',
      'ceilometer_cpu',
      '--scope',
      alpha,
      '--begin',
      '2026-01-04T01:00:00Z',
      '--end',
      '2026-01-04T02:00:00Z',
    ]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toBe(
      `max(max_over_time(ceilometer_cpu{project_id="${alpha}"}[3600s])) by (resource_id, project_id, flavor_name)\n`,
    );
    const unknown = await cli([
      'query',
      '--config',
      join(dir, 'cloudkitty.conf'),
      '--metric',
      'cpu',
      '--scope',
      alpha,
      '--begin',
      '2026-01-04T01:00:00Z',
      '--end',
      '2026-01-04T02:00:00Z',
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('--metric: no rating type "cpu"');
  });

  it('collect: prints dataframes as JSON or a table, storing nothing', async () => {
    const dir = await workspace({ 'metrics.yml': METRICS, 'cloudkitty.conf': conf() });
    const args = [
      'collect',
      '--config',
      join(dir, 'cloudkitty.conf'),
      '--begin',
      '2026-01-04T01:00:00Z',
      '--end',
      '2026-01-04T03:00:00Z',
    ];
    const json = await cli([...args, '--scope', alpha]);
    expect(json.code).toBe(0);
    const { dataframes } = JSON.parse(json.out) as {
      dataframes: { period: { begin: string }; usage: Record<string, { vol: { qty: string } }[]> }[];
    };
    expect(dataframes.map((frame) => frame.period.begin)).toEqual([
      '2026-01-04T01:00:00+00:00',
      '2026-01-04T02:00:00+00:00',
    ]);
    expect(dataframes[0]?.usage.lin?.map((point) => point.vol.qty)).toEqual(['120']);
    const table = await cli([...args, '--format', 'table']);
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[0]).toMatch(
      /^scope +rating type +unit +periods +points +qty \(sum over periods of 3600 s\)$/,
    );
    expect(table.out.trimEnd().split('\n').at(-1)).toBe(
      "qty adds up each period's quantity, so it is in unit × periods of 3600 s; each point is rounded to 9 significant digits, as CloudKitty stores it, before the sum",
    );
    expect(table.out).toMatch(new RegExp(`${alpha} +ceilometer_cpu +second +2 +4 +45000$`, 'm'));
    expect(table.out).toMatch(new RegExp(`${beta} +lin +u +2 +2 +600$`, 'm'));
  });

  it('serve --once: stores every due period, is idempotent, and summary shows the usage', async () => {
    const dir = await workspace({ 'metrics.yml': METRICS, 'cloudkitty.conf': conf() });
    const config = join(dir, 'cloudkitty.conf');
    const window = ['--since', '2026-01-04T00:00:00Z', '--until', '2026-01-04T06:00:00Z'];
    const first = await cli(['serve', '--once', '--config', config, ...window]);
    expect(first.code).toBe(0);
    expect(first.out).toContain('2 scopes, 12 periods stored');
    const again = await cli(['serve', '--once', '--config', config, ...window]);
    expect(again.out).toBe('kitty-collect: 2 scopes, 0 periods stored (0 points), 0 failed\n');
    const summary = await cli(['summary', '--config', config]);
    expect(summary.code).toBe(0);
    expect(summary.out).toContain(': 12 dataframes');
    // CloudKitty's state: the start of the last stored period.
    expect(summary.out).toMatch(new RegExp(`${alpha} +2026-01-04T05:00:00.000Z +ok +yes +0`));
    expect(summary.out).toMatch(new RegExp(`${alpha} +lin +u +6 +6 +`));
  });

  it('serve --once: skips an inactive scope and says so; summary shows it inactive', async () => {
    const dir = await workspace({ 'metrics.yml': METRICS, 'cloudkitty.conf': conf() });
    const config = join(dir, 'cloudkitty.conf');
    const run = (until: string) =>
      cli(['serve', '--once', '--config', config, '--since', '2026-01-04T00:00:00Z', '--until', until]);
    expect((await run('2026-01-04T02:00:00Z')).out).toContain('2 scopes, 4 periods stored');
    const storage = openSqliteStorage(join(dir, 'store.sqlite'));
    storage.updateScope(beta, { active: false });
    storage.close();
    const skipping = await run('2026-01-04T04:00:00Z');
    expect(skipping).toMatchObject({ code: 0, err: '' });
    expect(skipping.out).toBe(
      'kitty-collect: 2 scopes (1 inactive, skipped), 2 periods stored (6 points), 0 failed\n',
    );
    const summary = await cli(['summary', '--config', config]);
    expect(summary.out).toMatch(new RegExp(`${beta} +2026-01-04T01:00:00.000Z +ok +no +0`));
  });

  it('serve --once: exits 2 when a scope fails, keeping the others (per-scope queries)', async () => {
    const failing = `${METRICS}  tiny_values:\n    unit: i\n    extra_args: {query_suffix: "+ on(project_id) ceilometer_cpu"}\n`;
    const dir = await workspace({ 'metrics.yml': failing, 'cloudkitty.conf': conf('batch = false\n') });
    const result = await cli([
      'serve',
      '--once',
      '--config',
      join(dir, 'cloudkitty.conf'),
      '--since',
      '2026-01-04T00:00:00Z',
      '--until',
      '2026-01-04T02:00:00Z',
    ]);
    expect(result.code).toBe(2);
    expect(result.out).toContain('2 scopes, 2 periods stored');
    expect(result.err).toMatch(
      new RegExp(
        `^kitty-collect: scope ${alpha}: execution: found duplicate series.*\\(1 of 2 scopes failed: ${alpha}; they resume on the next run\\)\n$`,
      ),
    );
  });

  it('serve --once, batched: a failed batch fails every scope of it; the retry runs each scope alone', async () => {
    const failing = `${METRICS}  tiny_values:\n    unit: i\n    extra_args: {query_suffix: "+ on(project_id) ceilometer_cpu"}\n`;
    const dir = await workspace({ 'metrics.yml': failing, 'cloudkitty.conf': conf('batch = true\n') });
    const args = ['serve', '--once', '--config', join(dir, 'cloudkitty.conf')];
    const window = ['--since', '2026-01-04T00:00:00Z', '--until', '2026-01-04T02:00:00Z'];
    const first = await cli([...args, ...window]);
    expect(first.code).toBe(2);
    expect(first.out).toContain('2 scopes, 0 periods stored');
    // one line: the first scope's error, naming the batch, and every scope that failed
    expect(first.err).toMatch(
      new RegExp(
        `^kitty-collect: scope ${alpha}: execution: found duplicate series.*batched query of 'tiny_values' for 2 scopes.*\\(2 of 2 scopes failed: ${alpha}, ${beta}; they resume on the next run\\)\n$`,
      ),
    );
    // --once does not wait for the backoff (retry_initial_seconds, 10 s here)
    const retry = await cli([...args, ...window]);
    expect(retry.code).toBe(2);
    expect(retry.out).toContain('2 scopes, 2 periods stored');
    expect(retry.err).toMatch(
      new RegExp(
        `^kitty-collect: scope ${alpha}: execution: found duplicate series.*\\(1 of 2 scopes failed: ${alpha}; they resume on the next run\\)\n$`,
      ),
    );
    expect(retry.err).not.toContain(beta);
  });

  it('--help lists the commands and the exit codes', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'collect', 'query', 'validate', 'config', 'summary'])
      expect(help.out).toContain(command);
    expect(help.out).toContain(EXIT_HELP);
    expect(help.out).toContain('--debug');
  });
});
