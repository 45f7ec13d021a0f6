import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidConfiguration } from '../errors/invalid-configuration.js';
import { loadMetricsConf, parseMetricsConf } from './load-metrics-conf.js';
import { issuesOfRejection, refusalOf } from './testing/issues-of.js';
import { validateConf } from './validate-metrics-conf.js';

async function fileWith(content: string | Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kc-input-'));
  const path = join(dir, 'metrics.yml');
  await writeFile(path, content);
  return path;
}

const VALID = 'metrics:\n  cpu:\n    unit: instance\n    groupby: [id]\n';
const WHY_BYTES = '(a metrics.yml is a few kilobytes; the limit bounds memory)';
const CORE_TAGS = '(!!str, !!int, !!float, !!bool, !!null, !!map, !!seq)';
const NOT_FITTING = 'does not fit this value (e.g. !!int on a word, !!map on a list)';
const TOO_DEEP = 'nested deeper than 32 levels (a metrics.yml needs 5; the limit bounds parsing)';

describe('metrics.yml size (issue 11, item 5)', () => {
  it('refuses a file over the limit before reading it, saying what and why', async () => {
    const path = await fileWith(`${VALID}# ${'x'.repeat(1_048_576)}\n`);
    expect(await issuesOfRejection(loadMetricsConf(path))).toEqual([
      `: metrics.yml is 1,048,632 bytes, over the 1,048,576-byte limit ${WHY_BYTES}`,
    ]);
  });

  it('takes the limit as the maxBytes option', async () => {
    const path = await fileWith(VALID);
    expect(await loadMetricsConf(path, { maxBytes: VALID.length })).toEqual({
      metrics: { cpu: { unit: 'instance', groupby: ['id'] } },
    });
    expect(await issuesOfRejection(loadMetricsConf(path, { maxBytes: 10 }))).toEqual([
      `: metrics.yml is 53 bytes, over the 10-byte limit ${WHY_BYTES}`,
    ]);
    await expect(loadMetricsConf(path, { maxBytes: 0 })).rejects.toThrow(
      'loadMetricsConf options: maxBytes: expected a positive whole number, got 0',
    );
  });

  it('reads at most limit+1 bytes of a device that never ends', async () => {
    expect(await issuesOfRejection(loadMetricsConf('/dev/zero', { maxBytes: 4096 }))).toEqual([
      `: metrics.yml (not a regular file) gives more than the 4,096-byte limit ${WHY_BYTES}`,
    ]);
  });

  it('reads at most limit+1 bytes of a FIFO', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kc-fifo-'));
    const fifo = join(dir, 'metrics.yml');
    await new Promise<void>((resolve, reject) =>
      spawn('mkfifo', [fifo]).on('exit', (code) => (code === 0 ? resolve() : reject(new Error('mkfifo')))),
    );
    const writer = spawn('sh', ['-c', `yes 'metrics: {}' > '${fifo}'`], { stdio: 'ignore' });
    try {
      expect(await issuesOfRejection(loadMetricsConf(fifo, { maxBytes: 65_536 }))).toEqual([
        `: metrics.yml (not a regular file) gives more than the 65,536-byte limit ${WHY_BYTES}`,
      ]);
    } finally {
      writer.kill();
    }
  });

  it('applies the limit to text given to parseMetricsConf', () => {
    expect(refusalOf(VALID, { maxBytes: 20 })).toEqual([
      `: metrics.yml is 53 bytes, over the 20-byte limit ${WHY_BYTES}`,
    ]);
  });

  it('refuses more YAML tokens than the limit, before building the document', () => {
    const many = `metrics:\n${Array.from({ length: 200 }, (_, i) => `  m${i}: {unit: u}\n`).join('')}`;
    expect(refusalOf(many, { maxTokens: 1000 })).toEqual([
      ': metrics.yml has more than 1,000 YAML tokens (keys, values, punctuation, spaces; a metrics.yml of 100 rating types has about 10,000; the limit bounds parsing time)',
    ]);
    expect(Object.keys((parseMetricsConf(many) as { metrics: object }).metrics)).toHaveLength(200);
  });
});

