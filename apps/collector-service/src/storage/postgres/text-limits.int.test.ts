import { DataFrame, DataPoint } from '@kitty-collect/collector-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hourFrame, hoursAfter } from '../testing/frames.js';
import { usePostgresServer } from '../testing/postgres-server.js';
import { openPostgresStorage } from './open-postgres-storage.js';
import type { PostgresStorage } from './postgres-storage.js';

const T0 = new Date('2026-03-01T00:00:00Z');
const server = usePostgresServer();
let storage: PostgresStorage;

beforeAll(async () => {
  storage = await openPostgresStorage({ url: (await server.freshDatabase('limits')).url });
});
afterAll(() => storage.close());

describe('what PostgreSQL cannot hold as given', () => {
  it('a label with U+0000 is refused before anything is written, naming the rating type', async () => {
    const frame = hourFrame('p1', T0, [{ type: 'cpu', qty: '1' }]);
    frame.addPoint(new DataPoint({ unit: 'u', qty: '1', groupby: { id: 'a\u0000b' } }), 'ram');
    await expect(storage.commitPeriod('p1', frame)).rejects.toThrow(
      'Point of ram holds the character U+0000, which PostgreSQL cannot store',
    );
    await expect(storage.addDataFrames([frame], 'project_id')).rejects.toThrow(/U\+0000/);
    expect(await storage.countDataFrames()).toBe(0);
    expect(await storage.getScopeState('p1')).toBeUndefined();
  });

  it('a failure message with U+0000 is recorded, the character replaced (U+FFFD)', async () => {
    await storage.recordFailure('p2', 'upstream said a\u0000b', hoursAfter(T0, 1));
    expect(await storage.getScopeState('p2')).toMatchObject({
      lastError: 'upstream said a\uFFFDb',
      failures: 1,
    });
  });

  it('decimals beyond NUMERIC’s exponent syntax (±1000) are stored in plain digits and answered as given', async () => {
    const frame = new DataFrame({ start: T0, end: hoursAfter(T0, 1) });
    for (const qty of ['1e+1500', '-7.5e-1200', '1e-16000']) {
      frame.addPoint(new DataPoint({ unit: 'u', qty, groupby: { project_id: 'p3', qty } }), 'huge');
    }
    await storage.commitPeriod('p3', frame);
    const { dataframes } = await storage.queryDataFrames({ scopeIds: ['p3'] });
    expect(dataframes[0]?.usage.huge?.map((point) => point.vol.qty)).toEqual([
      '1e+1500',
      '-7.5e-1200',
      '1e-16000',
    ]);
  });
});
