import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { StorageOpenError } from '../errors/storage-open-error.js';
import { StorageWriteError } from '../errors/storage-write-error.js';
import { hourFrame, hoursAfter } from '../testing/frames.js';
import { usePostgresServer } from '../testing/postgres-server.js';
import { openPostgresStorage } from './open-postgres-storage.js';

const T0 = new Date('2026-03-01T00:00:00Z');
const server = usePostgresServer();

/** Catches what `promise` rejects with (the test fails when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('a connection terminated by the server (pg_terminate_backend, a restart)', () => {
  it('fails the call under way with a StorageWriteError naming 57P01; the next call works on a fresh connection', async () => {
    const { name, url } = await server.freshDatabase();
    const storage = await openPostgresStorage({ url });
    const blocker = new pg.Client({ connectionString: url });
    blocker.on('error', () => undefined);
    try {
      await storage.commitPeriod('p1', hourFrame('p1', T0, [{ type: 'cpu', qty: '1' }]));
      // The commit waits on the scope's row, held by another session, when the server ends its session.
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query("SELECT 1 FROM scopes WHERE scope_id = 'p1' FOR UPDATE");
      const commit = rejection(storage.commitPeriod('p1', hourFrame('p1', hoursAfter(T0, 1), [])));
      await server.waitForLockWait(name);
      expect(await server.running.terminateConnections(name)).toBeGreaterThanOrEqual(2);
      const error = await commit;
      expect(error).toBeInstanceOf(StorageWriteError);
      expect(error).toMatchObject({ operation: 'commit', scopeId: 'p1', code: '57P01' });
      expect(error.message).toMatch(
        new RegExp(
          `^Could not store period 2026-03-01T01:00:00.000Z of scope p1 in postgresql://127\\.0\\.0\\.1:\\d+/${name}: terminating connection due to administrator command \\[57P01\\]$`,
        ),
      );
      await storage.commitPeriod('p1', hourFrame('p1', hoursAfter(T0, 1), []));
      expect(await storage.countDataFrames()).toBe(2);
    } finally {
      await blocker.end().catch(() => undefined);
      await storage.close();
    }
  });

  it('idle connections terminated: the process survives, and after at most one failed call the storage answers', async () => {
    const { name, url } = await server.freshDatabase();
    const storage = await openPostgresStorage({ url, poolSize: 3 });
    try {
      // Three idle connections in the pool.
      await Promise.all([storage.countDataFrames(), storage.countDataFrames(), storage.countDataFrames()]);
      expect(await server.running.terminateConnections(name)).toBeGreaterThanOrEqual(1);
      const first = await Promise.allSettled([storage.ping()]);
      if (first[0]?.status === 'rejected')
        expect(first[0].reason).toMatchObject({ name: 'StorageReadError' });
      await storage.ping();
      await storage.commitPeriod('p1', hourFrame('p1', T0, []));
      expect(await storage.countDataFrames()).toBe(1);
    } finally {
      await storage.close();
    }
  });

  it('a server restart: calls fail while it is down, then work again without reopening', async () => {
    const { url } = await server.freshDatabase();
    const storage = await openPostgresStorage({ url, connectTimeoutMs: 2000 });
    try {
      await storage.commitPeriod('p1', hourFrame('p1', T0, []));
      await server.running.restart();
      await storage.ping().catch(() => undefined);
      await storage.commitPeriod('p1', hourFrame('p1', hoursAfter(T0, 1), []));
      expect(await storage.countDataFrames('p1')).toBe(2);
    } finally {
      await storage.close();
    }
  });
});

describe('openPostgresStorage failures', () => {
  it('a wrong password: StorageOpenError 28P01, the password in neither message nor stack', async () => {
    const { name } = await server.freshDatabase();
    const secret = 'S3cret-passw0rd-never-shown';
    const url = `postgresql://${server.running.user}:${secret}@127.0.0.1:${server.running.port}/${name}`;
    const error = await rejection(openPostgresStorage({ url }));
    expect(error).toBeInstanceOf(StorageOpenError);
    expect(error).toMatchObject({
      code: '28P01',
      path: `postgresql://127.0.0.1:${server.running.port}/${name}`,
      reason: `password authentication failed for user "${server.running.user}"`,
    });
    expect(error.message).not.toContain(secret);
    expect(error.stack).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  });

  it('nothing listening: StorageOpenError ECONNREFUSED, the URL without its credentials', async () => {
    const url = `postgresql://kitty:hunter2@127.0.0.1:1/kitty`;
    const error = await rejection(openPostgresStorage({ url }));
    expect(error).toMatchObject({
      name: 'StorageOpenError',
      code: 'ECONNREFUSED',
      path: 'postgresql://127.0.0.1:1/kitty',
    });
    expect(error.message).toBe(
      'Cannot open storage postgresql://127.0.0.1:1/kitty: connect ECONNREFUSED 127.0.0.1:1',
    );
    expect(error.message).not.toContain('hunter2');
  });

  it('a database that does not exist: StorageOpenError 3D000', async () => {
    const url = server.running.url.replace(/\/kitty$/, '/nowhere');
    await expect(openPostgresStorage({ url })).rejects.toMatchObject({
      name: 'StorageOpenError',
      code: '3D000',
      reason: 'database "nowhere" does not exist',
    });
  });

  it('not a PostgreSQL URL, or options out of range: refused before connecting, never echoing a secret', async () => {
    await expect(openPostgresStorage({ url: 'kitty:pa55word@db/kitty' })).rejects.toThrow(StorageOpenError);
    await expect(openPostgresStorage({ url: 'kitty:pa55word@db/kitty' })).rejects.toThrow(
      // Read as the scheme `kitty:`, userinfo cut: what an operator mistyped, without the password.
      'Cannot open storage kitty:db/kitty: not a postgresql:// or postgres:// URL',
    );
    await expect(openPostgresStorage({ url: server.running.url, poolSize: 0 })).rejects.toThrow(
      'poolSize must be a whole number ≥ 1, got 0',
    );
  });
});