describe('metrics.yml encoding (issue 11, item 6)', () => {
  const notUtf8 = (where: string, byte: string, offset: number) =>
    `${where}: not valid UTF-8 (byte 0x${byte} at offset ${offset}); metrics.yml must be UTF-8`;

  it('refuses bytes that are not UTF-8, naming the line and column of the first one', async () => {
    const bytes = Buffer.concat([Buffer.from('metrics:\n  cpu:\n    unit: "in'), Buffer.from([0xff, 0xfe])]);
    expect(await issuesOfRejection(loadMetricsConf(await fileWith(bytes)))).toEqual([
      notUtf8('line 3, column 14', 'FF', 29),
    ]);
    const latin1 = Buffer.from('metrics:\n  caf\xe9: {unit: u}\n', 'latin1');
    expect(await issuesOfRejection(loadMetricsConf(await fileWith(latin1)))).toEqual([
      notUtf8('line 2, column 6', 'E9', 14),
    ]);
  });

  it('refuses an encoded surrogate (CESU-8) and an overlong form', () => {
    expect(refusalOf(Buffer.from([0x61, 0x3a, 0x20, 0xed, 0xa0, 0x80]))).toEqual([
      notUtf8('line 1, column 4', 'ED', 3),
    ]);
    expect(refusalOf(Buffer.from([0x61, 0x3a, 0x20, 0xc0, 0xaf]))).toEqual([
      notUtf8('line 1, column 4', 'C0', 3),
    ]);
  });

  it('strips a UTF-8 byte order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(VALID)]);
    expect(await loadMetricsConf(await fileWith(bytes))).toEqual({
      metrics: { cpu: { unit: 'instance', groupby: ['id'] } },
    });
  });

  it.each([
    [
      'a NUL character, with its line and column',
      'metrics:\n  cpu:\n    unit: a\0b\n',
      'line 3, column 12: contains a NUL character (U+0000); metrics.yml is text',
    ],
    [
      'a lone surrogate written as an escape, naming the field',
      'metrics:\n  cpu:\n    unit: "\\ud800"\n',
      'metrics.cpu.unit: contains a lone surrogate (U+D800), which is not text',
    ],
    [
      'a lone low surrogate in a list',
      'metrics:\n  cpu:\n    groupby: [a, "x\\udfffy"]\n',
      'metrics.cpu.groupby[1]: contains a lone surrogate (U+DFFF), which is not text',
    ],
    [
      'a lone surrogate in a key',
      'metrics:\n  "a\\ud800": {unit: u}\n',
      'metrics: the key "a\\ud800" contains a lone surrogate (U+D800), which is not text',
    ],
    [
      'a NUL written as an escape',
      'metrics:\n  cpu: {unit: "a\\0b"}\n',
      'metrics.cpu.unit: contains a NUL character (U+0000)',
    ],
  ])('refuses %s', (_, text, expected) => {
    expect(refusalOf(text)).toEqual([expected]);
  });

  it('keeps characters outside the BMP written as pairs', () => {
    expect(parseMetricsConf('metrics: {cpu: {unit: "\\ud83d\\ude00 🙂"}}\n')).toEqual({
      metrics: { cpu: { unit: '😀 🙂' } },
    });
  });
});

