import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import { type Dispatcher, request as undiciRequest } from 'undici';

/** Statuses whose Response may not carry a body, even an empty one. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

const DECODERS: Record<string, (body: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

export interface FetchOptions {
  dispatcher: Dispatcher;
  /** Added here, at the last moment, so it never sits in a Request that ky keeps in its errors. */
  authorization: string | undefined;
  /** Ask for gzip (and decode it); otherwise ask for the body as is. */
  compression: boolean;
}

/**
 * The `fetch` given to ky, over undici's `request()` rather than Node's
 * fetch: for Prometheus' many small answers the WHATWG fetch machinery (and
 * the gzip it negotiates by default) costs more CPU than the query itself.
 * It behaves like fetch where ky and our error mapping look: network
 * failures reject with `TypeError('fetch failed', { cause })`, an aborted
 * request with the signal's reason. It reads the whole body before
 * resolving, so ky's per-attempt timeout also covers a server that stalls
 * after sending headers.
 */
export function createFetch({ dispatcher, authorization, compression }: FetchOptions) {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    // ky always passes a Request; anything else is made into one, as fetch would.
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    headers['accept-encoding'] = compression ? 'gzip' : 'identity';
    if (authorization !== undefined) headers.authorization = authorization;
    try {
      const answer = await undiciRequest(request.url, {
        method: request.method as Dispatcher.HttpMethod,
        headers,
        dispatcher,
        signal: request.signal,
      });
      const body = NULL_BODY_STATUSES.has(answer.statusCode)
        ? null
        : await decode(await answer.body.arrayBuffer(), answer.headers['content-encoding']);
      return new Response(body, { status: answer.statusCode, headers: toHeaders(answer.headers) });
    } catch (error) {
      if (request.signal.aborted) throw request.signal.reason;
      throw new TypeError('fetch failed', { cause: error });
    }
  };
}

async function decode(
  body: ArrayBuffer,
  contentEncoding: string | string[] | undefined,
): Promise<ArrayBuffer | Uint8Array<ArrayBuffer>> {
  const encodings = [contentEncoding ?? []]
    .flat()
    .flatMap((value) => value.split(','))
    .map((value) => value.trim().toLowerCase())
    .filter((value) => value !== '' && value !== 'identity');
  if (encodings.length === 0) return body;
  let decoded: Buffer = Buffer.from(body);
  // Codings are listed in the order they were applied.
  for (const encoding of encodings.reverse()) {
    const decoder = DECODERS[encoding];
    if (decoder === undefined) throw new Error(`unsupported Content-Encoding "${encoding}"`);
    decoded = await decoder(decoded);
  }
  return new Uint8Array(decoded.buffer as ArrayBuffer, decoded.byteOffset, decoded.byteLength);
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const item of [value].flat()) headers.append(name, item);
  }
  // They describe the bytes on the wire, not the decoded body.
  headers.delete('content-encoding');
  headers.delete('content-length');
  return headers;
}
