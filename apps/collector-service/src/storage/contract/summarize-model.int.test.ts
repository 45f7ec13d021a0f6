import { DataFrame, DataPoint } from '@kitty-collect/collector-base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SummaryGroupBy, SummaryQuery } from '../summary-query.js';
import { BACKENDS, useBackend } from '../testing/backends.js';
import { sameDecimal } from '../testing/decimal-text.js';
import { HOUR_MS } from '../testing/frames.js';
import { type ReferencePoint, referenceSummary } from '../testing/summary-reference.js';

const T0 = Date.UTC(2026, 2, 1);
const LABEL_KEYS = ['id', 'zone', 'flavor'] as const;

/** A decimal of up to 12 digits with 9 after the point, of either sign (`-12.000000345`). */
const decimal = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map((n) => {
  const digits = (n < 0n ? -n : n).toString().padStart(10, '0');
  return `${n < 0n ? '-' : ''}${digits.slice(0, -9)}.${digits.slice(-9)}`;
});
const labels = fc.dictionary(fc.constantFrom(...LABEL_KEYS), fc.constantFrom('x', 'y', ''), { maxKeys: 2 });

const points = fc.array(
  fc.record({
    hour: fc.integer({ min: 0, max: 5 }),
    type: fc.constantFrom('cpu', 'ram'),
    qty: decimal,
    price: decimal,
    groupby: labels,
    metadata: labels,
  }),
  { maxLength: 30 },
);

const groupby: fc.Arbitrary<SummaryGroupBy[]> = fc.uniqueArray(
  fc.constantFrom<SummaryGroupBy>(
    { kind: 'type' },
    { kind: 'time' },
    ...LABEL_KEYS.map((key) => ({ kind: 'label' as const, key })),
  ),
  { maxLength: 4, selector: (entry) => JSON.stringify(entry) },
);

const query = fc.record({
  groupby,
  filters: fc.dictionary(
    fc.constantFrom(...LABEL_KEYS),
    fc.uniqueArray(fc.constantFrom('x', 'y', ''), { minLength: 1 }),
    {
      maxKeys: 2,
    },
  ),
  types: fc.option(fc.subarray(['cpu', 'ram', 'gpu']), { nil: undefined }),
  firstHour: fc.integer({ min: 0, max: 3 }),
  hours: fc.integer({ min: 1, max: 6 }),
  periodSeconds: fc.constantFrom(3600, 7200, 10800),
  limit: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  offset: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
});

describe.each(BACKENDS)('%s: summarize against a point-by-point reference', (name) => {
  const backend = useBackend(name);

  it('gives the same total, rows, order and exact aggregates for any data and query', async () => {
    const storage = await backend.open();
    await fc.assert(
      fc.asyncProperty(points, query, async (specs, shape) => {
        await backend.empty();
        // `n`: a point of its own, never overwritten by another with the same key.
        const stored: ReferencePoint[] = specs.map((spec, n) => ({
          begin: T0 + spec.hour * HOUR_MS,
          end: T0 + (spec.hour + 1) * HOUR_MS,
          type: spec.type,
          qty: spec.qty,
          price: spec.price,
          groupby: { ...spec.groupby, n: String(n) },
          metadata: spec.metadata,
        }));
        await storage.addDataFrames(stored.map(frameOf), 'project_id');
        const summaryQuery: SummaryQuery = {
          ...shape,
          begin: new Date(T0 + shape.firstHour * HOUR_MS),
          end: new Date(T0 + (shape.firstHour + shape.hours) * HOUR_MS),
          fields: [
            { fn: 'SUM', column: 'qty', alias: 'qty' },
            { fn: 'MIN', column: 'price', alias: 'least' },
            { fn: 'MAX', column: 'qty', alias: 'most' },
            { fn: 'COUNT', column: 'price', alias: 'n' },
          ],
        };
        const actual = await storage.summarize(summaryQuery);
        const expected = referenceSummary(stored, summaryQuery);
        expect(actual.total).toBe(expected.total);
        expect(actual.rows.map((row) => row.groups)).toEqual(expected.rows.map((row) => row.groups));
        actual.rows.forEach((row, index) => {
          const reference = expected.rows[index];
          if (reference?.bucket !== undefined) expect(row.begin.getTime()).toBe(reference.bucket);
          row.values.forEach((value, field) => {
            const want = reference?.values[field];
            if (typeof value === 'number') expect(value).toBe(want);
            else expect(sameDecimal(value, String(want)), `${value} = ${want}`).toBe(true);
          });
        });
      }),
      { numRuns: 150 },
    );
  });
});

function frameOf(point: ReferencePoint): DataFrame {
  const frame = new DataFrame({ start: new Date(point.begin), end: new Date(point.end) });
  frame.addPoint(
    new DataPoint({
      unit: 'u',
      qty: point.qty,
      price: point.price,
      groupby: point.groupby,
      metadata: point.metadata,
    }),
    point.type,
  );
  return frame;
}
