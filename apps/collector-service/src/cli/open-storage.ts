import { openSqliteStorage, type SqliteStorage, StorageError, StorageOpenError } from '../storage/index.js';
import { CliExit } from './errors/cli-exit.js';
import { EXIT } from './exit-codes.js';

/**
 * The storage at `[kitty_collect] storage_path`, opened (created when missing) before anything else
 * starts; one line and exit 1 when it cannot be (a regular file or a read-only place in the way, no
 * permission, a newer schema, not a database).
 */
export function openStorageOrExit(path: string): SqliteStorage {
  try {
    return openSqliteStorage(path);
  } catch (error) {
    if (!(error instanceof StorageError)) throw error;
    const reason = error instanceof StorageOpenError ? error.reason : error.message;
    throw new CliExit(
      EXIT.invalidConfiguration,
      `kitty-collect: cannot open the storage ([kitty_collect] storage_path ${path}): ${reason}`,
      { cause: error },
    );
  }
}
