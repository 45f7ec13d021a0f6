import { join } from 'node:path';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { describe, expect, inject, it } from 'vitest';
import { cli, workspace } from './testing/in-process-cli.js';

/*
 * metrics.yml is untrusted input (issue 11): names go into PromQL, so they must be Prometheus names; the
 * file is read within bounds; every problem is one located line and exit 1, never a stack trace.
 */

const apiUrl = inject('prometheusApiUrl');

/** A groupby entry that closed `by (` and added a series of its own: `collect --scope p1` reported 42. */
const INJECTED = 'resource) or label_replace(vector(42),"project_id","p1","","") #';
const INJECTING = `metrics:
  ceilometer_cpu:
    unit: second
    groupby: [resource_id, '${INJECTED}']
`;
const REFUSAL = `metrics.ceilometer_cpu.groupby[1]: expected a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*), got ${JSON.stringify(INJECTED)}`;

/** `collect` options: one hour of scope p1 (which has no series). */
const P1_PERIOD = ['--begin', '2026-01-04T01:00:00Z', '--end', '2026-01-04T02:00:00Z', '--scope', 'p1'];

/** A cloudkitty.conf collecting scope p1 from the test Prometheus. */
function conf(): string {
  const sections: Record<string, Record<string, string | number>> = {
    collect: { collector: 'prometheus', period: 3600, wait_periods: 0, metrics_conf: 'metrics.yml' },
    collector_prometheus: { prometheus_url: apiUrl },
    fetcher: { backend: 'source' },
    fetcher_source: { sources: 'p1' },
    kitty_collect: { storage_path: 'store.sqlite', log_level: 'error' },
  };
  return Object.entries(sections)
    .map(
      ([name, options]) =>
        `[${name}]\n${Object.entries(options)
          .map(([k, v]) => `${k} = ${v}\n`)
          .join('')}`,
    )
    .join('\n');
}

describe('metrics.yml names (issue 11, item 2)', () => {
  it('validate refuses a groupby entry that would rewrite the PromQL, naming its path', async () => {
    const dir = await workspace({ 'metrics.yml': INJECTING });
    const file = join(dir, 'metrics.yml');
    expect(await cli(['validate', file])).toEqual({ code: 1, out: '', err: `${file}: ${REFUSAL}\n` });
  });

  it('collect refuses it too (exit 1) instead of reporting a quantity no series has', async () => {
    const dir = await workspace({ 'metrics.yml': INJECTING, 'cloudkitty.conf': conf() });
    const result = await cli(['collect', '--config', join(dir, 'cloudkitty.conf'), ...P1_PERIOD]);
    expect(result).toEqual({
      code: 1,
      out: '',
      err: `Invalid configuration (1 problem):\n  ${join(dir, 'metrics.yml')} ${REFUSAL}\n`,
    });
  });

  it('without the entry, p1 has no usage at all', async () => {
    const dir = await workspace({
      'metrics.yml': 'metrics:\n  ceilometer_cpu:\n    unit: second\n    groupby: [resource_id]\n',
      'cloudkitty.conf': conf(),
    });
    const result = await cli(['collect', '--config', join(dir, 'cloudkitty.conf'), ...P1_PERIOD]);
    expect(result.code).toBe(0);
    // p1 has no series: the 42 the injected groupby produced came from nowhere.
    const { dataframes } = JSON.parse(result.out) as { dataframes: { usage: object }[] };
    expect(dataframes.map((frame) => frame.usage)).toEqual([{}]);
  });

  it('validate refuses metric names and labels outside the grammar, and a bad --scope-key', async () => {
    const dir = await workspace({
      'metrics.yml': `metrics:\n  'a"} or vector(1)':\n    unit: u\n  cpu:\n    - unit: u\n      groupby: [a b, 9abc, a-b]\n`,
    });
    const file = join(dir, 'metrics.yml');
    const label = 'expected a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*), got';
    expect((await cli(['validate', file])).err.split('\n')).toEqual([
      `${file}: metrics["a\\"} or vector(1)"]: expected a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), got "a\\"} or vector(1)"`,
      `${file}: metrics.cpu[0].groupby[0]: ${label} "a b"`,
      `${file}: metrics.cpu[0].groupby[1]: ${label} "9abc"`,
      `${file}: metrics.cpu[0].groupby[2]: ${label} "a-b"`,
      '',
    ]);
    const good = await workspace({ 'metrics.yml': 'metrics: {cpu: {unit: u}}\n' });
    expect(await cli(['validate', join(good, 'metrics.yml'), '--scope-key', 'a b'])).toEqual({
      code: 1,
      out: '',
      err: `--scope-key: ${label} "a b"\n`,
    });
  });
});

describe('metrics.yml read within bounds (issue 11, items 4, 5, 6)', () => {
  it('an alias bomb and an undefined alias: exit 1, one located line, no stack', async () => {
    const dir = await workspace({
      // Each anchor aliases the previous one 10 times: 10,000 copies of x from 40 aliases.
      'bomb.yml': `${['a', 'b', 'c', 'd']
        .map(
          (name, level, names) =>
            `${name}: &${name} [${Array(10)
              .fill(level === 0 ? 'x' : `*${names[level - 1]}`)
              .join(', ')}]\n`,
        )
        .join('')}metrics: {cpu: {unit: u, groupby: *d}}\n`,
      'undefined.yml': 'metrics:\n  cpu: *nope\n',
    });
    expect(await cli(['validate', join(dir, 'bomb.yml')])).toEqual({
      code: 1,
      out: '',
      err: `${join(dir, 'bomb.yml')}: line 4, column 12: alias *c: too many aliases (over 100 aliased nodes from one anchor; the limit bounds memory)\n`,
    });
    expect(await cli(['validate', join(dir, 'undefined.yml')])).toEqual({
      code: 1,
      out: '',
      err: `${join(dir, 'undefined.yml')}: line 2, column 8: alias *nope has no anchor &nope before it\n`,
    });
  });

  it('a file over the size limit, a device and a Python tag', async () => {
    const dir = await workspace({
      'big.yml': `metrics: {}\n#${'x'.repeat(1_048_576)}\n`,
      'python.yml': 'metrics: !!python/object:os.system {}\n',
    });
    const limit = 'the 1,048,576-byte limit (a metrics.yml is a few kilobytes; the limit bounds memory)';
    expect((await cli(['validate', join(dir, 'big.yml')])).err).toBe(
      `${join(dir, 'big.yml')}: metrics.yml is 1,048,590 bytes, over ${limit}\n`,
    );
    expect((await cli(['validate', '/dev/zero'])).err).toBe(
      `/dev/zero: metrics.yml (not a regular file) gives more than ${limit}\n`,
    );
    const python = await cli(['validate', join(dir, 'python.yml')]);
    expect(python).toEqual({
      code: 1,
      out: '',
      err: `${join(dir, 'python.yml')}: line 1, column 10: !!python/object:os.system is not a YAML 1.2 core schema tag (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq)\n`,
    });
  });

  it('config check shows the same problems, through loadMetricsFile', async () => {
    const dir = await workspace({
      'metrics.yml': 'metrics:\n  cpu: {unit: u, groupby: [a b]}\n  ram: *nope\n',
      'cloudkitty.conf': conf(),
    });
    const result = await cli(['config', 'check', '--config', join(dir, 'cloudkitty.conf')]);
    expect(result).toEqual({
      code: 1,
      out: '',
      err: `Invalid configuration (1 problem):\n  ${join(dir, 'metrics.yml')} line 3, column 8: alias *nope has no anchor &nope before it\n`,
    });
  });
});
