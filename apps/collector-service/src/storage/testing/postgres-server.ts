import { type RunningPostgres, startPostgres } from '@kitty-collect/test-stack';
import { afterAll, beforeAll } from 'vitest';

/** One PostgreSQL for the calling describe block (or file): started before its tests, stopped after. */
export interface PostgresServer {
  readonly running: RunningPostgres;
  /** A new empty database, named `<prefix>_<n>`, and its URL. */
  freshDatabase(prefix?: string): Promise<{ name: string; url: string }>;
  /** Resolves once a session of `database` waits for a lock (a statement reached a row held elsewhere). */
  waitForLockWait(database: string): Promise<void>;
}

export function usePostgresServer(): PostgresServer {
  let postgres: RunningPostgres | undefined;
  let databases = 0;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(async () => {
    await postgres?.stop();
  });
  const server: PostgresServer = {
    get running() {
      if (postgres === undefined) throw new Error('PostgreSQL is not started');
      return postgres;
    },
    async freshDatabase(prefix = 'storage') {
      databases += 1;
      const name = `${prefix}_${databases}`;
      return { name, url: await server.running.createDatabase(name) };
    },
    async waitForLockWait(database) {
      for (let attempt = 0; attempt < 500; attempt += 1) {
        const waiting = await server.running.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`,
          [database],
        );
        if (waiting.length > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`no session of ${database} waits for a lock`);
    },
  };
  return server;
}
