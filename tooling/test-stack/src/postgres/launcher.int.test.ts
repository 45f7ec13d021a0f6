import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPostgres, startPostgres } from './launcher.js';

describe('startPostgres', () => {
  let server: RunningPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('serves SQL on 127.0.0.1 with password authentication, as a user that is not root', async () => {
    expect(server.url).toMatch(/^postgresql:\/\/kitty:[^@]+@127\.0\.0\.1:\d+\/kitty$/);
    const [row] = await server.query<{ version: string; superuser: string }>(
      "SELECT version(), current_setting('is_superuser') AS superuser",
    );
    expect(row?.version).toMatch(/^PostgreSQL \d+/);
    expect(row?.superuser).toBe('on');
    const wrong = new pg.Client({ connectionString: server.url.replace(/:[^:@]+@/, ':wrong@') });
    await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);
  });

  it('creates databases, terminates connections and survives restarts with its data', async () => {
    const url = await server.createDatabase('launcher_test');
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {});
    await client.connect();
    await client.query('CREATE TABLE kept (n int)');
    await client.query('INSERT INTO kept VALUES (42)');
    expect(await server.terminateConnections('launcher_test')).toBe(1);
    await expect(client.query('SELECT 1')).rejects.toThrow();
    const before = server.pid;
    await server.restart();
    expect(server.pid).not.toBe(before);
    await server.restart({ signal: 'SIGKILL' });
    expect(await server.query('SELECT n FROM kept', [], 'launcher_test')).toEqual([{ n: 42 }]);
  }, 120_000);

  it('refuses a database name that is not [a-z0-9_]', async () => {
    await expect(server.createDatabase('x; DROP')).rejects.toThrow(/not \[a-z0-9_\]/);
  });
});
