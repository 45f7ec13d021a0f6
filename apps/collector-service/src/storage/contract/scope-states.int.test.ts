import { beforeEach, describe, expect, it } from 'vitest';
import { PeriodConflictError } from '../errors/period-conflict-error.js';
import { ScopeExistsError } from '../errors/scope-exists-error.js';
import { StorageError } from '../errors/storage-error.js';
import type { ScopeSelector } from '../storage.js';
import { type AsyncStorage, BACKENDS, useBackend } from '../testing/backends.js';
import { hourFrame, hoursAfter } from '../testing/frames.js';

const T0 = new Date('2026-03-01T00:00:00Z');
const NOW = new Date('2026-03-05T12:00:00Z');

describe.each(BACKENDS)('%s', (name) => {
  const backend = useBackend(name);
  let storage: AsyncStorage;
  let now: Date;

  beforeEach(async () => {
    now = NOW;
    storage = await backend.open({ now: () => now });
  });

  /** `hours` contiguous one-hour periods of `scopeId` from T0, two points each. */
  async function commitHours(scopeId: string, hours: number): Promise<void> {
    for (let hour = 0; hour < hours; hour += 1) {
      await storage.commitPeriod(
        scopeId,
        hourFrame(scopeId, hoursAfter(T0, hour), [
          { type: 'cpu', qty: `${hour}` },
          { type: 'ram', qty: '2', groupby: { id: `${scopeId}-vm` } },
        ]),
      );
    }
  }

  /** Period starts stored for a scope, and its points. */
  async function stored(scopeId: string): Promise<{ begins: string[]; points: number }> {
    const { total, dataframes } = await storage.queryDataFrames({ scopeIds: [scopeId] });
    return { begins: dataframes.map((frame) => frame.period.begin.slice(11, 16)), points: total };
  }

  describe('resetScopes (PUT /v2/scope)', () => {
    beforeEach(async () => {
      await commitHours('a', 6);
      await commitHours('b', 6);
      await storage.recordFailure('b', 'Prometheus: 503', hoursAfter(NOW, 1));
    });

    it('deletes the frames (and their points) beginning at or after `from`, sets the state, clears failures', async () => {
      now = hoursAfter(NOW, 3);
      const reset = await storage.resetScopes({ scopeIds: ['b'] }, hoursAfter(T0, 3), hoursAfter(T0, 2));
      expect(reset).toEqual([
        {
          scopeId: 'b',
          lastProcessed: hoursAfter(T0, 2),
          active: true,
          state: 'ok',
          failures: 0,
          updatedAt: now,
        },
      ]);
      expect(await storage.getScopeState('b')).toEqual(reset[0]);
      expect(await stored('b')).toEqual({ begins: ['00:00', '01:00', '02:00'], points: 6 });
      // Another scope is untouched.
      expect(await stored('a')).toEqual({
        begins: ['00:00', '01:00', '02:00', '03:00', '04:00', '05:00'],
        points: 12,
      });
      expect(await storage.getScopeState('a')).toMatchObject({
        lastProcessed: hoursAfter(T0, 5),
        updatedAt: NOW,
      });
      // The loop resumes at the first deleted period: it follows the state.
      await storage.commitPeriod('b', hourFrame('b', hoursAfter(T0, 3), [{ type: 'cpu', qty: '3' }]));
      expect((await storage.getScopeState('b'))?.lastProcessed).toEqual(hoursAfter(T0, 3));
    });

    it('deletes the points of the deleted frames, those added through the API included', async () => {
      await storage.addDataFrames(
        [hourFrame('a', hoursAfter(T0, 8), [{ type: 'cpu', qty: '9' }])],
        'project_id',
      );
      await storage.resetScopes({ scopeIds: ['a'] }, hoursAfter(T0, 4), hoursAfter(T0, 3));
      expect(await stored('a')).toEqual({ begins: ['00:00', '01:00', '02:00', '03:00'], points: 8 });
      expect(await backend.countPoints()).toEqual({ points: 8 + 12, orphans: 0 });
    });

    it('resets every scope with a state when no id is given, ids without a state are ignored', async () => {
      const all = await storage.resetScopes({}, T0, hoursAfter(T0, -1));
      expect(all.map((scope) => [scope.scopeId, scope.lastProcessed])).toEqual([
        ['a', hoursAfter(T0, -1)],
        ['b', hoursAfter(T0, -1)],
      ]);
      expect(await storage.countDataFrames()).toBe(0);
      expect(
        (await storage.resetScopes({ scopeIds: ['nobody', 'a'] }, T0, T0)).map((s) => s.scopeId),
      ).toEqual(['a']);
      expect(await storage.getScopeState('nobody')).toBeUndefined();
      expect(await storage.resetScopes({ scopeIds: [] }, T0, T0)).toEqual([]);
    });

    it("narrows by the scope's own scope_key, fetcher and collector; the service's (none stored) match no list", async () => {
      await storage.updateScope('a', { scopeKey: 'tenant_id', fetcher: 'keystone', collector: 'gnocchi' });
      const select = async (selector: ScopeSelector) =>
        (await storage.resetScopes(selector, hoursAfter(T0, 5), hoursAfter(T0, 4))).map(
          (scope) => scope.scopeId,
        );
      expect(await select({ scopeKeys: ['project_id'] })).toEqual([]);
      expect(await select({ scopeKeys: ['tenant_id', 'x'], fetchers: ['keystone'] })).toEqual(['a']);
      expect(await select({ scopeIds: ['a', 'b'], collectors: ['prometheus'] })).toEqual([]);
      expect(await select({ scopeIds: ['a', 'b'], collectors: ['gnocchi'] })).toEqual(['a']);
      expect((await stored('b')).begins).toHaveLength(6);
    });

    it('resets an inactive scope too, leaving it inactive', async () => {
      await storage.updateScope('a', { active: false });
      const [reset] = await storage.resetScopes({ scopeIds: ['a'] }, hoursAfter(T0, 1), T0);
      expect(reset).toMatchObject({ scopeId: 'a', active: false, lastProcessed: T0 });
      expect((await stored('a')).begins).toEqual(['00:00']);
    });

    it('refuses an invalid date, changing nothing', async () => {
      await expect(storage.resetScopes({}, new Date(Number.NaN), T0)).rejects.toThrow(StorageError);
      await expect(storage.resetScopes({}, T0, new Date(Number.NaN))).rejects.toThrow(
        /lastProcessed: invalid date/,
      );
      expect(await storage.countDataFrames()).toBe(12);
    });
  });

  describe('updateScope (PATCH /v2/scope)', () => {
    it('answers undefined for a scope without a state', async () => {
      expect(await storage.updateScope('nobody', { active: false })).toBeUndefined();
      expect(await storage.getScopeState('nobody')).toBeUndefined();
    });

    it('stamps activeToggledAt when active changes, and only then', async () => {
      await commitHours('a', 1);
      const toggled = hoursAfter(NOW, 1);
      now = toggled;
      expect(await storage.updateScope('a', { active: true })).not.toHaveProperty('activeToggledAt');
      expect(await storage.updateScope('a', { active: false })).toMatchObject({
        active: false,
        activeToggledAt: toggled,
        updatedAt: toggled,
      });
      now = hoursAfter(NOW, 2);
      expect(await storage.updateScope('a', { active: false })).toMatchObject({ activeToggledAt: toggled });
      expect(await storage.updateScope('a', { scopeKey: 'tenant_id' })).toMatchObject({
        activeToggledAt: toggled,
      });
      expect(await storage.updateScope('a', { active: true })).toMatchObject({
        active: true,
        activeToggledAt: now,
      });
    });

    it('sets scope_key, fetcher and collector; an attribute left out stays as it was', async () => {
      await commitHours('a', 2);
      await storage.recordFailure('a', 'boom', hoursAfter(NOW, 1));
      expect(await storage.updateScope('a', { scopeKey: 'tenant_id', fetcher: 'keystone' })).toEqual({
        scopeId: 'a',
        lastProcessed: hoursAfter(T0, 1),
        active: true,
        scopeKey: 'tenant_id',
        fetcher: 'keystone',
        state: 'failing',
        failures: 1,
        lastError: 'boom',
        nextAttemptAt: hoursAfter(NOW, 1),
        updatedAt: NOW,
      });
      expect(await storage.updateScope('a', { collector: 'gnocchi' })).toMatchObject({
        scopeKey: 'tenant_id',
        fetcher: 'keystone',
        collector: 'gnocchi',
      });
      expect(await storage.updateScope('a', {})).toMatchObject({
        scopeKey: 'tenant_id',
        collector: 'gnocchi',
      });
    });
  });

  describe('createScope (POST /v2/scope)', () => {
    it('creates an active state stamped now, as CloudKitty (its toggle date defaults to the creation)', async () => {
      expect(await storage.createScope({ scopeId: 'new', lastProcessed: hoursAfter(T0, 2) })).toEqual({
        scopeId: 'new',
        lastProcessed: hoursAfter(T0, 2),
        active: true,
        activeToggledAt: NOW,
        state: 'ok',
        failures: 0,
        updatedAt: NOW,
      });
      // The loop follows it: the next period is the one after.
      await expect(
        storage.commitPeriod('new', hourFrame('new', hoursAfter(T0, 2), [{ type: 'cpu', qty: '1' }])),
      ).rejects.toThrow(PeriodConflictError);
      await storage.commitPeriod('new', hourFrame('new', hoursAfter(T0, 3), [{ type: 'cpu', qty: '1' }]));
      expect((await storage.getScopeState('new'))?.lastProcessed).toEqual(hoursAfter(T0, 3));
    });

    it('takes active and the scope attributes', async () => {
      const scope = {
        scopeId: 'own',
        lastProcessed: T0,
        active: false,
        scopeKey: 'tenant_id',
        fetcher: 'source',
        collector: 'aetos',
      };
      expect(await storage.createScope(scope)).toMatchObject(scope);
      expect(await storage.getScopeState('own')).toMatchObject(scope);
    });

    it('refuses a scope that has a state, whoever wrote it, changing nothing', async () => {
      await commitHours('a', 1);
      await storage.recordFailure('failing', 'boom', hoursAfter(NOW, 1));
      for (const scopeId of ['a', 'failing']) {
        const before = await storage.getScopeState(scopeId);
        const attempt = () =>
          storage.createScope({ scopeId, lastProcessed: hoursAfter(T0, 7), active: false });
        await expect(attempt()).rejects.toThrow(ScopeExistsError);
        await expect(attempt()).rejects.toThrow(
          `Cannot create a scope with an already existing scope_id: ${scopeId}.`,
        );
        expect(await storage.getScopeState(scopeId)).toEqual(before);
      }
    });
  });
});
