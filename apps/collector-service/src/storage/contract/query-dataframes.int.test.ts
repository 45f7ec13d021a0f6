import { beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from '../errors/storage-error.js';
import type { StoredDataFrames } from '../storage.js';
import { type AsyncStorage, BACKENDS, useBackend } from '../testing/backends.js';
import { hourFrame, hoursAfter } from '../testing/frames.js';

const T0 = new Date('2026-03-01T00:00:00Z');

/** [period begin hour, type, scope, qty] of every point returned, in order. */
function flatten(result: StoredDataFrames): string[] {
  return result.dataframes.flatMap((frame) =>
    Object.entries(frame.usage).flatMap(([type, points]) =>
      points.map(
        (point) => `${frame.period.begin.slice(11, 13)} ${type} ${point.groupby.project_id} ${point.vol.qty}`,
      ),
    ),
  );
}

describe.each(BACKENDS)('%s', (name) => {
  const backend = useBackend(name);
  let storage: AsyncStorage;

  /**
   * Three hourly periods, two scopes (committed b before a, to check ordering by scope):
   * each period of each scope has 2 cpu points (flavor in metadata) and 1 volume point.
   */
  beforeEach(async () => {
    storage = await backend.open();
    for (let hour = 0; hour < 3; hour += 1) {
      for (const scope of ['b', 'a']) {
        await storage.commitPeriod(
          scope,
          hourFrame(scope, hoursAfter(T0, hour), [
            {
              type: 'cpu',
              qty: `${hour}.1`,
              groupby: { id: `${scope}-vm1` },
              metadata: { flavor: 'm1.small' },
            },
            {
              type: 'cpu',
              qty: `${hour}.2`,
              groupby: { id: `${scope}-vm2` },
              metadata: { flavor: 'm1.large' },
            },
            { type: 'volume.size', qty: '10', unit: 'GiB', groupby: { id: `${scope}-vol` } },
          ]),
        );
      }
    }
  });

  describe('queryDataFrames', () => {
    it('returns one dataframe per period with every scope, by period then scope then stored order', async () => {
      const result = await storage.queryDataFrames({});
      expect(result.total).toBe(18);
      expect(result.dataframes.map((frame) => frame.period.begin)).toEqual([
        '2026-03-01T00:00:00+00:00',
        '2026-03-01T01:00:00+00:00',
        '2026-03-01T02:00:00+00:00',
      ]);
      expect(flatten(result).slice(0, 6)).toEqual([
        '00 cpu a 0.1',
        '00 cpu a 0.2',
        '00 cpu b 0.1',
        '00 cpu b 0.2',
        '00 volume.size a 10',
        '00 volume.size b 10',
      ]);
    });

    it('pages over points: total before limit/offset, a page may split a period', async () => {
      const page = await storage.queryDataFrames({ limit: 4, offset: 4 });
      expect(page.total).toBe(18);
      // Points are paged in (period, scope, stored) order: a's three, then b's three, per period.
      expect(flatten(page)).toEqual(['00 cpu b 0.2', '00 volume.size b 10', '01 cpu a 1.1', '01 cpu a 1.2']);
      expect((await storage.queryDataFrames({ limit: 5, offset: 16 })).dataframes).toHaveLength(1);
      expect(flatten(await storage.queryDataFrames({ limit: 5, offset: 16 }))).toHaveLength(2);
      expect(await storage.queryDataFrames({ offset: 18 })).toEqual({ total: 18, dataframes: [] });
      expect(await storage.queryDataFrames({ limit: 0 })).toEqual({ total: 18, dataframes: [] });
    });

    it('selects periods lying within [begin, end]', async () => {
      const middle = await storage.queryDataFrames({ begin: hoursAfter(T0, 1), end: hoursAfter(T0, 2) });
      expect(middle.total).toBe(6);
      expect(middle.dataframes.map((frame) => frame.period.begin)).toEqual(['2026-03-01T01:00:00+00:00']);
      // A period only partly inside is left out.
      expect((await storage.queryDataFrames({ begin: new Date(T0.getTime() + 60_000) })).total).toBe(12);
      expect((await storage.queryDataFrames({ end: new Date(hoursAfter(T0, 1).getTime() - 1) })).total).toBe(
        0,
      );
      expect((await storage.queryDataFrames({ begin: hoursAfter(T0, 3) })).total).toBe(0);
    });

    it('filters on groupby or metadata; every filter must match; only matching points are returned', async () => {
      const byScope = await storage.queryDataFrames({ filters: { project_id: 'a' } });
      expect(byScope.total).toBe(9);
      expect(flatten(byScope).every((line) => line.split(' ')[2] === 'a')).toBe(true);

      const byMetadata = await storage.queryDataFrames({ filters: { flavor: 'm1.large' } });
      expect(flatten(byMetadata)).toEqual([
        '00 cpu a 0.2',
        '00 cpu b 0.2',
        '01 cpu a 1.2',
        '01 cpu b 1.2',
        '02 cpu a 2.2',
        '02 cpu b 2.2',
      ]);
      // Only the cpu type remains in each frame (the volume points did not match).
      expect(byMetadata.dataframes.every((frame) => Object.keys(frame.usage).join() === 'cpu')).toBe(true);

      const both = await storage.queryDataFrames({ filters: { project_id: 'b', flavor: 'm1.small' } });
      expect(flatten(both)).toEqual(['00 cpu b 0.1', '01 cpu b 1.1', '02 cpu b 2.1']);

      expect(await storage.queryDataFrames({ filters: { project_id: 'a', id: 'b-vol' } })).toEqual({
        total: 0,
        dataframes: [],
      });
      expect((await storage.queryDataFrames({ filters: { flavor: 'M1.SMALL' } })).total).toBe(0);
      expect((await storage.queryDataFrames({ filters: { nothing: '' } })).total).toBe(0);
      expect((await storage.queryDataFrames({ filters: {} })).total).toBe(18);
    });

    it('filters on rating types and scope ids, with paging on the filtered points', async () => {
      expect(flatten(await storage.queryDataFrames({ types: ['volume.size'], scopeIds: ['b'] }))).toEqual([
        '00 volume.size b 10',
        '01 volume.size b 10',
        '02 volume.size b 10',
      ]);
      const page = await storage.queryDataFrames({
        types: ['cpu'],
        filters: { flavor: 'm1.small' },
        limit: 2,
        offset: 1,
      });
      expect(page.total).toBe(6);
      expect(flatten(page)).toEqual(['00 cpu b 0.1', '01 cpu a 1.1']);
      expect((await storage.queryDataFrames({ scopeIds: [] })).total).toBe(0);
    });

    it('matches any key literally (dots, quotes, JSON path syntax)', async () => {
      await storage.commitPeriod(
        'c',
        hourFrame('c', T0, [{ type: 'odd', qty: '1', groupby: { 'a.b': 'x', '$."q"': 'y', 'it"s': 'z' } }]),
      );
      for (const [key, value] of [
        ['a.b', 'x'],
        ['$."q"', 'y'],
        ['it"s', 'z'],
      ] as const) {
        expect((await storage.queryDataFrames({ filters: { [key]: value } })).total).toBe(1);
      }
    });

    it('refuses a negative or fractional limit/offset', async () => {
      await expect(storage.queryDataFrames({ limit: -1 })).rejects.toThrow(StorageError);
      await expect(storage.queryDataFrames({ offset: 1.5 })).rejects.toThrow(/offset must be a whole number/);
    });
  });
});
