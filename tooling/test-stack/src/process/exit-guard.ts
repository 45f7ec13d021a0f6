import { rmSync } from 'node:fs';

interface Guarded {
  pid: number;
  /** Directory to delete after the kill; only set for directories we created ourselves. */
  removeDir?: string;
}

const guarded = new Set<Guarded>();
let installed = false;

function killAllSync(): void {
  for (const entry of guarded) {
    try {
      // SIGKILL because an 'exit' listener cannot wait for a graceful shutdown.
      process.kill(entry.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    if (entry.removeDir) {
      try {
        rmSync(entry.removeDir, { recursive: true, force: true, maxRetries: 2 });
      } catch {
        // Best effort: the dying process may still be writing into it.
      }
    }
  }
  guarded.clear();
}

/**
 * Kills the process if this Node process exits (normal end, process.exit(), uncaught exception) while it is
 * still running. Signals and SIGKILL of the parent are covered by the parent-death signal (see spawn-daemon).
 * Returns a function that releases the guard once the process has been stopped properly.
 */
export function killOnExit(pid: number, removeDir?: string): () => void {
  if (!installed) {
    installed = true;
    process.once('exit', killAllSync);
  }
  const entry: Guarded = removeDir === undefined ? { pid } : { pid, removeDir };
  guarded.add(entry);
  return () => {
    guarded.delete(entry);
  };
}
