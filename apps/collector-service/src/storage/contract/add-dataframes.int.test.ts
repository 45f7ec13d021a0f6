import { DataFrame, DataPoint } from '@kitty-collect/collector-base';
import { beforeEach, describe, expect, it } from 'vitest';
import { PeriodConflictError } from '../errors/period-conflict-error.js';
import { type AsyncStorage, BACKENDS, useBackend } from '../testing/backends.js';
import { hourFrame, hoursAfter } from '../testing/frames.js';

const T0 = new Date('2026-03-01T00:00:00Z');

describe.each(BACKENDS)('%s', (name) => {
  const backend = useBackend(name);
  let storage: AsyncStorage;

  beforeEach(async () => {
    storage = await backend.open({ now: () => new Date('2026-03-15T00:00:00Z') });
  });

  /** Every stored point of the window as `type scope qty price`, in the order the API returns them. */
  async function stored(): Promise<string[]> {
    return (await storage.queryDataFrames({})).dataframes.flatMap((frame) =>
      Object.entries(frame.usage).flatMap(([type, points]) =>
        points.map(
          (point) =>
            `${frame.period.begin} ${type} ${point.groupby.project_id ?? '-'} ${point.groupby.id ?? '-'} ${point.vol.qty} ${point.rating.price}`,
        ),
      ),
    );
  }

  describe('addDataFrames (POST /v2/dataframes)', () => {
    it("stores each point under its scope label's scope, or '' without one, and touches no scope state", async () => {
      const frame = hourFrame('a', T0, [{ type: 'cpu', qty: '1', groupby: { id: 'vm1' } }]);
      frame.addPoint(
        new DataPoint({ unit: 'GiB', qty: '2.5', groupby: { project_id: 'b', id: 'v1' } }),
        'volume',
      );
      frame.addPoint(new DataPoint({ unit: 'GiB', qty: '3', groupby: { id: 'orphan' } }), 'volume');
      await storage.addDataFrames([frame], 'project_id');
      expect(await storage.countDataFrames('a')).toBe(1);
      expect(await storage.countDataFrames('b')).toBe(1);
      expect(await storage.countDataFrames('')).toBe(1);
      expect(await storage.listScopeStates()).toEqual([]);
      expect(await stored()).toEqual([
        // Scope '' first, then a, then b; regrouped by rating type in order of appearance.
        '2026-03-01T00:00:00+00:00 volume - orphan 3 0',
        '2026-03-01T00:00:00+00:00 volume b v1 2.5 0',
        '2026-03-01T00:00:00+00:00 cpu a vm1 1 0',
      ]);
    });

    it('replaces a stored point with the same period, type and groupby (label order aside), keeps the others', async () => {
      await storage.addDataFrames(
        [
          hourFrame('a', T0, [
            { type: 'cpu', qty: '1', groupby: { id: 'vm1' } },
            { type: 'cpu', qty: '2', groupby: { id: 'vm2' } },
            { type: 'ram', qty: '5', groupby: { id: 'vm1' } },
          ]),
        ],
        'project_id',
      );
      const again = new DataFrame({ start: T0, end: hoursAfter(T0, 1) });
      // Same labels, other order: the same point.
      again.addPoint(
        new DataPoint({ unit: 'instance', qty: '9', price: '0.1', groupby: { id: 'vm1', project_id: 'a' } }),
        'cpu',
      );
      await storage.addDataFrames([again], 'project_id');
      expect(await stored()).toEqual([
        '2026-03-01T00:00:00+00:00 cpu a vm2 2 0',
        '2026-03-01T00:00:00+00:00 cpu a vm1 9 0.1',
        '2026-03-01T00:00:00+00:00 ram a vm1 5 0',
      ]);
    });

    it('refuses, storing nothing, a frame that begins where a stored one of the scope begins but ends elsewhere', async () => {
      await storage.addDataFrames([hourFrame('a', T0, [{ type: 'cpu', qty: '1' }])], 'project_id');
      const longer = new DataFrame({ start: T0, end: hoursAfter(T0, 2) });
      longer.addPoint(new DataPoint({ unit: 'i', qty: '1', groupby: { project_id: 'a' } }), 'cpu');
      const fine = hourFrame('b', T0, [{ type: 'cpu', qty: '4' }]);
      await expect(storage.addDataFrames([fine, longer], 'project_id')).rejects.toThrow(PeriodConflictError);
      await expect(storage.addDataFrames([fine, longer], 'project_id')).rejects.toThrow(
        expect.objectContaining({ reason: 'overlapping', scopeId: 'a' }),
      );
      expect(await storage.countDataFrames()).toBe(1);
    });

    it('the loop then collects that period: its points join the added ones, the same keys replaced', async () => {
      await storage.addDataFrames(
        [
          hourFrame('a', hoursAfter(T0, 1), [
            { type: 'manual', qty: '7' },
            { type: 'cpu', qty: '1', groupby: { id: 'vm1' } },
          ]),
        ],
        'project_id',
      );
      await storage.commitPeriod(
        'a',
        hourFrame('a', T0, [{ type: 'cpu', qty: '2', groupby: { id: 'vm1' } }]),
      );
      await storage.commitPeriod(
        'a',
        hourFrame('a', hoursAfter(T0, 1), [{ type: 'cpu', qty: '3', groupby: { id: 'vm1' } }]),
      );
      expect(await stored()).toEqual([
        '2026-03-01T00:00:00+00:00 cpu a vm1 2 0',
        '2026-03-01T01:00:00+00:00 manual a - 7 0',
        '2026-03-01T01:00:00+00:00 cpu a vm1 3 0',
      ]);
      expect((await storage.getScopeState('a'))?.lastProcessed).toEqual(hoursAfter(T0, 1));
      // Collected once: committing it again is refused.
      await expect(
        storage.commitPeriod('a', hourFrame('a', hoursAfter(T0, 1), [{ type: 'cpu', qty: '3' }])),
      ).rejects.toThrow(expect.objectContaining({ reason: 'already-stored' }));
    });
  });
});
