import { describe, expect, test } from 'vitest';
import {
  escapeOpenMetricsValue,
  formatOpenMetricsNumber,
  type MetricFamily,
  writeOpenMetrics,
} from './openmetrics.js';

const text = (families: MetricFamily[], chunkSize?: number) =>
  [...writeOpenMetrics(families, chunkSize === undefined ? {} : { chunkSize })].join('');

describe('escapeOpenMetricsValue', () => {
  test('escapes backslash, double quote and line feed only', () => {
    expect(escapeOpenMetricsValue('quirky"proj\\id')).toBe('quirky\\"proj\\\\id');
    expect(escapeOpenMetricsValue('a\nb')).toBe('a\\nb');
    expect(escapeOpenMetricsValue("ünïcødé, 'x' {y}=z")).toBe("ünïcødé, 'x' {y}=z");
  });
});

describe('formatOpenMetricsNumber', () => {
  test.each([
    [0.00001, '0.00001'],
    [1e-7, '1e-7'],
    [1e21, '1e+21'],
    [2 ** 50, '1125899906842624'],
    [-2.5, '-2.5'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, '+Inf'],
    [Number.NEGATIVE_INFINITY, '-Inf'],
  ])('%s → %s', (value, expected) => {
    expect(formatOpenMetricsNumber(value)).toBe(expected);
  });
});

describe('writeOpenMetrics', () => {
  test('writes HELP, TYPE, labels in insertion order, omits empty labels, ends with # EOF', () => {
    const out = text([
      {
        name: 'http_requests',
        sampleName: 'http_requests_total',
        type: 'counter',
        help: 'Requests "served"\nper code',
        series: [
          {
            labels: { project_id: 'p', code: '500', foo: '', bar: undefined, z: 'a"b' },
            samples: [
              [1767484800, 1],
              [1767484860.5, 2],
            ],
          },
        ],
      },
      { name: 'g', type: 'gauge', series: [{ labels: {}, samples: [[1767484800, Number.NaN]] }] },
    ]);
    expect(out).toBe(
      [
        '# HELP http_requests Requests \\"served\\"\\nper code',
        '# TYPE http_requests counter',
        'http_requests_total{project_id="p",code="500",z="a\\"b"} 1 1767484800',
        'http_requests_total{project_id="p",code="500",z="a\\"b"} 2 1767484860.5',
        '# TYPE g gauge',
        'g NaN 1767484800',
        '# EOF',
        '',
      ].join('\n'),
    );
  });

  test('streams: chunks stay near chunkSize and only the generator that is consumed runs', () => {
    let produced = 0;
    function* manySamples() {
      for (let i = 0; i < 100_000; i++) {
        produced++;
        yield [i, i] as const;
      }
    }
    const chunks = writeOpenMetrics(
      [{ name: 'big', type: 'gauge', series: [{ labels: { a: 'b' }, samples: manySamples() }] }],
      { chunkSize: 4096 },
    );
    const first = chunks.next();
    expect(first.done).toBe(false);
    expect((first.value as string).length).toBeGreaterThanOrEqual(4096);
    expect((first.value as string).length).toBeLessThan(4096 + 100);
    expect(produced).toBeLessThan(1000);
    let last = '';
    for (const chunk of chunks) last = chunk;
    expect(produced).toBe(100_000);
    expect(last.endsWith('big{a="b"} 99999 99999\n# EOF\n')).toBe(true);
  });

  test('an empty input is a valid empty exposition', () => {
    expect(text([])).toBe('# EOF\n');
  });

  test.each([
    ['metric name', { name: 'bad-name', type: 'gauge', series: [] }],
    ['metric name', { name: 'ok', sampleName: '1bad', type: 'gauge', series: [] }],
    ['label name', { name: 'ok', type: 'gauge', series: [{ labels: { 'a.b': 'x' }, samples: [] }] }],
  ] satisfies [string, MetricFamily][])('rejects an invalid %s', (kind, family) => {
    expect(() => text([family])).toThrow(`invalid OpenMetrics ${kind}`);
  });

  test('rejects non-finite timestamps', () => {
    const family: MetricFamily = {
      name: 'g',
      type: 'gauge',
      series: [{ labels: {}, samples: [[Number.NaN, 1]] }],
    };
    expect(() => text([family])).toThrow('invalid timestamp NaN');
  });
});
