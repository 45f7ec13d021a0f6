import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadMetricsConf, parseMetricsConf } from './load-metrics-conf.js';
import { metricNameOf, ratingTypeKey } from './rating-type-key.js';
import { issuesOf } from './testing/issues-of.js';
import { validateConf, validateMetricsConf } from './validate-metrics-conf.js';

const yaml = (text: string) => parseMetricsConf(text);

describe('validateMetricsConf', () => {
  it('keys rating types by name or name@#alt_name and appends the scope key to groupby', () => {
    const conf = validateMetricsConf(
      yaml(`
metrics:
  cpu:
    unit: instance
    groupby: [id, user_id]
    metadata: [flavor_name]
  image_size:
    - unit: MiB
      factor: 1/1048576
      alt_name: image_mib
    - unit: GiB
      factor: 1/1073741824
      offset: 0.5
      alt_name: image_gib
      groupby: [project_id, id]
      description: Images in GiB
`),
    );
    expect(Object.keys(conf)).toEqual(['cpu', 'image_size@#image_mib', 'image_size@#image_gib']);
    expect(conf.cpu?.groupby).toEqual(['id', 'user_id', 'project_id']);
    expect(conf.cpu?.metadata).toEqual(['flavor_name']);
    expect(conf.cpu?.mutate).toBe('NONE');
    expect(conf.cpu?.factor.toString()).toBe('1');
    expect(conf.cpu?.offset.toString()).toBe('0');
    expect(conf.cpu?.extra_args).toEqual({});
    expect(conf['image_size@#image_gib']?.groupby).toEqual(['project_id', 'id']);
    expect(conf['image_size@#image_gib']?.factor.toString()).toBe('1/1073741824');
    expect(conf['image_size@#image_gib']?.offset.toString()).toBe('0.5');
    expect(conf['image_size@#image_gib']?.description).toBe('Images in GiB');
  });

  it('appends the configured scope key', () => {
    const conf = validateMetricsConf(yaml('metrics: {cpu: {unit: i}}'), { scopeKey: 'tenant' });
    expect(conf.cpu?.groupby).toEqual(['tenant']);
  });

  it('keeps duplicates inside groupby or metadata as configured', () => {
    const conf = validateMetricsConf(yaml('metrics: {cpu: {unit: i, groupby: [a, a], metadata: [b, b]}}'));
    expect(conf.cpu?.groupby).toEqual(['a', 'a', 'project_id']);
    expect(conf.cpu?.metadata).toEqual(['b', 'b']);
  });

  it('parses skip_datapoints_expression and keeps its text', () => {
    const conf = validateMetricsConf(
      yaml(
        `metrics: {cpu: {unit: i, skip_datapoints_expression: 'datapoint.get("vol", {}).get("qty", 0) == 0'}}`,
      ),
    );
    const expression = conf.cpu?.skip_datapoints_expression;
    expect(expression?.text).toBe('datapoint.get("vol", {}).get("qty", 0) == 0');
    expect(expression?.root.kind).toBe('compare');
    expect(JSON.stringify(expression)).toBe(JSON.stringify(expression?.text));
    expect(
      validateMetricsConf(yaml('metrics: {cpu: {unit: i}}')).cpu?.skip_datapoints_expression,
    ).toBeUndefined();
  });

  it('reports a skip_datapoints_expression it will not evaluate on that rating type, naming the construct', () => {
    expect(
      issuesOf(() =>
        validateMetricsConf(
          yaml(`
metrics:
  cpu:
    - unit: instance
    - unit: instance
      alt_name: other
      skip_datapoints_expression: "lambda: True"
  ram:
    unit: MiB
    skip_datapoints_expression: datapoint['vol']['qty'] * 2 > 1
  disk:
    unit: GiB
    skip_datapoints_expression: "datapoint.get('vol'"
  net:
    unit: B
    skip_datapoints_expression: 5
  image: {unit: B, skip_datapoints_expression: ""}
`),
        ),
      ),
    ).toEqual([
      "metrics.cpu[1].skip_datapoints_expression: unsupported construct 'lambda' at column 1",
      "metrics.ram.skip_datapoints_expression: unsupported construct 'arithmetic *' at column 25",
      "metrics.disk.skip_datapoints_expression: expected ')' at column 20",
      'metrics.net.skip_datapoints_expression: expected a string, got number 5',
      'metrics.image.skip_datapoints_expression: empty expression at column 1',
    ]);
  });

  it('names the metric, list position and field of each problem', () => {
    expect(
      issuesOf(() =>
        validateMetricsConf(
          yaml(`
metrics:
  ceilometer_cpu:
    - unit: instance
    - unit: instance
      alt_name: other
      mutate: ROUND
`),
        ),
      ),
    ).toEqual([
      'metrics.ceilometer_cpu[1].mutate: expected one of NONE, NUMBOOL, NOTNUMBOOL, FLOOR, CEIL, MAP',
    ]);
  });

  it('reports every problem at once', () => {
    expect(
      issuesOf(() =>
        validateMetricsConf(
          yaml(`
metrics:
  a: {}
  b: {unit: ""}
  c: {unit: x, factor: 1/0}
  d: {unit: x, factor: abc, offset: [1]}
  e: {unit: x, groupby: [""], metadata: nope}
  f: []
  g: {unit: x, groupy: [a]}
  h: {unit: x, mutate: MAP}
  i: {unit: x, mutate: MAP, mutate_map: {one: 1, 2: two}}
  j: 5
`),
        ),
      ),
    ).toEqual([
      'metrics.a.unit: is required',
      'metrics.b.unit: must not be empty',
      'metrics.c.factor: division by zero in "1/0"',
      'metrics.d.factor: expected a number or a fraction such as "1/1048576", "0.5" or "1e-9", got "abc"',
      'metrics.d.offset: expected a number or a fraction string such as "1/1048576", got a list',
      'metrics.e.groupby[0]: must not be empty',
      'metrics.e.metadata: expected a list of label names, got the string "nope"',
      'metrics.f: expected a rating type or a non-empty list of rating types',
      'metrics.g: unknown option "groupy"',
      'metrics.h.mutate_map: is required when mutate is MAP',
      'metrics.i.mutate_map["2"]: expected a number, got the string "two"',
      'metrics.i.mutate_map.one: key "one" is not a number',
      'metrics.j: expected a mapping of rating type options, got number 5',
    ]);
  });

  it('reports a list where a string is expected once', () => {
    expect(issuesOf(() => validateMetricsConf({ metrics: { cpu: { unit: [] } } }))).toEqual([
      'metrics.cpu.unit: expected a non-empty string, got a list',
    ]);
  });

  it('rejects a duplicate internal key', () => {
    expect(
      issuesOf(() =>
        validateMetricsConf(yaml('metrics: {cpu: [{unit: a, alt_name: x}, {unit: b, alt_name: x}]}')),
      ),
    ).toEqual([
      'metrics.cpu[1]: duplicate rating type "cpu@#x": give each rating type of a metric its own alt_name',
    ]);
    expect(issuesOf(() => validateMetricsConf(yaml('metrics: {cpu: [{unit: a}, {unit: b}]}')))).toEqual([
      'metrics.cpu[1]: duplicate rating type "cpu": give each rating type of a metric its own alt_name',
    ]);
  });

  it('requires a top-level metrics mapping and nothing else', () => {
    expect(issuesOf(() => validateMetricsConf({}))).toEqual(['metrics: is required']);
    expect(issuesOf(() => validateMetricsConf({ metrics: [] }))).toEqual([
      'metrics: expected a mapping, got a list',
    ]);
    expect(issuesOf(() => validateMetricsConf({ metrics: {}, fetcher: 'x' }))).toEqual([
      'fetcher: unknown top-level option (only "metrics" is allowed)',
    ]);
    expect(issuesOf(() => validateMetricsConf('metrics'))).toEqual([
      ': expected a mapping with a top-level "metrics" key, got the string "metrics"',
    ]);
  });

  it('validates extra_args with the collector schema, under the rating type path', () => {
    const extraArgs = z.strictObject({ mode: z.enum(['a', 'b']).default('a') });
    const conf = validateMetricsConf(
      yaml('metrics: {cpu: {unit: i}, ram: {unit: i, extra_args: {mode: b}}}'),
      {
        extraArgs,
      },
    );
    expect(conf.cpu?.extra_args).toEqual({ mode: 'a' });
    expect(conf.ram?.extra_args).toEqual({ mode: 'b' });
    const issues = issuesOf(() =>
      validateMetricsConf(yaml('metrics: {cpu: [{unit: i, extra_args: {mode: c}}]}'), { extraArgs }),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^metrics\.cpu\[0\]\.extra_args\.mode: /);
  });

  it('matches mutate_map keys by numeric value, including string keys', () => {
    const conf = validateMetricsConf(
      yaml(`metrics: {status: {unit: i, mutate: MAP, mutate_map: {0.10: 1, '11': 2.5, 3: '4'}}}`),
    );
    expect(conf.status?.mutate_map?.toJSON()).toEqual({ '0.1': '1', '11': '2.5', '3': '4' });
  });

  it('names the file in the message', () => {
    expect(() =>
      validateMetricsConf({ metrics: { cpu: {} } }, { source: '/etc/cloudkitty/metrics.yml' }),
    ).toThrow('Invalid configuration in /etc/cloudkitty/metrics.yml: metrics.cpu.unit: is required');
  });
});

