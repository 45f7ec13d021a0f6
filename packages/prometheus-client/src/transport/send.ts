import type { ReceivedResponse } from '@kitty-collect/prometheus-client-base';
import { type Dispatcher, request } from 'undici';
import { contentCodings, decodeBody } from './decode-body.js';
import { RequestTimeoutError } from './request-timeout-error.js';

export interface SendOptions {
  dispatcher: Dispatcher;
  headers: Readonly<Record<string, string>>;
  /** For this attempt, response body included. */
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

/**
 * One GET with undici's `request()`, body read whole and decoded. Rejects with a RequestTimeoutError when
 * `timeoutMs` runs out (a server that stalls after its headers included), with the signal's reason when
 * the caller aborts, and with undici's own error (ECONNREFUSED, UND_ERR_SOCKET…) otherwise.
 */
export async function sendRequest(url: string, options: SendOptions): Promise<ReceivedResponse> {
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
      method: 'GET',
      headers: options.headers,
      dispatcher: options.dispatcher,
      signal: controller.signal,
    });
    const codings = contentCodings(answer.headers['content-encoding']);
    const body =
      codings.length === 0
        ? await answer.body.text()
        : (await decodeBody(Buffer.from(await answer.body.arrayBuffer()), codings)).toString('utf8');
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
