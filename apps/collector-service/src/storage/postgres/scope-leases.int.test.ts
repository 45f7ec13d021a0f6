import { afterEach, describe, expect, it } from 'vitest';
import { LeaseLostError } from '../errors/lease-lost-error.js';
import { hourFrame } from '../testing/frames.js';
import { usePostgresServer } from '../testing/postgres-server.js';
import { openPostgresStorage } from './open-postgres-storage.js';
import { PostgresScopeLeases } from './scope-leases.js';

const SCOPES = Array.from({ length: 9 }, (_, index) => `scope-${index}`);
const LEASE_SECONDS = 3;

const server = usePostgresServer();
const opened: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const closing of opened.splice(0).reverse()) await closing.close().catch(() => {});
});

/** A fresh database, and `replicas(…names)`: one storage + leases per name, as serve opens them. */
async function freshDatabase() {
  const { name: database, url } = await server.freshDatabase('leases');
  const replica = async (owner: string) => {
    const storage = await openPostgresStorage({ url, leaseOwner: owner });
    const leases = new PostgresScopeLeases({ pool: storage.pool, owner, leaseSeconds: LEASE_SECONDS });
    opened.push(storage, leases);
    return { storage, leases };
  };
  const owners = async () =>
    Object.fromEntries(
      (
        await server.running.query<{ scope_id: string; owner: string }>(
          "SELECT scope_id, owner FROM scope_leases WHERE owner <> '' AND expires_at > clock_timestamp()",
          [],
          database,
        )
      ).map((row) => [row.scope_id, row.owner]),
    );
  return { url, replica, owners, database };
}

const all = { newAtMost: 1000 };

describe('PostgresScopeLeases', () => {
  it('a replica alone takes every scope; replicas that join get their fair share at the next passes', async () => {
    const db = await freshDatabase();
    const a = await db.replica('a');
    expect(await a.leases.acquire(SCOPES, all)).toEqual(SCOPES);
    const b = await db.replica('b');
    // b is live now (share 5) but every scope is held and not expired: nothing for b yet.
    expect(await b.leases.acquire(SCOPES, all)).toEqual([]);
    expect(await a.leases.acquire(SCOPES, all)).toHaveLength(5);
    expect(await b.leases.acquire(SCOPES, all)).toHaveLength(4);
    const c = await db.replica('c');
    await c.leases.acquire(SCOPES, all);
    await a.leases.acquire(SCOPES, all);
    await b.leases.acquire(SCOPES, all);
    const held = [
      await a.leases.acquire(SCOPES, all),
      await b.leases.acquire(SCOPES, all),
      await c.leases.acquire(SCOPES, all),
    ];
    expect(held.map((scopes) => scopes.length)).toEqual([3, 3, 3]);
    expect(held.flat().sort()).toEqual(SCOPES);
    expect(a.leases.status()).toMatchObject({ replica: 'a', scopesHeld: 3, replicas: 3, takeovers: 0 });
  });

  it('takes at most newAtMost new scopes per call (rounds)', async () => {
    const db = await freshDatabase();
    const a = await db.replica('a');
    expect(await a.leases.acquire(SCOPES, { newAtMost: 2 })).toEqual(['scope-0', 'scope-1']);
    expect(await a.leases.acquire(SCOPES, { newAtMost: 2 })).toHaveLength(4);
    expect(await a.leases.acquire(SCOPES, { newAtMost: 0 })).toHaveLength(4);
  });

  it('replicas acquiring at the same time never hold one scope together', async () => {
    const db = await freshDatabase();
    const replicas = await Promise.all(['a', 'b', 'c'].map((owner) => db.replica(owner)));
    for (let pass = 0; pass < 6; pass++) {
      const held = await Promise.all(
        replicas.map((replica) => replica.leases.acquire(SCOPES, { newAtMost: 2 })),
      );
      const flat = held.flat();
      expect(new Set(flat).size).toBe(flat.length);
      const owners = await db.owners();
      for (const [index, scopes] of held.entries()) {
        for (const scope of scopes) expect(owners[scope]).toBe(['a', 'b', 'c'][index]);
      }
    }
  });

  it('an expired lease is taken over; the old owner can no longer commit that scope', async () => {
    const db = await freshDatabase();
    const a = await db.replica('a');
    await a.leases.acquire(['scope-0'], all);
    const frame = hourFrame('scope-0', new Date('2026-01-04T00:00:00Z'), [{ type: 'cpu', qty: '1' }]);
    await a.storage.commitPeriod('scope-0', frame);
    // a stalls: its lease runs out (as if it were paused for longer than a lease).
    await server.running.query(
      "UPDATE scope_leases SET expires_at = clock_timestamp() - interval '1 second' WHERE owner = 'a'",
      [],
      db.database,
    );
    const b = await db.replica('b');
    expect(await b.leases.acquire(['scope-0'], all)).toEqual(['scope-0']);
    expect(b.leases.status().takeovers).toBe(1);
    const next = hourFrame('scope-0', new Date('2026-01-04T01:00:00Z'), [{ type: 'cpu', qty: '2' }]);
    await expect(a.storage.commitPeriod('scope-0', next)).rejects.toBeInstanceOf(LeaseLostError);
    await b.storage.commitPeriod('scope-0', next);
    expect(await b.storage.countDataFrames('scope-0')).toBe(2);
    // a's next renewal finds the lease gone: it stops collecting the scope.
    await new Promise((resolve) => setTimeout(resolve, (LEASE_SECONDS * 1000) / 3 + 500));
    expect(a.leases.holds('scope-0')).toBe(false);
    expect(b.leases.holds('scope-0')).toBe(true);
  }, 20_000);

  it('renews held leases while the process runs, and close() gives them back at once', async () => {
    const db = await freshDatabase();
    const a = await db.replica('a');
    await a.leases.acquire(SCOPES, all);
    await new Promise((resolve) => setTimeout(resolve, LEASE_SECONDS * 1000 + 1000));
    // Longer than a lease: still a's, renewed.
    expect(Object.values(await db.owners())).toEqual(SCOPES.map(() => 'a'));
    expect(a.leases.holds('scope-3')).toBe(true);
    await a.leases.close();
    expect(await db.owners()).toEqual({});
    const b = await db.replica('b');
    expect(await b.leases.acquire(SCOPES, all)).toEqual(SCOPES);
    expect(b.leases.status()).toMatchObject({ replicas: 1, takeovers: 0 });
    await expect(a.leases.acquire(SCOPES, all)).rejects.toThrow(/after close/);
  }, 20_000);
});