describe('validateConf (strict)', () => {
  it('accepts what the base validation accepts when nothing overlaps', () => {
    expect(Object.keys(validateConf(yaml('metrics: {cpu: {unit: i, groupby: [a], metadata: [b]}}')))).toEqual(
      ['cpu'],
    );
  });

  it('rejects a name in both groupby and metadata, and a mutate_map without MAP', () => {
    const text = 'metrics: {cpu: {unit: i, groupby: [a], metadata: [b, a, project_id], mutate_map: {1: 1}}}';
    expect(validateMetricsConf(yaml(text)).cpu?.metadata).toEqual(['b', 'a', 'project_id']);
    expect(issuesOf(() => validateConf(yaml(text)))).toEqual([
      'metrics.cpu.mutate_map: is only used with mutate: MAP (mutate is NONE)',
      'metrics.cpu.metadata[1]: "a" is also in groupby',
      'metrics.cpu.metadata[2]: "project_id" is also in groupby',
    ]);
  });

  it('rejects different skip_datapoints_expression for rating types stored under one name', () => {
    const text = `
metrics:
  cpu: {unit: s, alt_name: time, skip_datapoints_expression: "False"}
  cpu_user: {unit: s, alt_name: time, skip_datapoints_expression: "False"}
  cpu_idle: {unit: s, alt_name: time}
  time: {unit: s, skip_datapoints_expression: "True"}
  other: {unit: s, skip_datapoints_expression: "True"}
`;
    expect(Object.keys(validateMetricsConf(yaml(text)))).toHaveLength(5);
    expect(issuesOf(() => validateConf(yaml(text)))).toEqual([
      'metrics.cpu_idle.skip_datapoints_expression: must be the same for "cpu@#time" and "cpu_idle@#time": both store their points under "time", where one expression applies',
      'metrics.time.skip_datapoints_expression: must be the same for "cpu@#time" and "time": both store their points under "time", where one expression applies',
    ]);
  });
});

