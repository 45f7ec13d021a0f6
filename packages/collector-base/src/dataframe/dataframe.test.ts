import { describe, expect, it } from 'vitest';
import { calendarGroupby } from './calendar.js';
import { DataFrame } from './data-frame.js';
import { DataPoint } from './data-point.js';
import { isoformatUtc } from './iso-time.js';

describe('calendarGroupby', () => {
  it.each([
    ['2026-01-01T00:00:00Z', '00', '1', '1', '2026'], // a Thursday: before the first Sunday
    ['2026-01-03T23:59:59Z', '00', '3', '1', '2026'],
    ['2026-01-04T00:00:00Z', '01', '4', '1', '2026'], // the first Sunday
    ['2023-01-01T00:00:00Z', '01', '1', '1', '2023'], // the year starts on a Sunday
    ['2024-12-31T12:00:00Z', '52', '366', '12', '2024'], // leap year
    ['2026-12-31T00:00:00Z', '52', '365', '12', '2026'],
    ['2026-07-15T10:00:00Z', '28', '196', '7', '2026'],
  ])('%s → week %s, day %s, month %s, year %s', (iso, week, day, month, year) => {
    expect(calendarGroupby(new Date(iso))).toEqual({
      week_of_the_year: week,
      day_of_the_year: day,
      month,
      year,
    });
  });
});

describe('DataPoint', () => {
  it('serialises as one CloudKitty v2 usage element without the description', () => {
    const point = new DataPoint({
      unit: 'GiB',
      qty: '1048576',
      groupby: { project_id: 'p1' },
      metadata: { flavor: 'm1' },
      description: 'images',
    });
    expect(point.toJSON()).toEqual({
      vol: { unit: 'GiB', qty: '1048576' },
      rating: { price: '0' },
      groupby: { project_id: 'p1' },
      metadata: { flavor: 'm1' },
    });
    expect(point.description).toBe('images');
    expect(point.desc).toEqual({ project_id: 'p1', flavor: 'm1' });
    expect(DataPoint.fromJSON(point.toJSON()).toJSON()).toEqual(point.toJSON());
  });
});

describe('DataFrame', () => {
  const start = new Date('2026-01-04T00:00:00Z');
  const end = new Date('2026-01-04T01:00:00Z');

  it('serialises in the CloudKitty v2 shape and parses back', () => {
    const frame = new DataFrame({ start, end });
    frame.addPoint(new DataPoint({ unit: 'instance', qty: 1 }), 'instance');
    frame.addPoints(
      [new DataPoint({ unit: 'GiB', qty: '2.5' }), new DataPoint({ unit: 'GiB', qty: 3 })],
      'image',
    );
    const json = frame.toJSON();
    expect(json).toEqual({
      period: { begin: '2026-01-04T00:00:00+00:00', end: '2026-01-04T01:00:00+00:00' },
      usage: {
        instance: [
          { vol: { unit: 'instance', qty: '1' }, rating: { price: '0' }, groupby: {}, metadata: {} },
        ],
        image: [
          { vol: { unit: 'GiB', qty: '2.5' }, rating: { price: '0' }, groupby: {}, metadata: {} },
          { vol: { unit: 'GiB', qty: '3' }, rating: { price: '0' }, groupby: {}, metadata: {} },
        ],
      },
    });
    expect(frame.pointCount).toBe(3);
    expect([...frame.iterPoints()].map(([type]) => type)).toEqual(['instance', 'image', 'image']);
    expect(DataFrame.fromJSON(JSON.parse(JSON.stringify(json))).toJSON()).toEqual(json);
  });

  it('refuses an empty or reversed period', () => {
    expect(() => new DataFrame({ start: end, end: start })).toThrow(
      'DataFrame period must end after it begins',
    );
  });

  it('formats times as Python isoformat() of UTC datetimes', () => {
    expect(isoformatUtc(new Date('2026-01-04T00:00:00.250Z'))).toBe('2026-01-04T00:00:00.250000+00:00');
  });
});
