import { beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from '../errors/storage-error.js';
import type { SummaryField, SummaryQuery, SummaryResult } from '../summary-query.js';
import { type AsyncStorage, BACKENDS, useBackend } from '../testing/backends.js';
import { sumText } from '../testing/decimal-text.js';
import { hourFrame, hoursAfter, type PointSpec } from '../testing/frames.js';

const T0 = new Date('2026-03-01T00:00:00Z');
const DEFAULT_FIELDS: SummaryField[] = [
  { fn: 'SUM', column: 'qty', alias: 'qty' },
  { fn: 'SUM', column: 'price', alias: 'rate' },
];

/** `[group values…, ...aggregates]` per row, for compact expectations. */
function table(result: SummaryResult): (string | number | null)[][] {
  return result.rows.map((row) => [...row.groups, ...row.values]);
}

describe.each(BACKENDS)('%s', (name) => {
  const backend = useBackend(name);
  let storage: AsyncStorage;

  /** Every point stored, with the hour its period starts at (periods of one hour from T0). */
  const stored: { hour: number; scope: string; spec: PointSpec }[] = [];

  async function add(hour: number, scope: string, points: PointSpec[]): Promise<void> {
    await storage.addDataFrames([hourFrame(scope, hoursAfter(T0, hour), points)], 'project_id');
    stored.push(...points.map((spec) => ({ hour, scope, spec })));
  }

  /**
   * Hours 0–2 of scopes a and b: cpu points (id in groupby, flavor in metadata), volume points (id, and
   * volume_type in metadata on some). Decimals chosen so that a float sum would show: 0.1 + 0.2, 9-digit
   * fractions on a 9-digit whole part.
   */
  beforeEach(async () => {
    storage = await backend.open();
    stored.length = 0;
    await add(0, 'a', [
      { type: 'cpu', qty: '0.1', price: '0.01', groupby: { id: 'vm1' }, metadata: { flavor: 'small' } },
      { type: 'cpu', qty: '0.2', price: '0.02', groupby: { id: 'vm2' }, metadata: { flavor: 'large' } },
      { type: 'volume', qty: '123456789.123456789', price: '1', unit: 'GiB', groupby: { id: 'vol1' } },
    ]);
    await add(0, 'b', [
      { type: 'cpu', qty: '1', price: '0.5', groupby: { id: 'vm3' }, metadata: { flavor: 'small' } },
    ]);
    await add(1, 'a', [
      { type: 'cpu', qty: '0.3', price: '0.03', groupby: { id: 'vm1' }, metadata: { flavor: 'small' } },
      { type: 'volume', qty: '0.000000002', price: '2', unit: 'GiB', groupby: { id: 'vol1' } },
    ]);
    await add(2, 'b', [
      { type: 'cpu', qty: '2', price: '1', groupby: { id: 'vm3' }, metadata: { flavor: 'small' } },
      {
        type: 'volume',
        qty: '10',
        price: '0.1',
        unit: 'GiB',
        groupby: { id: 'vol2' },
        metadata: { volume_type: 'ssd' },
      },
    ]);
  });

  function summarize(query: Partial<SummaryQuery> = {}): Promise<SummaryResult> {
    return storage.summarize({
      begin: T0,
      end: hoursAfter(T0, 24),
      groupby: [],
      filters: {},
      fields: DEFAULT_FIELDS,
      periodSeconds: 3600,
      ...query,
    });
  }

  const qtyOf = (predicate: (point: (typeof stored)[number]) => boolean) =>
    sumText(stored.filter(predicate).map((point) => point.spec.qty));

  describe('summarize', () => {
    it('without groupby: one row over the requested range, sums exact', async () => {
      const result = await summarize();
      expect(result.total).toBe(1);
      expect(result.columns).toEqual(['begin', 'end', 'qty', 'rate']);
      expect(result.rows).toEqual([
        {
          begin: T0,
          end: hoursAfter(T0, 24),
          values: [qtyOf(() => true), sumText(stored.map((point) => point.spec.price ?? '0'))],
          groups: [],
        },
      ]);
      // Independently of the oracle: the digits a binary float would lose.
      expect(result.rows[0]?.values[0]).toBe('123456802.723456791');
    });

    it('sums 0.1 + 0.2 to 0.3, not 0.30000000000000004', async () => {
      const result = await summarize({
        groupby: [{ kind: 'label', key: 'id' }],
        filters: { project_id: ['a'] },
      });
      expect(table(result)[0]).toEqual(['vm1', '0.4', '0.04']);
      const both = await summarize({
        filters: { id: ['vm1', 'vm2'] },
        types: ['cpu'],
        end: hoursAfter(T0, 1),
      });
      expect(both.rows[0]?.values).toEqual(['0.3', '0.03']);
    });

    it('groups by rating type, rows ordered by it', async () => {
      const result = await summarize({ groupby: [{ kind: 'type' }] });
      expect(result.columns).toEqual(['begin', 'end', 'qty', 'rate', 'type']);
      expect(table(result)).toEqual([
        ['cpu', qtyOf((p) => p.spec.type === 'cpu'), '1.56'],
        ['volume', qtyOf((p) => p.spec.type === 'volume'), '3.1'],
      ]);
    });

    it('groups by a groupby key or a metadata key; a point without the key groups under null, first', async () => {
      const byFlavor = await summarize({ groupby: [{ kind: 'label', key: 'flavor' }] });
      expect(table(byFlavor)).toEqual([
        [null, qtyOf((p) => p.spec.metadata?.flavor === undefined), '3.1'],
        ['large', '0.2', '0.02'],
        ['small', '3.4', '1.54'],
      ]);
      const byScopeAndType = await summarize({
        groupby: [{ kind: 'label', key: 'project_id' }, { kind: 'type' }],
      });
      expect(byScopeAndType.columns).toEqual(['begin', 'end', 'qty', 'rate', 'project_id', 'type']);
      expect(table(byScopeAndType).map((row) => row.slice(0, 3))).toEqual([
        ['a', 'cpu', '0.6'],
        ['a', 'volume', '123456789.123456791'],
        ['b', 'cpu', '3'],
        ['b', 'volume', '10'],
      ]);
    });

    it('a key in both groupby and metadata groups by the groupby value', async () => {
      await add(3, 'c', [{ type: 'cpu', qty: '7', groupby: { id: 'g' }, metadata: { id: 'm' } }]);
      const result = await summarize({
        groupby: [{ kind: 'label', key: 'id' }],
        filters: { project_id: ['c'] },
      });
      expect(table(result)).toEqual([['g', '7', '0']]);
    });

    it('groups by time: one row per period bucket, begin/end the bucket, time not a column', async () => {
      const result = await summarize({ groupby: [{ kind: 'time' }] });
      expect(result.columns).toEqual(['begin', 'end', 'qty', 'rate']);
      expect(result.rows.map((row) => [row.begin, row.end, row.values[0]])).toEqual(
        [0, 1, 2].map((hour) => [
          hoursAfter(T0, hour),
          hoursAfter(T0, hour + 1),
          qtyOf((p) => p.hour === hour),
        ]),
      );
    });

    it('time with other keys: ordered by the other keys (request order), then by time', async () => {
      const result = await summarize({ groupby: [{ kind: 'time' }, { kind: 'type' }] });
      expect(result.columns).toEqual(['begin', 'end', 'qty', 'rate', 'type']);
      expect(result.rows.map((row) => [row.groups[0], row.begin.getUTCHours(), row.values[0]])).toEqual([
        ['cpu', 0, '1.3'],
        ['cpu', 1, '0.3'],
        ['cpu', 2, '2'],
        ['volume', 0, '123456789.123456789'],
        ['volume', 1, '2e-9'],
        ['volume', 2, '10'],
      ]);
    });

    it('time buckets are the collect period: a longer bucket holds several periods', async () => {
      const result = await summarize({ groupby: [{ kind: 'time' }], periodSeconds: 7200 });
      expect(result.rows.map((row) => [row.begin, row.end, row.values[0]])).toEqual([
        [T0, hoursAfter(T0, 2), qtyOf((p) => p.hour < 2)],
        [hoursAfter(T0, 2), hoursAfter(T0, 4), qtyOf((p) => p.hour === 2)],
      ]);
    });

    it('selects periods within [begin, end]: a period crossing either bound is left out', async () => {
      expect((await summarize({ begin: hoursAfter(T0, 1), end: hoursAfter(T0, 2) })).rows[0]?.values[0]).toBe(
        qtyOf((p) => p.hour === 1),
      );
      expect(
        (await summarize({ begin: new Date(T0.getTime() + 1), end: hoursAfter(T0, 3) })).rows[0]?.values[0],
      ).toBe(qtyOf((p) => p.hour > 0));
    });

    it('filters: OR within a key, AND across keys, on groupby or metadata; types apart', async () => {
      const either = await summarize({ filters: { id: ['vm1', 'vol2'] } });
      expect(either.rows[0]?.values[0]).toBe(
        qtyOf((p) => ['vm1', 'vol2'].includes(p.spec.groupby?.id ?? '')),
      );
      const both = await summarize({ filters: { id: ['vm1', 'vm3'], flavor: ['small'], project_id: ['b'] } });
      expect(both.rows[0]?.values[0]).toBe('3');
      const typed = await summarize({ types: ['volume'], filters: { volume_type: ['ssd', 'hdd'] } });
      expect(typed.rows[0]?.values[0]).toBe('10');
      expect((await summarize({ types: ['cpu', 'volume'] })).rows[0]?.values[0]).toBe(qtyOf(() => true));
    });

    it('custom fields: MIN, MAX, AVG exact; COUNT an integer; aliases as columns in order', async () => {
      const result = await summarize({
        groupby: [{ kind: 'type' }],
        fields: [
          { fn: 'COUNT', column: 'qty', alias: 'n' },
          { fn: 'MIN', column: 'qty', alias: 'least' },
          { fn: 'MAX', column: 'price', alias: 'most' },
          { fn: 'AVG', column: 'qty', alias: 'mean' },
        ],
      });
      expect(result.columns).toEqual(['begin', 'end', 'n', 'least', 'most', 'mean', 'type']);
      expect(table(result)).toEqual([
        ['cpu', 5, '0.1', '1', '0.72'],
        ['volume', 3, '2e-9', '2', '41152266.374485597'],
      ]);
    });

    it('AVG divides exactly, rounded half-up at 200 significant digits', async () => {
      await add(5, 'c', [
        { type: 'gpu', qty: '1' },
        { type: 'gpu', qty: '1', groupby: { id: 'x' } },
        { type: 'gpu', qty: '0', groupby: { id: 'y' } },
      ]);
      const result = await summarize({
        types: ['gpu'],
        fields: [{ fn: 'AVG', column: 'qty', alias: 'mean' }],
      });
      expect(result.rows[0]?.values[0]).toBe(`0.${'6'.repeat(199)}7`);
    });

    it('pages: limit and offset over rows, total before them; an offset past the end keeps the total', async () => {
      const query = { groupby: [{ kind: 'label', key: 'id' }] } as const;
      const all = table(await summarize(query));
      expect(all.map((row) => row[0])).toEqual(['vm1', 'vm2', 'vm3', 'vol1', 'vol2']);
      const page = await summarize({ ...query, limit: 2, offset: 1 });
      expect(page.total).toBe(5);
      expect(table(page)).toEqual(all.slice(1, 3));
      expect(await summarize({ ...query, offset: 5 })).toMatchObject({ total: 5, rows: [] });
      expect(table(await summarize({ ...query, limit: 10, offset: 4 }))).toEqual(all.slice(4));
    });

    it('no matching point: total 0, no row (not one row of nothing)', async () => {
      expect(await summarize({ filters: { id: ['nothing'] } })).toMatchObject({ total: 0, rows: [] });
      expect(await summarize({ begin: hoursAfter(T0, 100), end: hoursAfter(T0, 200) })).toMatchObject({
        total: 0,
        rows: [],
      });
    });

    it('binds keys: two queries of one shape answer for their own keys', async () => {
      expect(table(await summarize({ groupby: [{ kind: 'label', key: 'flavor' }] }))).toHaveLength(3);
      expect(table(await summarize({ groupby: [{ kind: 'label', key: 'project_id' }] }))).toEqual([
        ['a', qtyOf((p) => p.scope === 'a'), '3.06'],
        ['b', qtyOf((p) => p.scope === 'b'), '1.6'],
      ]);
    });

    it('refuses what it cannot answer with a StorageError', async () => {
      await expect(summarize({ periodSeconds: 0 })).rejects.toThrow(StorageError);
      await expect(summarize({ fields: [] })).rejects.toThrow(StorageError);
      await expect(summarize({ limit: -2 })).rejects.toThrow(StorageError);
      await expect(summarize({ groupby: [{ kind: 'type' }, { kind: 'type' }] })).rejects.toThrow(/twice/);
      await expect(summarize({ fields: [{ fn: 'SUM', column: 'qty', alias: 'begin' }] })).rejects.toThrow(
        /twice/,
      );
    });
  });
});
