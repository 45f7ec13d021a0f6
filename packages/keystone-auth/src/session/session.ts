import { inspect } from 'node:util';
import { type HttpResponse, sendRequest } from '@kitty-collect/http-request';
import ky, { type KyInstance } from 'ky';
import type { Agent } from 'undici';
import type { AccessInfo } from '../access/access-info.js';
import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { KeystoneUnavailable } from '../errors/keystone-unavailable.js';
import { createDispatcher } from '../http/dispatcher.js';
import type { AuthPlugin } from '../identity/auth-plugin.js';
import type { AdapterOptions, ClientOptions, SessionRequestOptions } from './adapter-options.js';
import { authenticate } from './authenticate.js';
import {
  type NormalizedSessionOptions,
  normalizeSessionOptions,
  type SessionOptions,
} from './session-options.js';

const AUTH_HEADER = 'X-Auth-Token';

/**
 * A Keystone session: one cached token (with its catalog) shared by every caller, renewed shortly before
 * it expires, re-obtained once when a service answers 401; TLS and timeouts for every request it makes.
 */
export class Session {
  readonly auth: AuthPlugin;
  readonly #options: NormalizedSessionOptions;
  readonly #dispatcher: Agent;
  #access: AccessInfo | undefined;
  #inflight: Promise<AccessInfo> | undefined;
  #authentications = 0;

  constructor(options: SessionOptions) {
    this.#options = normalizeSessionOptions(options);
    this.auth = this.#options.auth;
    this.#dispatcher = createDispatcher(this.#options, this.#options.maxConnections);
  }

  /** How many token requests this session has sent to Keystone. */
  get authentications(): number {
    return this.#authentications;
  }

  /** The current token's access info, authenticating (once, however many callers wait) when needed. */
  async getAccess(): Promise<AccessInfo> {
    const cached = this.#access;
    if (cached !== undefined && cached.secondsLeft() > this.#options.renewBeforeSeconds) return cached;
    try {
      return await this.#authenticateOnce();
    } catch (error) {
      // Renewal ahead of expiry failed because Keystone is down: the old token is still good for a while.
      if (error instanceof KeystoneUnavailable && cached !== undefined && cached.secondsLeft() > 0) {
        this.#options.logger?.warn(
          { authUrl: this.auth.authUrl, expiresAt: cached.expiresAt.toISOString() },
          `Keystone unavailable, keeping the current token until it expires: ${error.message}`,
        );
        return cached;
      }
      throw error;
    }
  }

  async getToken(): Promise<string> {
    return (await this.getAccess()).token;
  }

  /**
   * Forgets the cached token so the next call re-authenticates. With a token, only when it is still the
   * current one: many requests failing with the same stale token cause one re-authentication, not many.
   */
  invalidate(token?: string): void {
    if (token === undefined || this.#access?.token === token) this.#access = undefined;
  }

  /** The endpoint URL for a service, from `endpointOverride` or the catalog. */
  async getEndpoint(options: AdapterOptions): Promise<string> {
    if (options.endpointOverride !== undefined) return checkedUrl(options.endpointOverride);
    return (await this.getAccess()).catalog.urlFor(options);
  }

  /**
   * A ky instance for one service: `prefixUrl` is its endpoint, every request carries the token, and a 401
   * invalidates the token, re-authenticates once and replays the request once.
   */
  async client(options: ClientOptions): Promise<KyInstance> {
    const prefixUrl = await this.getEndpoint(options);
    const replayed = new WeakSet<Request>();
    return ky.create({
      prefixUrl,
      timeout: (options.timeout ?? this.#options.timeout) * 1000,
      retry: { limit: options.retries ?? 2 },
      fetch: this.fetch,
      headers: { 'user-agent': this.#options.userAgent },
      hooks: {
        beforeRequest: [
          async (request) => {
            request.headers.set(AUTH_HEADER, await this.getToken());
          },
        ],
        afterResponse: [
          async (request, _options, response) => {
            if (response.status !== 401 || replayed.has(request)) return response;
            this.invalidate(request.headers.get(AUTH_HEADER) ?? undefined);
            const replay = new Request(request, { headers: new Headers(request.headers) });
            replay.headers.set(AUTH_HEADER, await this.getToken());
            replayed.add(replay);
            return this.fetch(replay);
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

  /**
   * One authenticated request (keystoneauth's `Session.request`): the token in `X-Auth-Token`; a 401
   * invalidates it, re-authenticates once and replays the request once. Lighter than `client()` (undici's
   * `request()`, no ky or fetch objects) for callers that send many small requests; no retries, which
   * are the caller's to decide. The response is returned whatever its status.
   */
  async request(url: string, options: SessionRequestOptions = {}): Promise<HttpResponse> {
    const send = (token: string) =>
      sendRequest(url, {
        dispatcher: this.#dispatcher,
        method: options.method ?? 'GET',
        headers: { 'user-agent': this.#options.userAgent, ...options.headers, [AUTH_HEADER]: token },
        ...(options.body === undefined ? {} : { body: options.body }),
        timeoutMs: Math.round((options.timeout ?? this.#options.timeout) * 1000),
        signal: options.signal,
      });
    const token = await this.getToken();
    const response = await send(token);
    if (response.status !== 401) return response;
    this.invalidate(token);
    return send(await this.getToken());
  }

  /** `fetch` through this session's connection pool and TLS settings (no token added). */
  readonly fetch = (input: Request | string | URL, init?: RequestInit): Promise<Response> =>
    fetch(input, { ...init, ...({ dispatcher: this.#dispatcher } as object) });

  /** Closes pooled connections. */
  async close(): Promise<void> {
    await this.#dispatcher.destroy();
  }

  #authenticateOnce(): Promise<AccessInfo> {
    if (this.#inflight === undefined) {
      this.#authentications += 1;
      this.#inflight = authenticate(this.auth, {
        dispatcher: this.#dispatcher,
        timeoutSeconds: this.#options.timeout,
        userAgent: this.#options.userAgent,
      })
        .then((access) => {
          this.#access = access;
          return access;
        })
        .finally(() => {
          this.#inflight = undefined;
        });
    }
    return this.#inflight;
  }

  [inspect.custom](): string {
    const token = this.#access === undefined ? 'none' : `valid until ${this.#access.expiresAt.toISOString()}`;
    return `Session { auth: ${this.auth.toString()}, token: ${token} }`;
  }
}

function checkedUrl(url: string): string {
  try {
    return new URL(url).toString();
  } catch (error) {
    throw new KeystoneConfigError('endpoint_override', `not a URL: ${JSON.stringify(url)}`, { cause: error });
  }
}
