import { type Dispatcher, request } from 'undici';
import { contentCodings, decodeBody, unsupportedCoding } from './decode-body.js';
import { RequestTimeoutError } from './errors/request-timeout-error.js';
import { TransportError } from './errors/transport-error.js';
import { toTransportError } from './failure.js';
import { redactUrl } from './redact-url.js';

/** A response as received: status, whole body as text (decoded), headers by lower-case name. */
export interface HttpResponse {
  /** The URL requested, as given (it may hold credentials: redact it before showing it). */
  url: string;
  status: number;
  body: string;
  /** A header's value (several values joined with ", "), or undefined. */
  header(name: string): string | undefined;
}

export interface SendRequestOptions {
  /** The connection pool to send through: see createDispatcher. */
  dispatcher: Dispatcher;
  /** Default GET. */
  method?: Dispatcher.HttpMethod | undefined;
  headers: Readonly<Record<string, string>>;
  body?: string | undefined;
  /** For the whole exchange, response body included. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/**
 * One request with undici's `request()`, without the WHATWG `Request`/`Response` objects of fetch (a
 * per-request cost that matters at thousands of small queries). The body is read whole and its
 * `Content-Encoding` (gzip, deflate, br) undone. Resolves with any response, whatever its status.
 * Rejects with a RequestTimeoutError when `timeoutMs` runs out (a server stalling after its headers
 * included), with the signal's reason when the caller aborts, and otherwise with a TransportError whose
 * `kind` and `code` say what failed (undici's error is its `cause`).
 */
export async function sendRequest(url: string, options: SendRequestOptions): Promise<HttpResponse> {
  const { signal } = options;
  signal?.throwIfAborted();
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new RequestTimeoutError({ url: redactUrl(url), timeoutMs: options.timeoutMs })),
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
    const body = await readBody(answer, url);
    const headers = answer.headers;
    return {
      url,
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
    throw toTransportError(error, redactUrl(url));
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}

async function readBody(answer: Dispatcher.ResponseData, url: string): Promise<string> {
  const codings = contentCodings(answer.headers['content-encoding']);
  if (codings.length === 0) return answer.body.text();
  const raw = Buffer.from(await answer.body.arrayBuffer());
  const unknown = unsupportedCoding(codings);
  if (unknown !== undefined) {
    throw new TransportError({
      url: redactUrl(url),
      kind: 'encoding',
      detail: `unsupported Content-Encoding "${unknown}"`,
    });
  }
  try {
    return (await decodeBody(raw, codings)).toString('utf8');
  } catch (error) {
    throw new TransportError({
      url: redactUrl(url),
      kind: 'encoding',
      detail: `cannot undo Content-Encoding ${codings.join(', ')}: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
}
