import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RestartOptions } from '@kitty-collect/test-stack';
import { openSqliteStorage } from '../../storage/index.js';
import type { MainProcess, MainResult } from './main-process.js';

/** A server that can be stopped and started again on the same port (test-stack's Prometheus, Keystone, gateway). */
export interface RestartableServer {
  restart(options?: RestartOptions): Promise<void>;
}

/** Resolves once the storage file holds `count` frames (it may not exist yet); rejects after `timeoutMs`. */
export async function framesStored(path: string, count: number, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`${path} was not created within ${timeoutMs} ms`);
    await sleep(5);
  }
  const watcher = await openWhileCreated(path, deadline);
  try {
    for (;;) {
      const stored = watcher.countDataFrames();
      if (stored >= count) return stored;
      if (Date.now() > deadline) throw new Error(`only ${stored} of ${count} frames after ${timeoutMs} ms`);
      await sleep(5);
    }
  } finally {
    watcher.close();
  }
}

/**
 * The storage at `path`, opened as soon as the service that creates it lets go of it: while the service
 * migrates the new file (a write transaction) or switches it to WAL, opening it here can meet SQLITE_BUSY.
 */
async function openWhileCreated(
  path: string,
  deadline: number,
): Promise<ReturnType<typeof openSqliteStorage>> {
  for (;;) {
    try {
      return openSqliteStorage(path);
    } catch (error) {
      const busy =
        error instanceof Error && (error.cause as { code?: unknown } | undefined)?.code === 'SQLITE_BUSY';
      if (!busy || Date.now() > deadline) throw error;
      await sleep(5);
    }
  }
}

/**
 * The fault: once the running service has stored `afterFrames` frames, the server is killed; it stays
 * down until the service has exited, then comes back on the same port. Resolves with the service's
 * outcome and how many frames were stored when the kill came.
 */
export async function killMidRun(
  service: MainProcess,
  server: RestartableServer,
  options: { storagePath: string; afterFrames: number; signal?: RestartOptions['signal'] },
): Promise<{ result: MainResult; storedAtKill: number }> {
  const storedAtKill = await Promise.race([
    framesStored(options.storagePath, options.afterFrames),
    service.done.then((result) => {
      throw new Error(
        `the service exited (${result.code}) before ${options.afterFrames} frames were stored: ${result.stderr.join('\n')}`,
      );
    }),
  ]);
  let result: MainResult | undefined;
  await server.restart({
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    whileDown: async () => {
      result = await service.done;
    },
  });
  if (result === undefined) throw new Error('the service did not finish while the server was down');
  return { result, storedAtKill };
}

export interface HealthAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Polls `GET url` until `accept` says yes; rejects with the last answer after `timeoutMs`. */
export async function healthUntil(
  url: string,
  accept: (answer: HealthAnswer) => boolean,
  timeoutMs = 30_000,
): Promise<HealthAnswer> {
  const deadline = Date.now() + timeoutMs;
  let last: HealthAnswer | string = 'no answer';
  for (;;) {
    try {
      const response = await fetch(url);
      last = { status: response.status, body: (await response.json()) as Record<string, unknown> };
      if (accept(last)) return last;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`${url}: still ${JSON.stringify(last)} after ${timeoutMs} ms`);
    await sleep(100);
  }
}
