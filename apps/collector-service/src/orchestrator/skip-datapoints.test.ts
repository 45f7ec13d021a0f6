import {
  DataFrame,
  DataPoint,
  metricNameOf,
  parseMetricsConf,
  parseSkipExpression,
  SkipExpressionEvaluationError,
  validateMetricsConf,
} from '@kitty-collect/collector-base';
import { describe, expect, it } from 'vitest';
import { skipDatapoints, skipDatapointsRules } from './skip-datapoints.js';

/** What skipDatapointsRules reads of a collector: its validated conf and its display names. */
function fakeCollector(metrics: string) {
  const conf = validateMetricsConf(parseMetricsConf(metrics));
  return { conf, displayName: (key: string) => conf[key]?.alt_name ?? metricNameOf(key) };
}

const START = new Date('2026-01-04T00:00:00Z');
const END = new Date('2026-01-04T01:00:00Z');
const point = (qty: string, groupby: Record<string, string> = {}) =>
  new DataPoint({ unit: 'u', qty, groupby });

function frameOf(usage: Record<string, DataPoint[]>): DataFrame {
  return new DataFrame({ start: START, end: END, usage: Object.entries(usage) });
}

const qtys = (frame: DataFrame) =>
  Object.fromEntries(frame.types.map((type) => [type, frame.getPoints(type).map((p) => p.qty.toString())]));

const METRICS = `
metrics:
  cpu:
    unit: s
    skip_datapoints_expression: datapoint.get("vol", {}).get("qty", 0) == 0
  image_size:
    - unit: MiB
      alt_name: image_mib
      skip_datapoints_expression: datapoint['groupby']['format'] == 'ova'
    - unit: GiB
      alt_name: image_gib
  ram:
    unit: MiB
`;

describe('skipDatapoints', () => {
  const collector = fakeCollector(METRICS);

  it('drops the points each rating type’s expression is true for, under the frame’s names', () => {
    const rules = skipDatapointsRules(collector, parseSkipExpression('False'));
    expect([...rules.byRatingType.keys()]).toEqual(['cpu', 'image_mib']);
    const frame = frameOf({
      cpu: [point('0'), point('2.5'), point('0.000')],
      image_mib: [point('1', { format: 'ova' }), point('2', { format: 'bare' })],
      image_gib: [point('0')],
    });
    const kept = skipDatapoints(frame, rules);
    expect(qtys(kept)).toEqual({ cpu: ['2.5'], image_mib: ['2'], image_gib: ['0'] });
    expect(kept.pointCount).toBe(3);
    expect({ start: kept.start, end: kept.end }).toEqual({ start: START, end: END });
  });

  it('applies the default to rating types without their own, and removes a rating type left empty', () => {
    const rules = skipDatapointsRules(collector, parseSkipExpression("datapoint['vol']['qty'] < 10"));
    const frame = frameOf({
      cpu: [point('0'), point('3')],
      image_gib: [point('4')],
      ram: [point('1'), point('20')],
    });
    const kept = skipDatapoints(frame, rules);
    expect(kept.types).toEqual(['cpu', 'ram']);
    expect(qtys(kept)).toEqual({ cpu: ['3'], ram: ['20'] });
    expect(kept.toJSON().usage).not.toHaveProperty('image_gib');
  });

  it('gives the frame itself back when nothing is dropped, or without rules', () => {
    const frame = frameOf({ cpu: [point('1')], ram: [point('0')] });
    expect(skipDatapoints(frame, skipDatapointsRules(collector, parseSkipExpression('False')))).toBe(frame);
    expect(skipDatapoints(frame, undefined)).toBe(frame);
  });

  it('a frame whose every point is dropped has no rating type left', () => {
    const kept = skipDatapoints(
      frameOf({ cpu: [point('0')], ram: [point('1')] }),
      skipDatapointsRules(collector, parseSkipExpression('True')),
    );
    expect(kept.types).toEqual([]);
    expect(kept.pointCount).toBe(0);
  });

  it('throws the evaluation error, naming the rating type and the expression', () => {
    const rules = skipDatapointsRules(collector, parseSkipExpression("datapoint['groupby']['host'] == 'h1'"));
    const run = () => skipDatapoints(frameOf({ cpu: [point('1')], ram: [point('1')] }), rules);
    expect(run).toThrow(SkipExpressionEvaluationError);
    expect(run).toThrow(
      `skip_datapoints_expression "datapoint['groupby']['host'] == 'h1'" of rating type "ram" failed at column 21: KeyError: "host"`,
    );
  });

  it('rating types sharing a display name share its expression', () => {
    const shared = fakeCollector(`
metrics:
  cpu: {unit: s, alt_name: time, skip_datapoints_expression: "datapoint['vol']['qty'] > 1"}
  cpu_user: {unit: s, alt_name: time, skip_datapoints_expression: "datapoint['vol']['qty'] > 1"}
`);
    const rules = skipDatapointsRules(shared, parseSkipExpression('False'));
    expect([...rules.byRatingType.keys()]).toEqual(['time']);
    expect(qtys(skipDatapoints(frameOf({ time: [point('1'), point('2')] }), rules))).toEqual({ time: ['1'] });
  });
});
