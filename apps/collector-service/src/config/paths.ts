import { accessSync, constants } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ConfReader } from './conf-reader.js';

/**
 * A relative path is relative to where it was written: a path in cloudkitty.conf to the directory of
 * cloudkitty.conf (so a configuration directory can be moved as a whole), a path from an environment
 * variable or the command line to the current directory.
 */
export function resolveConfPath(reader: ConfReader, section: string, option: string, path: string): string {
  if (isAbsolute(path)) return path;
  if (reader.fromEnvironment(section, option)) return resolve(path);
  return resolve(dirname(reader.file), path);
}

/** The resolved path of a file option, or undefined after reporting that it cannot be read. */
export function readableConfPath(
  reader: ConfReader,
  section: string,
  option: string,
  path: string,
): string | undefined {
  const resolved = resolveConfPath(reader, section, option, path);
  try {
    accessSync(resolved, constants.R_OK);
    return resolved;
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    reader.report(section, option, `cannot read ${resolved} (${code})`);
    return undefined;
  }
}
