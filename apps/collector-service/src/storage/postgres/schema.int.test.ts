import { describe, expect, it } from 'vitest';
import { SchemaVersionError } from '../errors/schema-version-error.js';
import { hourFrame } from '../testing/frames.js';
import { usePostgresServer } from '../testing/postgres-server.js';
import { openPostgresStorage } from './open-postgres-storage.js';
import { POSTGRES_SCHEMA_VERSION } from './schema.js';

const T0 = new Date('2026-03-01T00:00:00Z');
const server = usePostgresServer();

describe('migrations', () => {
  it('8 replicas opening a fresh database at once migrate it once', async () => {
    const { name, url } = await server.freshDatabase();
    const replicas = await Promise.all(Array.from({ length: 8 }, () => openPostgresStorage({ url })));
    try {
      expect(await server.running.query('SELECT version FROM kitty_collect_schema', [], name)).toEqual([
        { version: 1 },
      ]);
      const tables = await server.running.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
        [],
        name,
      );
      expect(tables.map((row) => row.table_name)).toEqual([
        'dataframes',
        'kitty_collect_schema',
        'points',
        'replicas',
        'scope_leases',
        'scopes',
      ]);
      // Every replica works on the one schema.
      await replicas[3]?.commitPeriod('p1', hourFrame('p1', T0, [{ type: 'cpu', qty: '1' }]));
      expect(await replicas[6]?.countDataFrames()).toBe(1);
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }
  });

  it('keeps everything across a reopen (no migration runs again)', async () => {
    const { url } = await server.freshDatabase();
    const first = await openPostgresStorage({ url });
    await first.commitPeriod('p1', hourFrame('p1', T0, [{ type: 'cpu', qty: '0.1' }]));
    const before = await first.queryDataFrames({});
    await first.close();
    const reopened = await openPostgresStorage({ url });
    try {
      expect(await reopened.queryDataFrames({})).toEqual(before);
    } finally {
      await reopened.close();
    }
  });

  it('refuses a database of a newer schema version, without touching it', async () => {
    const { name, url } = await server.freshDatabase();
    await server.running.query('CREATE TABLE kitty_collect_schema (version integer NOT NULL)', [], name);
    await server.running.query(
      'INSERT INTO kitty_collect_schema VALUES ($1)',
      [POSTGRES_SCHEMA_VERSION + 1],
      name,
    );
    const opening = openPostgresStorage({ url });
    await expect(opening).rejects.toThrow(SchemaVersionError);
    await expect(openPostgresStorage({ url })).rejects.toThrow(
      `Storage postgresql://127.0.0.1:${server.running.port}/${name} has schema version ${POSTGRES_SCHEMA_VERSION + 1}; this kitty-collect knows versions up to ${POSTGRES_SCHEMA_VERSION} (upgrade kitty-collect)`,
    );
    const tables = await server.running.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
      [],
      name,
    );
    expect(tables).toEqual([{ table_name: 'kitty_collect_schema' }]);
  });
});
