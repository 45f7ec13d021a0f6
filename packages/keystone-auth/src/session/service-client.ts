import type { Dispatcher } from '@kitty-collect/http-request';
import ky, { type KyInstance } from 'ky';

/** What the ky client needs of its session: the token, how to drop a stale one, and the session's pool. */
export interface ServiceClientSession {
  getToken(): Promise<string>;
  invalidate(token?: string): void;
  readonly dispatcher: Dispatcher;
  readonly userAgent: string;
}

export interface ServiceClientOptions {
  prefixUrl: string;
  timeoutSeconds: number;
  retries: number;
}

/** What `Session.client()` returns: a ky instance. */
export type ServiceClient = KyInstance;

const AUTH_HEADER = 'X-Auth-Token';

/**
 * `Session.client()`: a ky instance for library users who call other OpenStack services. Every request
 * carries the token; a 401 invalidates it, re-authenticates once and replays the request once. Requests
 * go through Node's fetch on the session's connection pool (ky is built on fetch); nothing inside
 * kitty-collect uses it — its own requests take `Session.request`.
 */
export function createServiceClient(
  session: ServiceClientSession,
  options: ServiceClientOptions,
): KyInstance {
  const sessionFetch = (input: Request | string | URL, init?: RequestInit): Promise<Response> =>
    // Node's fetch takes an undici dispatcher; the DOM typings do not know the option.
    fetch(input, { ...init, ...({ dispatcher: session.dispatcher } as object) });
  const replayed = new WeakSet<Request>();
  return ky.create({
    prefixUrl: options.prefixUrl,
    timeout: options.timeoutSeconds * 1000,
    retry: { limit: options.retries },
    fetch: sessionFetch,
    headers: { 'user-agent': session.userAgent },
    hooks: {
      beforeRequest: [
        async (request) => {
          request.headers.set(AUTH_HEADER, await session.getToken());
        },
      ],
      afterResponse: [
        async (request, _options, response) => {
          if (response.status !== 401 || replayed.has(request)) return response;
          session.invalidate(request.headers.get(AUTH_HEADER) ?? undefined);
          const replay = new Request(request, { headers: new Headers(request.headers) });
          replay.headers.set(AUTH_HEADER, await session.getToken());
          replayed.add(replay);
          return sessionFetch(replay);
        },
      ],
      beforeError: [
        (error) => {
          const requestId = error.response.headers.get('x-openstack-request-id');
          if (requestId) error.message = `${error.message} (request id ${requestId})`;
          return error;
        },
      ],
    },
  });
}