describe('metrics.yml YAML bounds (issue 11, items 4 and 6)', () => {
  const bomb = [
    'a: &a [x, x, x, x, x, x, x, x, x, x]',
    'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
    'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
    'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    'metrics: {cpu: {unit: u, groupby: *d}}',
    '',
  ].join('\n');

  it.each([
    [
      'an alias bomb, at the alias that crossed the limit',
      bomb,
      'line 4, column 12: alias *c: too many aliases (over 100 aliased nodes from one anchor; the limit bounds memory)',
    ],
    [
      'an undefined alias',
      'metrics:\n  cpu: *nope\n',
      'line 2, column 8: alias *nope has no anchor &nope before it',
    ],
    [
      'an alias inside its own anchor',
      'metrics: &m\n  cpu: {unit: u, extra: *m}\n',
      'line 2, column 25: alias *m is inside its own anchor (a cycle)',
    ],
    [
      'flow nesting deeper than the limit',
      `metrics: ${'['.repeat(40)}${']'.repeat(40)}\n`,
      `line 1, column 41: ${TOO_DEEP}`,
    ],
    [
      'a tag of Python objects',
      'metrics: !!python/object:os.system {}\n',
      `line 1, column 10: !!python/object:os.system is not a YAML 1.2 core schema tag ${CORE_TAGS}`,
    ],
    [
      'a YAML 1.1 tag',
      'metrics:\n  cpu: {unit: !!binary aGVsbG8=}\n',
      `line 2, column 15: !!binary is not a YAML 1.2 core schema tag ${CORE_TAGS}`,
    ],
    [
      'a local tag',
      'metrics: {cpu: !local {unit: u}}\n',
      `line 1, column 16: !local is not a YAML 1.2 core schema tag ${CORE_TAGS}`,
    ],
    [
      'a %TAG directive',
      '%TAG !! tag:example.com,2000:\n---\nmetrics: !!str {}\n',
      'line 1, column 1: %TAG directives are not allowed (metrics.yml uses the core schema)',
    ],
    ['!!str on a mapping', 'metrics: !!str {}\n', `line 1, column 10: !!str ${NOT_FITTING}`],
    ['!!int on a word', 'metrics: {cpu: {unit: !!int abc}}\n', `line 1, column 23: !!int ${NOT_FITTING}`],
    [
      'a duplicate key, naming both lines',
      'metrics:\n  cpu: {unit: a}\n  cpu: {unit: b}\n',
      'line 3, column 3: duplicate key "cpu" (first at line 2)',
    ],
    [
      'keys that differ only in YAML type',
      'metrics: {s: {unit: u, mutate: MAP, mutate_map: {1: 1, "1": 2}}}\n',
      'line 1, column 56: duplicate key "1" (first at line 1)',
    ],
    [
      'a list as a key',
      'metrics:\n  ? [a, b]\n  : {unit: u}\n',
      'line 2, column 5: a key must be a string or a number, not a list',
    ],
    [
      'an alias as a key',
      'x: &k cpu\nmetrics: {*k : {unit: u}}\n',
      'line 2, column 11: a key must be a string or a number, not an alias',
    ],
    [
      'several documents',
      'metrics: {}\n---\nmetrics: {}\n',
      'line 2, column 1: YAML syntax: expected one document, found a second one (---)',
    ],
    [
      'a YAML syntax error, keeping its line and column once',
      'metrics:\n  cpu: [unit\n',
      'line 3, column 1: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
  ])('refuses %s', (_, text, expected) => {
    expect(refusalOf(text)).toEqual([expected]);
  });

  it('refuses block nesting deeper than the limit without exhausting the stack', () => {
    const deep = `metrics:\n  cpu:\n    ${'- '.repeat(100_000)}x\n`;
    expect(refusalOf(deep, { maxTokens: 1e6 })).toEqual([`line 3, column 65: ${TOO_DEEP}`]);
    expect(parseMetricsConf(`metrics: ${'['.repeat(31)}${']'.repeat(31)}\n`)).toBeTypeOf('object');
  });

  it('accepts aliases within the limit (a shared groupby)', () => {
    const shared = `metrics:\n  a: {unit: u, groupby: &gb [id, user_id]}\n${Array.from({ length: 50 }, (_, i) => `  m${i}: {unit: u, groupby: *gb}\n`).join('')}`;
    const conf = validateConf(parseMetricsConf(shared));
    expect(conf.m49?.groupby).toEqual(['id', 'user_id', 'project_id']);
    expect(conf.a?.groupby).toEqual(['id', 'user_id', 'project_id']);
  });

  it('accepts core tags', () => {
    expect(
      parseMetricsConf('metrics: !!map {cpu: {unit: !!str 5, factor: !<tag:yaml.org,2002:str> 1/3}}\n'),
    ).toEqual({ metrics: { cpu: { unit: '5', factor: '1/3' } } });
  });

  it('gives line and column as fields too', () => {
    try {
      parseMetricsConf('metrics: !foo {}\n');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidConfiguration);
      expect((error as InvalidConfiguration).issues[0]).toMatchObject({ line: 1, column: 10 });
    }
  });
});
