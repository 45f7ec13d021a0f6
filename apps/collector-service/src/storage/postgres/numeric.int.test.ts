import { DataFrame, DataPoint, ExactDecimal } from '@kitty-collect/collector-base';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SummaryField } from '../summary-query.js';
import { storedDecimal } from '../testing/decimal-arbitraries.js';
import { sumText } from '../testing/decimal-text.js';
import { hourFrame, hoursAfter } from '../testing/frames.js';
import { usePostgresServer } from '../testing/postgres-server.js';
import { openPostgresStorage } from './open-postgres-storage.js';
import type { PostgresStorage } from './postgres-storage.js';

const T0 = new Date('2026-03-01T00:00:00Z');
const server = usePostgresServer();
let storage: PostgresStorage;

beforeAll(async () => {
  storage = await openPostgresStorage({ url: (await server.freshDatabase('numeric')).url });
});
afterAll(() => storage.close());

const FIELDS: SummaryField[] = [
  { fn: 'SUM', column: 'qty', alias: 'qty' },
  { fn: 'MIN', column: 'qty', alias: 'least' },
  { fn: 'MAX', column: 'qty', alias: 'most' },
  { fn: 'AVG', column: 'qty', alias: 'mean' },
  { fn: 'COUNT', column: 'qty', alias: 'n' },
];

describe('NUMERIC: exact amounts', () => {
  it('sums 1000 × 0.1 + 123456789.123456789012345678 exactly, in the database', async () => {
    const tenths = Array.from({ length: 1000 }, (_, id) => ({
      type: 'cpu',
      qty: '0.1',
      groupby: { id: `vm${id}` },
    }));
    await storage.commitPeriod(
      'exact',
      hourFrame('exact', T0, [...tenths, { type: 'cpu', qty: '123456789.123456789012345678' }]),
    );
    const summary = await storage.summarize({
      begin: T0,
      end: hoursAfter(T0, 1),
      groupby: [],
      filters: { project_id: ['exact'] },
      fields: FIELDS,
      periodSeconds: 3600,
    });
    expect(summary.rows[0]?.values).toEqual([
      '123456889.123456789012345678',
      '0.1',
      '123456789.123456789012345678',
      // (123456889.123456789012345678 / 1001), ExactDecimal's 200 significant digits, half-up.
      new ExactDecimal('123456889.123456789012345678').div(1001).toString(),
      1001,
    ]);
    expect(summary.rows[0]?.values[0]).toBe(
      sumText([...tenths.map((point) => point.qty), '123456789.123456789012345678']),
    );
  });

  it('answers every decimal the collectors and the API produce as the SQLite storage does: ExactDecimal#toString()', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(storedDecimal, storedDecimal), { minLength: 1, maxLength: 20 }),
        async (pairs) => {
          run += 1;
          const scopeId = `run${run}`;
          const frame = new DataFrame({ start: T0, end: hoursAfter(T0, 1) });
          for (const [index, [qty, price]] of pairs.entries()) {
            const groupby = { project_id: scopeId, id: `${index}` };
            frame.addPoint(new DataPoint({ unit: 'u', qty, price, groupby }), 'x');
          }
          await storage.commitPeriod(scopeId, frame);
          const { dataframes } = await storage.queryDataFrames({ scopeIds: [scopeId] });
          expect(dataframes[0]?.usage.x?.map((point) => [point.vol.qty, point.rating.price])).toEqual(
            pairs.map(([qty, price]) => [qty.toString(), price.toString()]),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
