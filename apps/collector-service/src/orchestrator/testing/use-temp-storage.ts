import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openSqliteStorage, type SqliteStorage } from '../../storage/index.js';

/** A fresh SQLite file per call, closed after each test of the file that calls this. */
export function useTempStorage(): () => Promise<SqliteStorage> {
  const opened: SqliteStorage[] = [];
  afterEach(() => {
    for (const storage of opened.splice(0)) storage.close();
  });
  return async () => {
    const storage = openSqliteStorage(join(await mkdtemp(join(tmpdir(), 'kc-orch-')), 'kc.sqlite'));
    opened.push(storage);
    return storage;
  };
}
