import { describe, expect, it } from 'vitest';
import { durationSchema, timeSchema } from './formats.js';

describe('timeSchema', () => {
  it('sends a Date as RFC 3339 in UTC', () => {
    expect(timeSchema.parse(new Date(Date.UTC(2026, 0, 4, 1)))).toBe('2026-01-04T01:00:00.000Z');
  });

  it('sends unix seconds as a decimal number', () => {
    expect(timeSchema.parse(1767488400)).toBe('1767488400');
    expect(timeSchema.parse(1767488400.5)).toBe('1767488400.5');
  });

  it('sends a string verbatim', () => {
    expect(timeSchema.parse('2026-01-04T01:00:00+01:00')).toBe('2026-01-04T01:00:00+01:00');
  });

  it('rejects an invalid Date, a non-finite number and an empty string', () => {
    expect(timeSchema.safeParse(new Date('nope')).success).toBe(false);
    expect(timeSchema.safeParse(Number.NaN).success).toBe(false);
    expect(timeSchema.safeParse(Number.POSITIVE_INFINITY).success).toBe(false);
    expect(timeSchema.safeParse('').success).toBe(false);
  });
});

describe('durationSchema', () => {
  it('sends whole seconds as "<n>s"', () => {
    expect(durationSchema.parse(60)).toBe('60s');
  });

  it('sends fractional seconds as milliseconds, which Prometheus accepts ("1.5s" it rejects)', () => {
    expect(durationSchema.parse(1.5)).toBe('1500ms');
    expect(durationSchema.parse(0.1)).toBe('100ms');
    expect(durationSchema.parse(0.0001)).toBe('1ms');
  });

  it('sends a string verbatim', () => {
    expect(durationSchema.parse('1m30s')).toBe('1m30s');
  });

  it('rejects zero, negative and non-finite numbers', () => {
    expect(durationSchema.safeParse(0).success).toBe(false);
    expect(durationSchema.safeParse(-1).success).toBe(false);
    expect(durationSchema.safeParse(Number.POSITIVE_INFINITY).success).toBe(false);
  });
});