describe('rating type keys', () => {
  it('joins and splits name@#alt_name', () => {
    expect(ratingTypeKey('cpu')).toBe('cpu');
    expect(ratingTypeKey('cpu', 'vcpus')).toBe('cpu@#vcpus');
    expect(metricNameOf('cpu@#vcpus')).toBe('cpu');
    expect(metricNameOf('cpu')).toBe('cpu');
  });
});

describe('loadMetricsConf', () => {
  it('reads a file and parses it as YAML 1.2 (yes/no/on stay strings)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kc-conf-'));
    const path = join(dir, 'metrics.yml');
    await writeFile(path, 'metrics:\n  cpu:\n    unit: no\n    description: on\n    factor: 1/3\n');
    expect(await loadMetricsConf(path)).toEqual({
      metrics: { cpu: { unit: 'no', description: 'on', factor: '1/3' } },
    });
  });

  it('names the file when it cannot be read', async () => {
    await expect(loadMetricsConf('/nonexistent/metrics.yml')).rejects.toThrow(
      'Invalid configuration in /nonexistent/metrics.yml: cannot read the file (ENOENT)',
    );
  });

  it('names the line of a YAML syntax error and rejects duplicate keys', () => {
    expect(() => parseMetricsConf('metrics:\n  cpu: [unit\n', 'm.yml')).toThrow(
      /in m\.yml: line \d+, column \d+: YAML syntax/,
    );
    expect(() => parseMetricsConf('metrics:\n  cpu: {unit: a}\n  cpu: {unit: b}\n', 'm.yml')).toThrow(
      'Invalid configuration in m.yml: line 3, column 3: duplicate key "cpu" (first at line 2)',
    );
  });

  it('refuses a document that is not a mapping', () => {
    expect(() => parseMetricsConf('- a\n- b\n', 'm.yml')).toThrow(
      'Invalid configuration in m.yml: expected a mapping with a top-level "metrics" key',
    );
  });
});
