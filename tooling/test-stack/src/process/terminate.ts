import { setTimeout as sleep } from 'node:timers/promises';
import type { Daemon } from './spawn-daemon.js';

const STOP_GRACE_MS = 10_000;

/**
 * `signal` (SIGTERM by default; PostgreSQL's fast or immediate shutdown is SIGINT or SIGQUIT), then SIGKILL
 * if the daemon has not exited within the grace period.
 */
export async function terminate(
  daemon: Daemon,
  signal: 'SIGTERM' | 'SIGINT' | 'SIGQUIT' = 'SIGTERM',
  graceMs = STOP_GRACE_MS,
): Promise<void> {
  const { child } = daemon;
  if (child.exitCode !== null || child.signalCode !== null || daemon.spawnError()) return;
  child.kill(signal);
  const grace = new AbortController();
  const graceful = await Promise.race([
    daemon.exited.then(() => true),
    sleep(graceMs, false, { signal: grace.signal }).catch(() => false),
  ]);
  // A pending timer would keep the caller's event loop (and so a CLI or test run) alive for 10 s.
  grace.abort();
  if (!graceful) {
    child.kill('SIGKILL');
    await daemon.exited;
  }
}

/** Why a daemon is not running, for start-up errors. */
export function exitDescription(daemon: Daemon): string {
  const error = daemon.spawnError();
  if (error) return `could not be started: ${error.message}`;
  const { exitCode, signalCode } = daemon.child;
  return signalCode ? `was killed by ${signalCode}` : `exited with code ${exitCode} before it was ready`;
}

/** How a daemon is stopped: `SIGTERM` lets it shut down (SIGKILL after the grace period), `SIGKILL` is a crash. */
export type StopSignal = 'SIGTERM' | 'SIGKILL';

/** Stops the daemon with `signal`: a graceful `terminate`, or SIGKILL at once (what a crash or an OOM kill does). */
export async function stopDaemon(daemon: Daemon, signal: StopSignal = 'SIGTERM'): Promise<void> {
  if (signal === 'SIGTERM') return terminate(daemon);
  const { child } = daemon;
  if (child.exitCode !== null || child.signalCode !== null || daemon.spawnError()) return;
  child.kill('SIGKILL');
  await daemon.exited;
}
