import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PeriodConflictError } from '../errors/period-conflict-error.js';
import { ScopeExistsError } from '../errors/scope-exists-error.js';
import { StorageError } from '../errors/storage-error.js';
import { hourFrame, hoursAfter } from '../testing/frames.js';
import { type V1Point, V1Writer } from '../testing/schema-v1.js';
import { TempStorageDir } from '../testing/temp-storage.js';
import { SCHEMA_VERSION } from './schema.js';
import type { SqliteStorage } from './sqlite-storage.js';

const T0 = new Date('2026-03-01T00:00:00Z');
const NOW = new Date('2026-03-05T12:00:00Z');

let temp: TempStorageDir;
let storage: SqliteStorage;
let now: Date;

beforeEach(() => {
  temp = new TempStorageDir();
  now = NOW;
  storage = temp.open(undefined, { now: () => now });
});
afterEach(() => temp.cleanup());

/** `hours` contiguous one-hour periods of `scopeId` from T0, two points each. */
function commitHours(scopeId: string, hours: number): void {
  for (let hour = 0; hour < hours; hour += 1) {
    storage.commitPeriod(
      scopeId,
      hourFrame(scopeId, hoursAfter(T0, hour), [
        { type: 'cpu', qty: `${hour}` },
        { type: 'ram', qty: '2', groupby: { id: `${scopeId}-vm` } },
      ]),
    );
  }
}

/** Period starts stored for a scope, and its points. */
function stored(scopeId: string): { begins: string[]; points: number } {
  const { total, dataframes } = storage.queryDataFrames({ scopeIds: [scopeId] });
  return { begins: dataframes.map((frame) => frame.period.begin.slice(11, 16)), points: total };
}

describe('resetScopes (PUT /v2/scope)', () => {
  beforeEach(() => {
    commitHours('a', 6);
    commitHours('b', 6);
    storage.recordFailure('b', 'Prometheus: 503', hoursAfter(NOW, 1));
  });

  it('deletes the frames (and their points) beginning at or after `from`, sets the state, clears failures', () => {
    now = hoursAfter(NOW, 3);
    const reset = storage.resetScopes({ scopeIds: ['b'] }, hoursAfter(T0, 3), hoursAfter(T0, 2));
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
    expect(storage.getScopeState('b')).toEqual(reset[0]);
    expect(stored('b')).toEqual({ begins: ['00:00', '01:00', '02:00'], points: 6 });
    // Another scope is untouched.
    expect(stored('a')).toEqual({
      begins: ['00:00', '01:00', '02:00', '03:00', '04:00', '05:00'],
      points: 12,
    });
    expect(storage.getScopeState('a')).toMatchObject({ lastProcessed: hoursAfter(T0, 5), updatedAt: NOW });
    // The loop resumes at the first deleted period: it follows the state.
    storage.commitPeriod('b', hourFrame('b', hoursAfter(T0, 3), [{ type: 'cpu', qty: '3' }]));
    expect(storage.getScopeState('b')?.lastProcessed).toEqual(hoursAfter(T0, 3));
  });

  it('deletes the points of the deleted frames, those added through the API included', () => {
    storage.addDataFrames([hourFrame('a', hoursAfter(T0, 8), [{ type: 'cpu', qty: '9' }])], 'project_id');
    storage.resetScopes({ scopeIds: ['a'] }, hoursAfter(T0, 4), hoursAfter(T0, 3));
    expect(stored('a')).toEqual({ begins: ['00:00', '01:00', '02:00', '03:00'], points: 8 });
    const raw = new SqliteDatabase(storage.path, { readonly: true });
    try {
      const orphans = raw
        .prepare('SELECT count(*) AS n FROM points WHERE dataframe_id NOT IN (SELECT id FROM dataframes)')
        .get();
      expect(orphans).toEqual({ n: 0 });
      expect(raw.prepare('SELECT count(*) AS n FROM points').get()).toEqual({ n: 8 + 12 });
    } finally {
      raw.close();
    }
  });

  it('resets every scope with a state when no id is given, ids without a state are ignored', () => {
    const all = storage.resetScopes({}, T0, hoursAfter(T0, -1));
    expect(all.map((scope) => [scope.scopeId, scope.lastProcessed])).toEqual([
      ['a', hoursAfter(T0, -1)],
      ['b', hoursAfter(T0, -1)],
    ]);
    expect(storage.countDataFrames()).toBe(0);
    expect(storage.resetScopes({ scopeIds: ['nobody', 'a'] }, T0, T0).map((s) => s.scopeId)).toEqual(['a']);
    expect(storage.getScopeState('nobody')).toBeUndefined();
    expect(storage.resetScopes({ scopeIds: [] }, T0, T0)).toEqual([]);
  });

  it("narrows by the scope's own scope_key, fetcher and collector; the service's (none stored) match no list", () => {
    storage.updateScope('a', { scopeKey: 'tenant_id', fetcher: 'keystone', collector: 'gnocchi' });
    const select = (selector: Parameters<SqliteStorage['resetScopes']>[0]) =>
      storage.resetScopes(selector, hoursAfter(T0, 5), hoursAfter(T0, 4)).map((scope) => scope.scopeId);
    expect(select({ scopeKeys: ['project_id'] })).toEqual([]);
    expect(select({ scopeKeys: ['tenant_id', 'x'], fetchers: ['keystone'] })).toEqual(['a']);
    expect(select({ scopeIds: ['a', 'b'], collectors: ['prometheus'] })).toEqual([]);
    expect(select({ scopeIds: ['a', 'b'], collectors: ['gnocchi'] })).toEqual(['a']);
    expect(stored('b').begins).toHaveLength(6);
  });

  it('resets an inactive scope too, leaving it inactive', () => {
    storage.updateScope('a', { active: false });
    const [reset] = storage.resetScopes({ scopeIds: ['a'] }, hoursAfter(T0, 1), T0);
    expect(reset).toMatchObject({ scopeId: 'a', active: false, lastProcessed: T0 });
    expect(stored('a').begins).toEqual(['00:00']);
  });

  it('refuses an invalid date, changing nothing', () => {
    expect(() => storage.resetScopes({}, new Date(Number.NaN), T0)).toThrow(StorageError);
    expect(() => storage.resetScopes({}, T0, new Date(Number.NaN))).toThrow(/lastProcessed: invalid date/);
    expect(storage.countDataFrames()).toBe(12);
  });
});

