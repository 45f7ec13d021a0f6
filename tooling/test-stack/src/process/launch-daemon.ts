import { readdir } from 'node:fs/promises';
import { type WaitForHttpOkOptions, waitForHttpOk } from '../http.js';
import { formatCommand } from './command-line.js';
import { killOnExit } from './exit-guard.js';
import { describeFailure, readLogTail } from './log-tail.js';
import { type Daemon, type DaemonLogs, spawnDaemon } from './spawn-daemon.js';
import { exitDescription, terminate } from './terminate.js';

/** The daemon could not bind its port: the caller may try another one. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

export interface LaunchDaemonOptions {
  /** The program's name in messages: `keystone`, `prometheus`. */
  name: string;
  bin: string;
  args: readonly string[];
  logs: DaemonLogs;
  port: number;
  /** Polled until it answers 200; how is `wait` (the daemon's death also ends the wait). */
  readyUrl: string;
  wait: Omit<WaitForHttpOkOptions, 'signal'>;
  /** How the daemon's stderr says that its port is taken. */
  portInUse: RegExp;
  /** A directory the exit guard removes along with the process. */
  removeOnExit?: string | undefined;
}

export interface LaunchedDaemon {
  daemon: Daemon;
  pid: number;
  releaseGuard: () => void;
}

/**
 * Spawns a daemon, guards it against outliving us, and resolves once `readyUrl` answers 200. On failure
 * the daemon is stopped and the error says why, with the command and its last log lines: it did not
 * become ready in time, its port was taken (`PortInUseError`), or it exited.
 */
export async function launchDaemon(options: LaunchDaemonOptions): Promise<LaunchedDaemon> {
  const { name, port, logs } = options;
  const daemon = spawnDaemon(options.bin, options.args, logs);
  const command = formatCommand(daemon.bin, daemon.args);
  const pid = daemon.child.pid;
  const releaseGuard = pid === undefined ? () => {} : killOnExit(pid, options.removeOnExit);
  const died = new AbortController();
  void daemon.exited.then(() => died.abort(new Error(`${name} exited`)));
  try {
    await waitForHttpOk(options.readyUrl, { ...options.wait, signal: died.signal });
    if (pid === undefined) throw new Error(`${name} is running but has no pid`);
    return { daemon, pid, releaseGuard };
  } catch (error) {
    const timedOut = !died.signal.aborted;
    await terminate(daemon);
    releaseGuard();
    if (timedOut) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        await describeFailure(`${name} did not become ready: ${reason}`, command, logs.stderrFile),
      );
    }
    if (options.portInUse.test(await readLogTail(logs.stderrFile, 50))) {
      throw new PortInUseError(await describeFailure(`port ${port} is in use`, command, logs.stderrFile));
    }
    throw new Error(await describeFailure(`${name} ${exitDescription(daemon)}`, command, logs.stderrFile));
  }
}

/** Refuses a work directory with something in it (a missing one is fine); `hint` ends the message. */
export async function assertEmptyOrMissing(dir: string, hint: string): Promise<void> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length > 0) throw new Error(`${dir} is not empty: ${hint}`);
}
