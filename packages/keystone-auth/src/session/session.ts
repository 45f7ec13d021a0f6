import { inspect } from 'node:util';
import {
  createDispatcher,
  type Dispatcher,
  type HttpResponse,
  readTlsFiles,
  sendRequest,
  TlsFileError,
  type TlsOptions,
  withRetries,
} from '@kitty-collect/http-request';
import type { AccessInfo } from '../access/access-info.js';
import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { KeystoneUnavailable } from '../errors/keystone-unavailable.js';
import type { AuthPlugin } from '../identity/auth-plugin.js';
import { checkedUrl } from '../identity/checked-url.js';
import type { AdapterOptions, ClientOptions, SessionRequestOptions } from './adapter-options.js';
import { authenticate } from './authenticate.js';
import { createServiceClient, type ServiceClient } from './service-client.js';
import {
  type NormalizedSessionOptions,
  normalizeSessionOptions,
  type SessionOptions,
} from './session-options.js';
import type { SessionSend } from './session-send.js';

const AUTH_HEADER = 'X-Auth-Token';

/**
 * A Keystone session: one cached token (with its catalog) shared by every caller, renewed shortly before
 * it expires, re-obtained once when a service answers 401; TLS and timeouts for every request it makes.
 */
export class Session {
  readonly auth: AuthPlugin;
  readonly #options: NormalizedSessionOptions;
  readonly #dispatcher: Dispatcher;
  #access: AccessInfo | undefined;
  #inflight: Promise<AccessInfo> | undefined;
  #authentications = 0;

  constructor(options: SessionOptions) {
    this.#options = normalizeSessionOptions(options);
    this.auth = this.#options.auth;
    this.#dispatcher = createDispatcher({
      connections: this.#options.maxConnections,
      tls: sessionTls(this.#options),
    });
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
    if (options.endpointOverride !== undefined) {
      return new URL(checkedUrl('endpoint_override', options.endpointOverride)).toString();
    }
    return (await this.getAccess()).catalog.urlFor(options);
  }

  /**
   * A ky instance for one service, for library users calling other OpenStack services: `prefixUrl` is its
   * endpoint, every request carries the token, and a 401 invalidates the token, re-authenticates once and
   * replays the request once.
   */
  async client(options: ClientOptions): Promise<ServiceClient> {
    const prefixUrl = await this.getEndpoint(options);
    return createServiceClient(
      {
        getToken: () => this.getToken(),
        invalidate: (token) => this.invalidate(token),
        dispatcher: this.#dispatcher,
        userAgent: this.#options.userAgent,
      },
      { prefixUrl, timeoutSeconds: options.timeout ?? this.#options.timeout, retries: options.retries ?? 2 },
    );
  }

  /**
   * One authenticated request (keystoneauth's `Session.request`): the token in `X-Auth-Token`; a 401
   * invalidates it, re-authenticates once and replays the request once. With `retries`, a network failure
   * or a 502/503/504 is sent again first (http-request's `withRetries`). The response is returned
   * whatever its status; no response is a TransportError (a RequestTimeoutError for the timeout).
   */
  async request(url: string, options: SessionRequestOptions = {}): Promise<HttpResponse> {
    const token = await this.getToken();
    const response = await this.#send(url, withToken(options, token));
    if (response.status !== 401) return response;
    this.invalidate(token);
    return this.#send(url, withToken(options, await this.getToken()));
  }

  /** The one HTTP path of the session: its pool, user agent and timeout; retries when asked for. */
  readonly #send: SessionSend = (url, options = {}) => {
    const timeoutMs = Math.round((options.timeout ?? this.#options.timeout) * 1000);
    const send = () =>
      sendRequest(url, {
        dispatcher: this.#dispatcher,
        method: options.method ?? 'GET',
        headers: { 'user-agent': this.#options.userAgent, ...options.headers },
        body: options.body,
        timeoutMs,
        signal: options.signal,
      });
    const { retry } = options;
    if (retry === undefined || retry.retries === 0) return send();
    return withRetries(send, { ...retry, maxRetryAfterMs: timeoutMs, signal: options.signal });
  };

  /** Closes pooled connections. */
  async close(): Promise<void> {
    await this.#dispatcher.destroy();
  }

  #authenticateOnce(): Promise<AccessInfo> {
    if (this.#inflight === undefined) {
      this.#authentications += 1;
      this.#inflight = authenticate(this.auth, this.#send)
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

function withToken(options: SessionRequestOptions, token: string): SessionRequestOptions {
  return { ...options, headers: { ...options.headers, [AUTH_HEADER]: token } };
}

/**
 * The session's TLS files, read once (http-request's rules: readable PEM, a key only with its
 * certificate); an unusable one is named by its keystoneauth option.
 */
function sessionTls(options: NormalizedSessionOptions): TlsOptions {
  try {
    return readTlsFiles({
      caFile: options.caFile,
      certFile: options.certFile,
      keyFile: options.keyFile,
      insecure: options.insecure,
    });
  } catch (error) {
    if (!(error instanceof TlsFileError)) throw error;
    throw new KeystoneConfigError(`${error.role}file`, error.problem, { source: 'session', cause: error });
  }
}
