import { describe, expect, it } from 'vitest';
import { PrometheusQueryOptionsError } from '../errors/prometheus-query-options-error.js';
import { durationSeconds } from './duration.js';

describe('durationSeconds', () => {
  it.each([
    [30, 30],
    [0.25, 0.25],
    ['30', 30],
    ['1.5', 1.5],
    ['30s', 30],
    ['500ms', 0.5],
    ['1m30s', 90],
    ['2h', 7200],
    ['1d1h1m1s1ms', 90_061.001],
    ['1w', 604_800],
    ['1y', 31_536_000],
  ])('reads %j as %d s', (duration, seconds) => {
    expect(durationSeconds(duration)).toBeCloseTo(seconds, 9);
  });

  it.each([['', '0s', '-5s', '1s1m', 'soon', '1.5s', Number.NaN, 0, -1]].flat())('refuses %j', (duration) => {
    expect(() => durationSeconds(duration)).toThrow(PrometheusQueryOptionsError);
    expect(() => durationSeconds(duration)).toThrow(/Invalid query option "timeout": cannot read/);
  });
});