describe('updateScope (PATCH /v2/scope)', () => {
  it('answers undefined for a scope without a state', () => {
    expect(storage.updateScope('nobody', { active: false })).toBeUndefined();
    expect(storage.getScopeState('nobody')).toBeUndefined();
  });

  it('stamps activeToggledAt when active changes, and only then', () => {
    commitHours('a', 1);
    const toggled = hoursAfter(NOW, 1);
    now = toggled;
    expect(storage.updateScope('a', { active: true })).not.toHaveProperty('activeToggledAt');
    expect(storage.updateScope('a', { active: false })).toMatchObject({
      active: false,
      activeToggledAt: toggled,
      updatedAt: toggled,
    });
    now = hoursAfter(NOW, 2);
    expect(storage.updateScope('a', { active: false })).toMatchObject({ activeToggledAt: toggled });
    expect(storage.updateScope('a', { scopeKey: 'tenant_id' })).toMatchObject({ activeToggledAt: toggled });
    expect(storage.updateScope('a', { active: true })).toMatchObject({ active: true, activeToggledAt: now });
  });

  it('sets scope_key, fetcher and collector; an attribute left out stays as it was', () => {
    commitHours('a', 2);
    storage.recordFailure('a', 'boom', hoursAfter(NOW, 1));
    expect(storage.updateScope('a', { scopeKey: 'tenant_id', fetcher: 'keystone' })).toEqual({
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
    expect(storage.updateScope('a', { collector: 'gnocchi' })).toMatchObject({
      scopeKey: 'tenant_id',
      fetcher: 'keystone',
      collector: 'gnocchi',
    });
    expect(storage.updateScope('a', {})).toMatchObject({ scopeKey: 'tenant_id', collector: 'gnocchi' });
  });
});

describe('createScope (POST /v2/scope)', () => {
  it('creates an active state stamped now, as CloudKitty (its toggle date defaults to the creation)', () => {
    expect(storage.createScope({ scopeId: 'new', lastProcessed: hoursAfter(T0, 2) })).toEqual({
      scopeId: 'new',
      lastProcessed: hoursAfter(T0, 2),
      active: true,
      activeToggledAt: NOW,
      state: 'ok',
      failures: 0,
      updatedAt: NOW,
    });
    // The loop follows it: the next period is the one after.
    expect(() =>
      storage.commitPeriod('new', hourFrame('new', hoursAfter(T0, 2), [{ type: 'cpu', qty: '1' }])),
    ).toThrow(PeriodConflictError);
    storage.commitPeriod('new', hourFrame('new', hoursAfter(T0, 3), [{ type: 'cpu', qty: '1' }]));
    expect(storage.getScopeState('new')?.lastProcessed).toEqual(hoursAfter(T0, 3));
  });

  it('takes active and the scope attributes', () => {
    const scope = {
      scopeId: 'own',
      lastProcessed: T0,
      active: false,
      scopeKey: 'tenant_id',
      fetcher: 'source',
      collector: 'aetos',
    };
    expect(storage.createScope(scope)).toMatchObject(scope);
    expect(storage.getScopeState('own')).toMatchObject(scope);
  });

  it('refuses a scope that has a state, whoever wrote it, changing nothing', () => {
    commitHours('a', 1);
    storage.recordFailure('failing', 'boom', hoursAfter(NOW, 1));
    for (const scopeId of ['a', 'failing']) {
      const before = storage.getScopeState(scopeId);
      const attempt = () => storage.createScope({ scopeId, lastProcessed: hoursAfter(T0, 7), active: false });
      expect(attempt).toThrow(ScopeExistsError);
      expect(attempt).toThrow(`Cannot create a scope with an already existing scope_id: ${scopeId}.`);
      expect(storage.getScopeState(scopeId)).toEqual(before);
    }
  });
});

describe('migration from schema version 1 (last_processed was the END of the last period)', () => {
  const point = (scopeId: string, hour: number, index: number): V1Point => ({
    type: index === 0 ? 'cpu' : 'volume.size',
    unit: index === 0 ? 'ns' : 'GiB',
    qty: `${hour}.00000000${index}`,
    price: '0',
    groupby: { project_id: scopeId, id: `${scopeId}-${index}` },
    metadata: { flavor: 'm1.small' },
  });

  /** A version 1 file: p1 with 3 periods, p2 with 5 then a failure, p3 failing before any period. */
  function writeV1(path: string): void {
    const v1 = new V1Writer(path);
    for (const [scopeId, hours] of [
      ['p1', 3],
      ['p2', 5],
    ] as const) {
      for (let hour = 0; hour < hours; hour += 1) {
        const points = [0, 1].map((index) => point(scopeId, hour, index));
        v1.commitPeriod(scopeId, hoursAfter(T0, hour), hoursAfter(T0, hour + 1), points, NOW);
      }
    }
    v1.recordFailure('p2', 'Prometheus: 503', hoursAfter(NOW, 1), NOW);
    v1.recordFailure('p3', 'Prometheus: 503', hoursAfter(NOW, 1), NOW);
    v1.close();
  }

  type Row = Record<string, unknown>;
  function rows(path: string): { frames: Row[]; points: Row[]; scopes: Row[]; version: unknown } {
    const raw = new SqliteDatabase(path, { readonly: true });
    try {
      return {
        frames: raw.prepare('SELECT * FROM dataframes ORDER BY id').all() as Row[],
        points: raw.prepare('SELECT * FROM points ORDER BY id').all() as Row[],
        scopes: raw.prepare('SELECT * FROM scopes ORDER BY scope_id').all() as Row[],
        version: raw.pragma('user_version', { simple: true }),
      };
    } finally {
      raw.close();
    }
  }

  it('keeps every frame and point, sets last_processed to the start of the last frame, scopes active', () => {
    const path = temp.file('v1.sqlite');
    writeV1(path);
    const before = rows(path);
    expect(before.version).toBe(1);
    expect(before.frames).toHaveLength(8);
    expect(before.points).toHaveLength(16);

    const migrated = temp.open('v1.sqlite', { now: () => NOW });
    const after = rows(path);
    expect(after.version).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(2);
    expect(after.frames).toEqual(before.frames);
    expect(after.points).toEqual(before.points);
    expect(after.scopes.map((row) => [row.scope_id, row.last_processed, row.active])).toEqual([
      ['p1', hoursAfter(T0, 2).getTime(), 1],
      ['p2', hoursAfter(T0, 4).getTime(), 1],
      ['p3', null, 1],
    ]);
    expect(migrated.getScopeState('p2')).toEqual({
      scopeId: 'p2',
      lastProcessed: hoursAfter(T0, 4),
      active: true,
      state: 'failing',
      failures: 1,
      lastError: 'Prometheus: 503',
      nextAttemptAt: hoursAfter(NOW, 1),
      updatedAt: NOW,
    });

    // Foreign keys intact: every point has its frame, and deleting a frame still takes its points.
    const raw = new SqliteDatabase(path);
    try {
      raw.pragma('foreign_keys = ON');
      expect(raw.pragma('foreign_key_check')).toEqual([]);
      expect(raw.pragma('foreign_key_list(points)')).toMatchObject([
        { table: 'dataframes', from: 'dataframe_id', to: 'id', on_delete: 'CASCADE' },
      ]);
    } finally {
      raw.close();
    }
    migrated.resetScopes({ scopeIds: ['p1'] }, hoursAfter(T0, 2), hoursAfter(T0, 1));
    expect(rows(path).points).toHaveLength(14);
    expect(migrated.countDataFrames('p1')).toBe(2);
  });

  it('lets the loop store the following period of every scope next', () => {
    const path = temp.file('v1.sqlite');
    writeV1(path);
    const migrated = temp.open('v1.sqlite', { now: () => NOW });
    for (const [scopeId, next] of [
      ['p1', 3],
      ['p2', 5],
      ['p3', 0],
    ] as const) {
      const frame = hourFrame(scopeId, hoursAfter(T0, next), [{ type: 'cpu', qty: '1' }]);
      migrated.commitPeriod(scopeId, frame);
      expect(migrated.getScopeState(scopeId)).toMatchObject({
        lastProcessed: hoursAfter(T0, next),
        state: 'ok',
        failures: 0,
      });
    }
    expect(migrated.countDataFrames()).toBe(8 + 3);
    // The period already stored before the migration is refused as such.
    expect(() =>
      migrated.commitPeriod('p1', hourFrame('p1', hoursAfter(T0, 2), [{ type: 'cpu', qty: '1' }])),
    ).toThrow(/stored already/);
  });
});
