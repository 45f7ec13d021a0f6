import {
  PrometheusClientBase,
  type RawPrometheusResponse,
  type TransportOptions,
  toRawResponse,
  toTransportError,
} from '@kitty-collect/prometheus-client-base';
import ky, { isHTTPError, type KyInstance } from 'ky';
import type { Agent } from 'undici';
import { normalizeClientOptions } from './options/normalize.js';
import type { PrometheusClientOptions } from './options/schema.js';
import { basicAuthorization } from './transport/basic-auth.js';
import { createDispatcher } from './transport/dispatcher.js';
import { createFetch } from './transport/fetch.js';
import { retryOptions } from './transport/retry.js';

/**
 * The Prometheus HTTP API, reached directly: basic auth, TLS options,
 * keep-alive connections and retries. Call `close()` when done with it.
 */
export class PrometheusClient extends PrometheusClientBase {
  /** API base, without trailing slash and without credentials. */
  readonly url: string;
  // Private fields, so util.inspect and JSON.stringify never show them: the
  // Authorization header lives only inside the fetch that ky holds.
  readonly #agent: Agent;
  readonly #http: KyInstance;
  readonly #timeoutSeconds: number;

  constructor(options: PrometheusClientOptions) {
    super();
    const normalized = normalizeClientOptions(options);
    this.url = normalized.url;
    this.#timeoutSeconds = normalized.timeoutSeconds;
    this.#agent = createDispatcher(normalized);
    const timeoutMs = Math.round(normalized.timeoutSeconds * 1000);
    this.#http = ky.create({
      timeout: timeoutMs,
      retry: retryOptions(normalized.retries, timeoutMs),
      throwHttpErrors: true,
      headers: { accept: 'application/json' },
      fetch: createFetch({
        dispatcher: this.#agent,
        authorization:
          normalized.credentials === undefined
            ? undefined
            : basicAuthorization(normalized.credentials.username, normalized.credentials.password),
        compression: normalized.compression,
      }),
    });
  }

  protected override async get(
    endpoint: string,
    params: Record<string, string>,
    options: TransportOptions,
  ): Promise<RawPrometheusResponse> {
    const url = `${this.url}/${endpoint}`;
    try {
      const response = await this.#http.get(url, { searchParams: params, signal: options.signal });
      return await toRawResponse(response, url);
    } catch (error) {
      // ky throws on non-2xx so that it can retry them; the last one is still an answer to interpret.
      if (isHTTPError(error)) return toRawResponse(error.response, url);
      throw toTransportError(error, { url, query: params.query, timeoutSeconds: this.#timeoutSeconds });
    }
  }

  /** Closes the pooled connections; queries made afterwards fail with a PrometheusConnectionError. */
  async close(): Promise<void> {
    await this.#agent.destroy();
  }
}
