import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hourFrame, hoursAfter } from '../testing/frames.js';
import { type V1Point, V1Writer } from '../testing/schema-v1.js';
import { TempStorageDir } from '../testing/temp-storage.js';
import { SCHEMA_VERSION } from './schema.js';

const T0 = new Date('2026-03-01T00:00:00Z');
const NOW = new Date('2026-03-05T12:00:00Z');

let temp: TempStorageDir;

beforeEach(() => {
  temp = new TempStorageDir();
});
afterEach(() => temp.cleanup());

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
