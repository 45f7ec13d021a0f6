import { sendRequest } from '@kitty-collect/http-request';
import {
  PrometheusClientBase,
  type RawPrometheusResponse,
  rawResponseOf,
  type TransportOptions,
  toTransportError,
  withRetries,
} from '@kitty-collect/prometheus-client-base';
import type { Agent } from 'undici';
import { type NormalizedClientOptions, normalizeClientOptions } from './options/normalize.js';
import type { PrometheusClientOptions } from './options/schema.js';
import { basicAuthorization } from './transport/basic-auth.js';
import { createDispatcher } from './transport/dispatcher.js';

/**
 * The Prometheus HTTP API, reached directly: basic auth, TLS options,
 * keep-alive connections and retries. Call `close()` when done with it.
 */
export class PrometheusClient extends PrometheusClientBase {
  /** API base, without trailing slash and without credentials. */
  readonly url: string;
  // Private fields, so util.inspect and JSON.stringify never show them (the headers carry the credentials).
  readonly #agent: Agent;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #options: NormalizedClientOptions;

  constructor(options: PrometheusClientOptions) {
    super();
    this.#options = normalizeClientOptions(options);
    this.url = this.#options.url;
    this.#agent = createDispatcher(this.#options);
    const { credentials, compression } = this.#options;
    this.#headers = {
      accept: 'application/json',
      // Asked for gzip, Prometheus compresses every answer: more CPU than a small answer is worth.
      'accept-encoding': compression ? 'gzip' : 'identity',
      ...(credentials === undefined
        ? {}
        : { authorization: basicAuthorization(credentials.username, credentials.password) }),
    };
  }

  /**
   * One GET, retried after a network error or a 502/503/504 (with backoff, or the wait a 503's
   * `Retry-After` asks for, up to one timeout); the last answer is returned whatever its status.
   */
  protected override async get(
    endpoint: string,
    params: Record<string, string>,
    options: TransportOptions,
  ): Promise<RawPrometheusResponse> {
    const url = `${this.url}/${endpoint}`;
    const target = `${url}?${new URLSearchParams(params).toString()}`;
    const { retries, timeoutSeconds } = this.#options;
    const timeoutMs = Math.round(timeoutSeconds * 1000);
    const send = () =>
      sendRequest(target, {
        dispatcher: this.#agent,
        headers: this.#headers,
        timeoutMs,
        signal: options.signal,
      });
    try {
      const response = await withRetries(send, {
        retries,
        maxRetryAfterMs: timeoutMs,
        signal: options.signal,
      });
      return rawResponseOf(response, url);
    } catch (error) {
      throw toTransportError(error, { url, query: params.query, timeoutSeconds });
    }
  }

  /** Closes the pooled connections; queries made afterwards fail with a PrometheusConnectionError. */
  async close(): Promise<void> {
    await this.#agent.destroy();
  }
}
