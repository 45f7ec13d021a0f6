import { accessSync, constants, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Debian installs the server outside PATH, under /usr/lib/postgresql/<major>/bin. */
const DEBIAN_ROOT = '/usr/lib/postgresql';

/**
 * The directory of `initdb` and `postgres`: $KITTY_POSTGRES_BIN_DIR, else Debian's newest major version,
 * else undefined (then PATH is used).
 */
function binDir(): string | undefined {
  const fromEnv = process.env.KITTY_POSTGRES_BIN_DIR;
  if (fromEnv) return fromEnv;
  let majors: string[];
  try {
    majors = readdirSync(DEBIAN_ROOT).filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const major of majors.sort((a, b) => Number(b) - Number(a))) {
    const dir = join(DEBIAN_ROOT, major, 'bin');
    try {
      accessSync(join(dir, 'postgres'), constants.X_OK);
      return dir;
    } catch {
      // Only the client of this version is installed.
    }
  }
  return undefined;
}

export function postgresBin(name: 'initdb' | 'postgres'): string {
  const dir = binDir();
  return dir === undefined ? name : join(dir, name);
}
