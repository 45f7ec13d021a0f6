import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage, type SqliteStorageOptions } from '../sqlite/open-sqlite-storage.js';
import type { SqliteStorage } from '../sqlite/sqlite-storage.js';

/** A fresh directory per test for storage files; `cleanup` closes what was opened and removes it. */
export class TempStorageDir {
  readonly dir = mkdtempSync(join(tmpdir(), 'kitty-collect-storage-'));
  readonly #opened: SqliteStorage[] = [];

  file(name = 'kitty-collect.sqlite'): string {
    return join(this.dir, name);
  }

  open(name?: string, options?: SqliteStorageOptions): SqliteStorage {
    const storage = openSqliteStorage(this.file(name), options);
    this.#opened.push(storage);
    return storage;
  }

  cleanup(): void {
    for (const storage of this.#opened) storage.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
