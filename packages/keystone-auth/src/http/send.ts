import { type Dispatcher, request } from 'undici';
import { RequestTimeoutError } from './request-timeout-error.js';

/** A response as received: status, whole body as text, headers by lower-case name. */
export interface HttpResponse {
  status: number;
  body: string;
  /** A header's value (several values joined with ", "), or undefined. */
  header(name: string): string | undefined;
}

export interface SendOptions {
  dispatcher: Dispatcher;
  method: Dispatcher.HttpMethod;
  headers: Readonly<Record<string, string>>;
  body?: string;
  /** For the whole exchange, response body included. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/**
 * One request with undici's `request()` (no WHATWG fetch objects: a per-request cost that matters at
 * thousands of queries), body read whole. Rejects with a RequestTimeoutError when `timeoutMs` runs out,
 * with the signal's reason when the caller aborts, and with undici's own error (ECONNREFUSED…) otherwise.
 */
export async function sendRequest(url: string, options: SendOptions): Promise<HttpResponse> {
  const { signal } = options;
  signal?.throwIfAborted();
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new RequestTimeoutError(options.timeoutMs)),
    options.timeoutMs,
  );
  const forwardAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });
  try {
    const answer = await request(url, {
      method: options.method,
      headers: options.headers,
      body: options.body,
      dispatcher: options.dispatcher,
      signal: controller.signal,
    });
    const body = await answer.body.text();
    const headers = answer.headers;
    return {
      status: answer.statusCode,
      body,
      header: (name) => {
        const value = headers[name];
        return Array.isArray(value) ? value.join(', ') : value;
      },
    };
  } catch (error) {
    // undici reports an abort as its own RequestAbortedError: surface why it was aborted instead.
    if (controller.signal.aborted) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}
