import type { Dispatcher } from 'undici';

/** Node's fetch takes undici's `dispatcher`, which the DOM RequestInit type does not know. */
type NodeRequestInit = RequestInit & { dispatcher: Dispatcher };

/** Statuses whose Response may not carry a body, even an empty one. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export interface FetchOptions {
  dispatcher: Dispatcher;
  /** Added here, at the last moment, so it never sits in a Request that ky keeps in its errors. */
  authorization: string | undefined;
}

/**
 * The `fetch` given to ky: Node's global fetch over our pool. It reads the
 * whole body before resolving, so ky's per-attempt timeout also covers a
 * server that stalls after sending headers.
 */
export function createFetch({ dispatcher, authorization }: FetchOptions) {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    if (authorization !== undefined) headers.set('authorization', authorization);
    const nodeInit: NodeRequestInit = { headers, dispatcher };
    const response = await fetch(request, nodeInit);
    const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
