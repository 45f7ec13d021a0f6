import { DataFrame, DataPoint } from '@kitty-collect/collector-base';
import { beforeEach, describe, expect, it } from 'vitest';
import { PeriodConflictError } from '../errors/period-conflict-error.js';
import { StorageError } from '../errors/storage-error.js';
import { type AsyncStorage, BACKENDS, useBackend } from '../testing/backends.js';
import { hourFrame, hoursAfter } from '../testing/frames.js';

const T0 = new Date('2026-03-01T00:00:00Z');
const NOW = new Date('2026-03-05T12:00:00Z');

describe.each(BACKENDS)('%s', (name) => {
  const backend = useBackend(name);
  let storage: AsyncStorage;

  beforeEach(async () => {
    storage = await backend.open({ now: () => NOW });
  });

  describe('commitPeriod and queryDataFrames: round trip', () => {
    it('returns exactly the stored decimals, units, groupby and metadata', async () => {
      const frame = new DataFrame({ start: T0, end: hoursAfter(T0, 1) });
      const exact = [
        '0.000000001',
        '123456789.123456789',
        '1e+21',
        '1e-30',
        '-0.5',
        '0',
        '340282366920938463463374607431768211457',
      ];
      for (const [index, qty] of exact.entries()) {
        frame.addPoint(
          new DataPoint({
            unit: 'GiB',
            qty,
            price: `0.${index}0000000000000000000000000001`,
            groupby: { project_id: 'p1', 'dotted.key': 'a.b', quote: 'say "hi"', ünï: 'çödé' },
            metadata: { flavor: `m1.${index}`, empty: '' },
          }),
          'volume.size',
        );
      }
      frame.addPoint(new DataPoint({ unit: 'instance', qty: 1, groupby: { project_id: 'p1' } }), 'instance');
      await storage.commitPeriod('p1', frame);

      const result = await storage.queryDataFrames({});
      expect(result.total).toBe(exact.length + 1);
      expect(result.dataframes).toEqual([frame.toJSON()]);
      const stored = result.dataframes[0]?.usage['volume.size']?.map((point) => point.vol.qty);
      expect(stored).toEqual(exact.map((qty) => new DataPoint({ unit: 'x', qty }).qty.toString()));
      expect(result.dataframes[0]?.period).toEqual({
        begin: '2026-03-01T00:00:00+00:00',
        end: '2026-03-01T01:00:00+00:00',
      });
    });

    it('stores a period without points (the scope still advances)', async () => {
      await storage.commitPeriod('p1', hourFrame('p1', T0, []));
      expect(await storage.countDataFrames('p1')).toBe(1);
      expect((await storage.getScopeState('p1'))?.lastProcessed).toEqual(T0);
      expect(await storage.queryDataFrames({})).toEqual({ total: 0, dataframes: [] });
    });

    it("advances the scope state to the period's start (CloudKitty's last_processed_timestamp) in the same commit", async () => {
      await storage.commitPeriod('p1', hourFrame('p1', T0, [{ type: 'cpu', qty: '1' }]));
      await storage.commitPeriod('p1', hourFrame('p1', hoursAfter(T0, 1), [{ type: 'cpu', qty: '2' }]));
      expect(await storage.getScopeState('p1')).toEqual({
        scopeId: 'p1',
        lastProcessed: hoursAfter(T0, 1),
        state: 'ok',
        failures: 0,
        updatedAt: NOW,
        active: true,
      });
      expect(await storage.countDataFrames('p1')).toBe(2);
      expect(await storage.countDataFrames('other')).toBe(0);
      expect(await storage.countDataFrames()).toBe(2);
    });
  });

  describe('commitPeriod: one transaction', () => {
    it('rejects a period stored already and changes nothing', async () => {
      await storage.commitPeriod('p1', hourFrame('p1', T0, [{ type: 'cpu', qty: '1' }]));
      const before = await storage.getScopeState('p1');
      const again = () => storage.commitPeriod('p1', hourFrame('p1', T0, [{ type: 'cpu', qty: '9' }]));
      await expect(again()).rejects.toThrow(PeriodConflictError);
      await expect(again()).rejects.toThrow(/stored already/);
      await expect(again()).rejects.toMatchObject({ reason: 'already-stored', scopeId: 'p1', begin: T0 });
      expect(await storage.getScopeState('p1')).toEqual(before);
      expect(await storage.countDataFrames()).toBe(1);
      expect((await storage.queryDataFrames({})).dataframes[0]?.usage.cpu?.[0]?.vol.qty).toBe('1');
    });

    it('rejects a period that does not start where the last one ended (gap or overlap)', async () => {
      await storage.commitPeriod('p1', hourFrame('p1', T0, [{ type: 'cpu', qty: '1' }]));
      const gap = () =>
        storage.commitPeriod('p1', hourFrame('p1', hoursAfter(T0, 2), [{ type: 'cpu', qty: '1' }]));
      await expect(gap()).rejects.toThrow(PeriodConflictError);
      await expect(gap()).rejects.toThrow(/last stored period begins at 2026-03-01T00:00:00.000Z/);
      const overlap = new DataFrame({ start: new Date(T0.getTime() + 1_800_000), end: hoursAfter(T0, 2) });
      await expect(storage.commitPeriod('p1', overlap)).rejects.toThrow(
        expect.objectContaining({ reason: 'not-contiguous' }),
      );
      expect(await storage.countDataFrames()).toBe(1);
      expect((await storage.getScopeState('p1'))?.lastProcessed).toEqual(T0);
    });

    it('leaves nothing behind when the database fails midway through the points', async () => {
      await storage.commitPeriod('p1', hourFrame('p1', T0, [{ type: 'cpu', qty: '1' }]));
      await storage.recordFailure('p1', 'timeout', hoursAfter(T0, 5));
      const before = await storage.getScopeState('p1');
      // The database aborts the 'boom' point insert, after the scope row was updated, the dataframe row
      // and the points before it were inserted.
      await backend.refusePointsOfType('boom');
      const frame = hourFrame('p1', hoursAfter(T0, 1), [
        { type: 'cpu', qty: '2' },
        { type: 'ram', qty: '3' },
        { type: 'boom', qty: '4' },
      ]);
      await expect(storage.commitPeriod('p1', frame)).rejects.toThrow(StorageError);
      await expect(storage.commitPeriod('p1', frame)).rejects.toThrow(/disk on fire/);
      expect(await storage.getScopeState('p1')).toEqual(before);
      expect(await storage.countDataFrames()).toBe(1);
      expect((await storage.queryDataFrames({})).total).toBe(1);
    });

    it('refuses a non-finite quantity and stores nothing', async () => {
      const frame = hourFrame('p1', T0, [{ type: 'cpu', qty: '1' }]);
      frame.addPoint(new DataPoint({ unit: 'x', qty: 'NaN' }), 'cpu');
      await expect(storage.commitPeriod('p1', frame)).rejects.toThrow(/non-finite/);
      expect(await storage.getScopeState('p1')).toBeUndefined();
      expect(await storage.countDataFrames()).toBe(0);
    });
  });

  describe('recordFailure', () => {
    it('counts consecutive failures without moving the scope, and a commit resets them', async () => {
      await storage.commitPeriod('p1', hourFrame('p1', T0, [{ type: 'cpu', qty: '1' }]));
      await storage.recordFailure('p1', 'first', hoursAfter(NOW, 1));
      await storage.recordFailure('p1', 'Prometheus: 503 Service Unavailable', hoursAfter(NOW, 2));
      expect(await storage.getScopeState('p1')).toEqual({
        scopeId: 'p1',
        lastProcessed: T0,
        state: 'failing',
        failures: 2,
        lastError: 'Prometheus: 503 Service Unavailable',
        nextAttemptAt: hoursAfter(NOW, 2),
        updatedAt: NOW,
        active: true,
      });
      expect(await storage.countDataFrames()).toBe(1);

      await storage.commitPeriod('p1', hourFrame('p1', hoursAfter(T0, 1), [{ type: 'cpu', qty: '1' }]));
      expect(await storage.getScopeState('p1')).toEqual({
        scopeId: 'p1',
        lastProcessed: hoursAfter(T0, 1),
        state: 'ok',
        failures: 0,
        updatedAt: NOW,
        active: true,
      });
    });

    it('creates the state of a scope that never succeeded (no lastProcessed)', async () => {
      await storage.recordFailure('new', 'no route to host', hoursAfter(NOW, 1));
      expect(await storage.getScopeState('new')).toEqual({
        scopeId: 'new',
        state: 'failing',
        failures: 1,
        lastError: 'no route to host',
        nextAttemptAt: hoursAfter(NOW, 1),
        updatedAt: NOW,
        active: true,
      });
      // Its first period may start anywhere.
      await storage.commitPeriod('new', hourFrame('new', T0, []));
      expect((await storage.getScopeState('new'))?.state).toBe('ok');
    });

    it('lists every scope by id', async () => {
      await storage.recordFailure('b', 'x', NOW);
      await storage.commitPeriod('a', hourFrame('a', T0, []));
      await storage.commitPeriod('c', hourFrame('c', T0, []));
      expect((await storage.listScopeStates()).map((scope) => [scope.scopeId, scope.state])).toEqual([
        ['a', 'ok'],
        ['b', 'failing'],
        ['c', 'ok'],
      ]);
    });
  });

  describe('ping and close', () => {
    it('ping answers while the storage is open; close is idempotent, and ping then fails naming the storage', async () => {
      await expect(storage.ping()).resolves.toBeUndefined();
      await storage.close();
      await storage.close();
      await expect(storage.ping()).rejects.toThrow(
        expect.objectContaining({ name: 'StorageReadError', operation: 'ping' }),
      );
      await expect(storage.ping()).rejects.toThrow(/^Could not reach the storage in /);
    });
  });
});
