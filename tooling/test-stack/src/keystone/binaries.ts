import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LAUNCHER = 'keystone_server.py';

/**
 * Debian's interpreter: keystone comes from python3-keystone, which a pyenv or venv python3 on PATH cannot
 * import. Override with $KITTY_KEYSTONE_PYTHON.
 */
export function keystonePython(): string {
  return process.env.KITTY_KEYSTONE_PYTHON || '/usr/bin/python3';
}

/** Debian's entry point (its shebang is /usr/bin/python3). Override with $KITTY_KEYSTONE_MANAGE_BIN. */
export function keystoneManageBin(): string {
  return process.env.KITTY_KEYSTONE_MANAGE_BIN || '/usr/bin/keystone-manage';
}

let launcherPath: string | undefined;

/**
 * The Python launcher lives in the package's python/ directory, next to src/ and dist/. Walks up from this
 * module because the depth differs: src/keystone/binaries.ts when run from source, dist/index.js once
 * bundled by tsup.
 */
export function keystoneLauncherScript(): string {
  if (launcherPath !== undefined) return launcherPath;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'python', LAUNCHER);
    if (existsSync(candidate)) {
      launcherPath = candidate;
      return candidate;
    }
    if (dirname(dir) === dir) break;
  }
  throw new Error(`python/${LAUNCHER} not found in any parent directory of ${start}`);
}
