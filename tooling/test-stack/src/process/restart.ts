import { setTimeout as sleep } from 'node:timers/promises';
import { PortInUseError } from './launch-daemon.js';
import type { StopSignal } from './terminate.js';

export interface RestartOptions {
  /**
   * Runs while the server is down, e.g. a client run that must meet it unreachable; the server comes back
   * even when it throws (restart() then rejects with its error).
   */
  whileDown?: () => Promise<void>;
  /** `SIGTERM` (default) stops it gracefully; `SIGKILL` kills it as a crash would. */
  signal?: StopSignal;
}

const PORT_ATTEMPTS = 5;
const PORT_RETRY_MS = 300;

/**
 * stop → `whileDown` → start, the start retried a few times while the old process' port is still held
 * (`PortInUseError`). Rejects with the start's error, else with `whileDown`'s.
 */
export async function restartServer(
  stop: (signal: StopSignal) => Promise<void>,
  start: () => Promise<void>,
  options: RestartOptions = {},
): Promise<void> {
  await stop(options.signal ?? 'SIGTERM');
  const failure = await options.whileDown?.().then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  for (let attempt = 1; ; attempt++) {
    try {
      await start();
      break;
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt >= PORT_ATTEMPTS) throw error;
      await sleep(PORT_RETRY_MS);
    }
  }
  if (failure) throw failure.error;
}

/** Runs the given pieces of work one after the other (stop() waits for a restart() in progress). */
export function serialiser(): (work: () => Promise<void>) => Promise<void> {
  let busy: Promise<void> = Promise.resolve();
  return (work) => {
    const next = busy.then(work, work);
    busy = next.catch(() => undefined);
    return next;
  };
}
