import {
  createDispatcher,
  type Dispatcher,
  type HttpResponse,
  sendRequest,
  withRetries,
} from '@kitty-collect/http-request';
import {
  encodeQueryParams,
  isEvaluationTimeout,
  PrometheusClientBase,
  type QueryParams,
  type TransportOptions,
} from '@kitty-collect/prometheus-client-base';
import { type NormalizedClientOptions, normalizeClientOptions } from './options/normalize.js';
import type { PrometheusClientOptions } from './options/schema.js';
import { basicAuthorization } from './transport/basic-auth.js';

/**
 * The Prometheus HTTP API, reached directly: basic auth, TLS options,
 * keep-alive connections and retries. Call `close()` when done with it.
 */
export class PrometheusClient extends PrometheusClientBase {
  /** API base, without trailing slash and without credentials. */
  readonly url: string;
  // Private fields, so util.inspect and JSON.stringify never show them (the headers carry the credentials).
  readonly #dispatcher: Dispatcher;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #options: NormalizedClientOptions;

  constructor(options: PrometheusClientOptions) {
    super();
    this.#options = normalizeClientOptions(options);
    this.url = this.#options.url;
    const { credentials, compression, maxConnections, ca, rejectUnauthorized } = this.#options;
    this.#dispatcher = createDispatcher({ connections: maxConnections, tls: { ca, rejectUnauthorized } });
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
   * One GET, retried after a network error or a 502/503/504 other than Prometheus' evaluation timeout
   * (with backoff, or the wait a 503's `Retry-After` asks for, up to one timeout); the last answer is
   * returned whatever its status.
   */
  protected override get(
    endpoint: string,
    params: QueryParams,
    { signal }: TransportOptions,
  ): Promise<HttpResponse> {
    const target = `${this.url}/${endpoint}?${encodeQueryParams(params)}`;
    const timeoutMs = Math.round(this.#options.timeoutSeconds * 1000);
    const send = () =>
      sendRequest(target, { dispatcher: this.#dispatcher, headers: this.#headers, timeoutMs, signal });
    return withRetries(send, {
      retries: this.#options.retries,
      maxRetryAfterMs: timeoutMs,
      signal,
      isFinalResponse: isEvaluationTimeout,
    });
  }

  /** Closes the pooled connections; queries made afterwards fail with a PrometheusConnectionError. */
  async close(): Promise<void> {
    await this.#dispatcher.destroy();
  }
}
