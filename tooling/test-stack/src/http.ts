import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitForHttpOkOptions {
  /** PEM file trusted for https URLs (e.g. `RunningPrometheus.caFile`). */
  caFile?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Delay between attempts; default 100 ms. */
  intervalMs?: number;
  /** Gives up early, e.g. when the process being waited for has died. Rejects with the signal's reason. */
  signal?: AbortSignal;
}

interface Attempt {
  ca: string | undefined;
  headers: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

/** One attempt got no answer within its own time. */
class AttemptTimeout extends Error {
  override name = 'AttemptTimeout';

  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

function getStatus(url: URL, { ca, headers, timeoutMs, signal }: Attempt) {
  return new Promise<number>((resolve, reject) => {
    // The signal also cuts a pending request: something else may have accepted the connection and never answer.
    const options = { method: 'GET', headers, timeout: timeoutMs, ...(signal ? { signal } : {}) };
    // node:http(s) instead of fetch because Node 20's fetch cannot be given a CA without the undici package.
    const req = url.protocol === 'https:' ? httpsRequest(url, { ...options, ca }) : httpRequest(url, options);
    req.once('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('timeout', () => req.destroy(new AttemptTimeout(timeoutMs)));
    req.once('error', reject);
    req.end();
  });
}

/** Polls `url` with GET until it answers 200. Connection errors and other statuses just mean "not yet". */
export async function waitForHttpOk(url: string, options: WaitForHttpOkOptions): Promise<void> {
  const target = new URL(url);
  const ca = options.caFile === undefined ? undefined : readFileSync(options.caFile, 'utf8');
  const headers = options.headers ?? {};
  const interval = options.intervalMs ?? 100;
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no attempt made';
  for (;;) {
    options.signal?.throwIfAborted();
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    const timeoutMs = Math.min(remaining, 5_000);
    try {
      const status = await getStatus(target, { ca, headers, timeoutMs, signal: options.signal });
      if (status === 200) return;
      last = `HTTP ${status}`;
    } catch (error) {
      // An attempt the deadline cut short says nothing new: keep what the previous attempt met.
      const cutShort = timeoutMs === remaining && error instanceof AttemptTimeout;
      if (!cutShort || last === 'no attempt made')
        last = error instanceof Error ? error.message : String(error);
    }
    options.signal?.throwIfAborted();
    const pause = Math.min(interval, deadline - Date.now());
    if (pause > 0) await sleep(pause, undefined, { signal: options.signal }).catch(() => undefined);
  }
  throw new Error(`${url} did not answer 200 within ${options.timeoutMs} ms (last attempt: ${last})`);
}
