import { type Dispatcher, request } from 'undici';
import { contentCodings, decodeBody } from './decode-body.js';
import { RequestTimeoutError } from './request-timeout-error.js';

/** A response as received: status, whole body as text (decoded), headers by lower-case name. */
export interface HttpResponse {
  status: number;
  body: string;
  /** A header's value (several values joined with ", "), or undefined. */
  header(name: string): string | undefined;
}

export interface SendRequestOptions {
  dispatcher: Dispatcher;
  /** Default GET. */
  method?: Dispatcher.HttpMethod;
  headers: Readonly<Record<string, string>>;
  body?: string;
  /** For the whole exchange, response body included. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/**
 * One request with undici's `request()`, without the WHATWG `Request`/`Response` objects of fetch (a
 * per-request cost that matters at thousands of small queries). The body is read whole and its
 * `Content-Encoding` (gzip, deflate, br) undone. Rejects with a RequestTimeoutError when `timeoutMs` runs
 * out (a server stalling after its headers included), with the signal's reason when the caller aborts,
 * and with undici's own error (ECONNREFUSED, UND_ERR_SOCKET…) otherwise; an unknown encoding is an Error
 * naming it.
 */
export async function sendRequest(url: string, options: SendRequestOptions): Promise<HttpResponse> {
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
      method: options.method ?? 'GET',
      headers: options.headers,
      body: options.body,
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
