import { describe, expect, it } from 'vitest';
import { PeriodConflictError } from '../errors/period-conflict-error.js';
import { hourFrame, hoursAfter } from '../testing/frames.js';
import { usePostgresServer } from '../testing/postgres-server.js';
import { openPostgresStorage } from './open-postgres-storage.js';

const T0 = new Date('2026-03-01T00:00:00Z');
const server = usePostgresServer();

describe('two replicas committing the same period at once (no lease)', () => {
  it('store it exactly once; the other gets PeriodConflictError, first period or next one alike', async () => {
    const { url } = await server.freshDatabase();
    const [a, b] = await Promise.all([openPostgresStorage({ url }), openPostgresStorage({ url })]);
    try {
      for (let hour = 0; hour < 10; hour += 1) {
        const frame = (qty: string) => hourFrame('p1', hoursAfter(T0, hour), [{ type: 'cpu', qty }]);
        const outcomes = await Promise.allSettled([
          a.commitPeriod('p1', frame('1')),
          b.commitPeriod('p1', frame('2')),
        ]);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const refused = outcomes.find((outcome) => outcome.status === 'rejected');
        expect(refused?.reason).toBeInstanceOf(PeriodConflictError);
        expect(refused?.reason).toMatchObject({ reason: 'already-stored', scopeId: 'p1' });
      }
      expect(await a.countDataFrames('p1')).toBe(10);
      const { total, dataframes } = await b.queryDataFrames({});
      expect(total).toBe(10);
      expect(dataframes.map((frame) => Object.values(frame.usage).flat().length)).toEqual(Array(10).fill(1));
      expect((await a.getScopeState('p1'))?.lastProcessed).toEqual(hoursAfter(T0, 9));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('two API writers of one new frame: both stored, the later replacing the same keys', async () => {
    const { url } = await server.freshDatabase();
    const [a, b] = await Promise.all([openPostgresStorage({ url }), openPostgresStorage({ url })]);
    try {
      const frame = (qty: string) => hourFrame('p1', T0, [{ type: 'cpu', qty, groupby: { id: 'vm1' } }]);
      await Promise.all([
        a.addDataFrames([frame('1')], 'project_id'),
        b.addDataFrames([frame('2')], 'project_id'),
      ]);
      const { total, dataframes } = await a.queryDataFrames({});
      expect(await a.countDataFrames()).toBe(1);
      expect(total).toBe(1);
      expect(['1', '2']).toContain(dataframes[0]?.usage.cpu?.[0]?.vol.qty);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
