import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, closeSync, constants, openSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface DaemonLogs {
  stdoutFile: string;
  stderrFile: string;
}

/** A user to run the daemon as (servers that refuse root, such as PostgreSQL): needs setpriv. */
export interface DaemonUser {
  uid: number;
  gid: number;
}

export interface Daemon {
  child: ChildProcess;
  /** The binary and arguments as actually exec'd (without the setpriv wrapper), for error messages. */
  bin: string;
  args: readonly string[];
  /** Resolves once the process is gone, whether it exited, was killed or could not be spawned at all. */
  exited: Promise<void>;
  spawnError(): Error | undefined;
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

let setprivPath: string | null | undefined;

/**
 * util-linux `setpriv --pdeathsig` sets the parent-death signal and then execs the real binary, so the pid
 * stays the daemon's own pid while the kernel kills it even when Node dies from SIGKILL, where no 'exit'
 * listener runs. Without setpriv (non-Linux), only the exit guard protects against leaks.
 */
export function setpriv(): string | undefined {
  if (setprivPath === undefined)
    setprivPath = process.platform === 'linux' ? (findOnPath('setpriv') ?? null) : null;
  return setprivPath ?? undefined;
}

/** `setpriv` options that switch to `user` (no supplementary groups: none of root's). */
export function switchUserArgs(user: DaemonUser): string[] {
  return [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups'];
}

/**
 * Starts a long-running process detached from the test output, its stdout/stderr going to files; as `user`
 * when given (setpriv is then required).
 */
export function spawnDaemon(
  bin: string,
  args: readonly string[],
  logs: DaemonLogs,
  user?: DaemonUser,
): Daemon {
  const out = openSync(logs.stdoutFile, 'w');
  const err = openSync(logs.stderrFile, 'w');
  let spawnError: Error | undefined;
  let child: ChildProcess;
  try {
    const wrapper = setpriv();
    if (user !== undefined && wrapper === undefined) {
      throw new Error(`running ${bin} as uid ${user.uid} needs setpriv (util-linux)`);
    }
    const switchUser = user === undefined ? [] : switchUserArgs(user);
    child = wrapper
      ? spawn(wrapper, [...switchUser, '--pdeathsig', 'TERM', '--', bin, ...args], {
          stdio: ['ignore', out, err],
        })
      : spawn(bin, args, { stdio: ['ignore', out, err] });
  } finally {
    // The child holds its own copies of the descriptors.
    closeSync(out);
    closeSync(err);
  }
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.on('error', (error) => {
      // 'error' also reports failed kill() calls; only a missing pid means the process never existed.
      if (child.pid !== undefined) return;
      spawnError = error;
      resolve();
    });
  });
  return { child, bin, args, exited, spawnError: () => spawnError };
}
