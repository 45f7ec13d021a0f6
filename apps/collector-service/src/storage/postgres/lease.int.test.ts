import pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import { LeaseLostError } from '../errors/lease-lost-error.js';
import { hourFrame, hoursAfter } from '../testing/frames.js';
import { usePostgresServer } from '../testing/postgres-server.js';
import { openPostgresStorage } from './open-postgres-storage.js';
import type { PostgresStorage } from './postgres-storage.js';

const T0 = new Date('2026-03-01T00:00:00Z');
const NOW = new Date('2026-03-05T12:00:00Z');
const server = usePostgresServer();

let database: string;
let url: string;
let replica: PostgresStorage;
let unleased: PostgresStorage;

beforeEach(async () => {
  ({ name: database, url } = await server.freshDatabase('lease'));
  replica = await openPostgresStorage({ url, leaseOwner: 'replica-a', now: () => NOW });
  // The same database without lease checks: what the scope looked like before, for comparison.
  unleased = await openPostgresStorage({ url, now: () => NOW });
  await unleased.commitPeriod('p1', hourFrame('p1', T0, [{ type: 'cpu', qty: '1' }]));
  return async () => {
    await replica.close();
    await unleased.close();
  };
});

/** The lease row of p1: `owner`, expiring `expiresIn` from now on the database's clock (negative: past). */
async function lease(owner: string, expiresIn: string): Promise<void> {
  await server.running.query(
    `INSERT INTO scope_leases (scope_id, owner, expires_at, taken_at)
     VALUES ('p1', $1, clock_timestamp() + $2::interval, clock_timestamp())
     ON CONFLICT (scope_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at`,
    [owner, expiresIn],
    database,
  );
}

const next = () => hourFrame('p1', hoursAfter(T0, 1), [{ type: 'cpu', qty: '2' }]);

describe('commitPeriod with a leaseOwner', () => {
  it.each([
    ['missing', async () => undefined],
    ['owned by another replica', () => lease('replica-b', '1 minute')],
    ['expired', () => lease('replica-a', '-1 second')],
  ])(
    'is refused with LeaseLostError when the lease is %s, nothing stored, the state unchanged',
    async (_, setUp) => {
      await setUp();
      const before = await unleased.getScopeState('p1');
      const attempt = replica.commitPeriod('p1', next());
      await expect(attempt).rejects.toThrow(LeaseLostError);
      await expect(replica.commitPeriod('p1', next())).rejects.toMatchObject({
        name: 'LeaseLostError',
        scopeId: 'p1',
        owner: 'replica-a',
        begin: hoursAfter(T0, 1),
        message:
          'Lease of scope p1 is no longer held by replica replica-a: period 2026-03-01T01:00:00.000Z not stored (another replica collects it)',
      });
      expect(await unleased.getScopeState('p1')).toEqual(before);
      expect(await unleased.countDataFrames()).toBe(1);
    },
  );

  it('stores the period while the lease is held', async () => {
    await lease('replica-a', '1 minute');
    await replica.commitPeriod('p1', next());
    expect((await replica.getScopeState('p1'))?.lastProcessed).toEqual(hoursAfter(T0, 1));
    expect(await replica.countDataFrames('p1')).toBe(2);
  });

  it('a takeover of the lease waits until a commit under way is done', async () => {
    await lease('replica-a', '1 minute');
    // Another session holds the scope's row: the commit stops there, after its lease check.
    const blocker = new pg.Client({ connectionString: url });
    blocker.on('error', () => undefined);
    await blocker.connect();
    const takeover = new pg.Client({ connectionString: url });
    takeover.on('error', () => undefined);
    await takeover.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query("SELECT 1 FROM scopes WHERE scope_id = 'p1' FOR UPDATE");
      const commit = replica.commitPeriod('p1', next());
      await server.waitForLockWait(database);
      await takeover.query("SET lock_timeout = '300ms'");
      await expect(
        takeover.query("UPDATE scope_leases SET owner = 'replica-b' WHERE scope_id = 'p1'"),
      ).rejects.toMatchObject({ code: '55P03' });
      await blocker.query('COMMIT');
      await commit;
      await takeover.query("UPDATE scope_leases SET owner = 'replica-b' WHERE scope_id = 'p1'");
      expect(await replica.countDataFrames('p1')).toBe(2);
      // The lease is gone now: the next period is the new owner's.
      await expect(
        replica.commitPeriod('p1', hourFrame('p1', hoursAfter(T0, 2), [{ type: 'cpu', qty: '3' }])),
      ).rejects.toThrow(LeaseLostError);
    } finally {
      await blocker.end();
      await takeover.end();
    }
  });
});

describe('recordFailure with a leaseOwner', () => {
  it('does nothing without the lease (the new owner’s state is left alone)', async () => {
    await lease('replica-b', '1 minute');
    const before = await unleased.getScopeState('p1');
    await replica.recordFailure('p1', 'Prometheus: 503', hoursAfter(NOW, 1));
    await replica.recordFailure('never-leased', 'Prometheus: 503', hoursAfter(NOW, 1));
    expect(await unleased.getScopeState('p1')).toEqual(before);
    expect(await unleased.getScopeState('never-leased')).toBeUndefined();
  });

  it('records the failure while the lease is held', async () => {
    await lease('replica-a', '1 minute');
    await replica.recordFailure('p1', 'Prometheus: 503', hoursAfter(NOW, 1));
    expect(await replica.getScopeState('p1')).toMatchObject({
      state: 'failing',
      failures: 1,
      lastError: 'Prometheus: 503',
      nextAttemptAt: hoursAfter(NOW, 1),
    });
  });
});
