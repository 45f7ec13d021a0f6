import { accessSync, constants, mkdtempSync, rmdirSync, type Stats, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * What would keep `openSqliteStorage(path)` from opening or creating the file, found without creating
 * anything: the file, when it exists, must be a regular file that can be read and written; its directory
 * — or, while missing, the nearest existing ancestor, where it would be created — must be a directory
 * that can be written (SQLite creates the `-wal` and `-shm` files next to the file). Undefined when
 * nothing is wrong. Permissions do not stop root, but a read-only or special filesystem does: after
 * access(), an empty directory is created there and removed again to be sure.
 */
export function storagePathProblem(path: string): string | undefined {
  if (path === ':memory:' || path === '') return undefined;
  const file = existing(path);
  if (file?.isDirectory()) return `${path} is a directory, not a file`;
  if (file !== undefined && !file.isFile()) return `${path} is not a regular file`;
  if (file !== undefined) {
    const denied = deniedCode(path, constants.R_OK | constants.W_OK);
    if (denied !== undefined) return `${path} is not writable (${denied})`;
  }
  let dir = dirname(path);
  let stats = existing(dir);
  while (stats === undefined && dirname(dir) !== dir) {
    dir = dirname(dir);
    stats = existing(dir);
  }
  const what = file === undefined ? `cannot create ${path}` : `cannot write beside ${path}`;
  if (stats === undefined || !stats.isDirectory()) return `${what}: ${dir} is not a directory`;
  const denied = deniedCode(dir, constants.W_OK | constants.X_OK) ?? probeCode(dir);
  return denied === undefined ? undefined : `${what}: ${dir} is not writable (${denied})`;
}

/** Creates and removes an empty directory in `dir`: the system's answer when it cannot. */
function probeCode(dir: string): string | undefined {
  try {
    rmdirSync(mkdtempSync(join(dir, '.kitty-collect-check-')));
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'EACCES';
  }
}

/** The path's stats, or undefined when it does not exist (or a parent of it is no directory). */
function existing(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

function deniedCode(path: string, mode: number): string | undefined {
  try {
    accessSync(path, mode);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'EACCES';
  }
}
