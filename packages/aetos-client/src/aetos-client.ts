import type { HttpResponse } from '@kitty-collect/http-request';
import { KeystoneAuthError, type Session } from '@kitty-collect/keystone-auth';
import {
  durationSeconds,
  type ErrorDescription,
  encodeQueryParams,
  evaluationInstant,
  type InstantQueryOptions,
  isEvaluationTimeout,
  PrometheusAbortError,
  PrometheusClientBase,
  PrometheusError,
  type PrometheusSuccessResponse,
  PrometheusTimeoutError,
  pinQueryAt,
  type QueryParams,
  type ResponseBody,
  type TransportOptions,
} from '@kitty-collect/prometheus-client-base';
import { describeAetosErrorBody } from './describe-aetos-error.js';
import { AetosAuthenticationError } from './errors/aetos-authentication-error.js';
import {
  type AetosClientOptions,
  type NormalizedAetosClientOptions,
  normalizeAetosClientOptions,
} from './options.js';
import { atEvaluationTime, isUnknownTimeArgument } from './time-parameter.js';

/**
 * The Prometheus query API through Aetos: the endpoint comes from the Keystone catalog
 * (`metric-storage`), each request carries the session's token, and a 401 re-authenticates once. Aetos
 * 1.0 takes no `time` parameter: queries are then pinned with `@` (see `timeParameter`).
 */
export class AetosClient extends PrometheusClientBase {
  readonly session: Session;
  readonly #options: NormalizedAetosClientOptions;
  #endpoint: Promise<string> | undefined;
  /** Whether instant queries are pinned with `@` rather than sent with `time`/`timeout`. */
  #pinning: boolean;

  constructor(session: Session, options: AetosClientOptions = {}) {
    super();
    this.session = session;
    this.#options = normalizeAetosClientOptions(options);
    this.#pinning = this.#options.timeParameter === 'at-modifier';
  }

  /** How instant queries carry their time now: `query` parameters, or `at-modifier` (after a switch too). */
  get timeParameter(): 'query' | 'at-modifier' {
    return this.#pinning ? 'at-modifier' : 'query';
  }

  /**
   * An instant query, with `time` and `timeout` as parameters or — for Aetos 1.0, which refuses them —
   * as `@ <time>` on every selector and subquery and a client-side deadline; the answer is the same
   * (instant vectors carry the evaluation time either way).
   */
  override async getInstantResponse(
    query: string,
    options: InstantQueryOptions = {},
  ): Promise<PrometheusSuccessResponse> {
    if (this.#pinning) return this.#getPinned(query, options);
    try {
      return await super.getInstantResponse(query, options);
    } catch (error) {
      if (this.#options.timeParameter !== 'auto' || !isUnknownTimeArgument(error)) throw error;
      if (!this.#pinning) {
        this.#pinning = true;
        this.#options.logger?.info(
          { serviceType: this.#options.serviceType, timeParameter: 'at-modifier' },
          'Aetos refuses the time parameter (Aetos 1.0): pinning queries with @ from now on',
        );
      }
      return this.#getPinned(query, options);
    }
  }

  async #getPinned(query: string, options: InstantQueryOptions): Promise<PrometheusSuccessResponse> {
    const { time, timeout, signal } = options;
    const at = time === undefined ? undefined : evaluationInstant(time);
    const pinned = at === undefined ? query : pinQueryAt(query, at);
    const seconds = timeout === undefined ? undefined : durationSeconds(timeout);
    const deadline = new AbortController();
    const timer = seconds === undefined ? undefined : setTimeout(() => deadline.abort(), seconds * 1000);
    const signals = [signal, seconds === undefined ? undefined : deadline.signal].filter(
      (candidate) => candidate !== undefined,
    );
    try {
      const response = await super.getInstantResponse(
        pinned,
        signals.length === 0 ? {} : { signal: signals.length === 1 ? signals[0] : AbortSignal.any(signals) },
      );
      return at === undefined ? response : atEvaluationTime(response, at);
    } catch (error) {
      if (
        seconds !== undefined &&
        error instanceof PrometheusAbortError &&
        deadline.signal.aborted &&
        signal?.aborted !== true
      ) {
        throw new PrometheusTimeoutError({
          url: `${(await this.#lookUpEndpoint(query)).replace(/\/+$/, '')}/api/v1/query`,
          timeoutSeconds: seconds,
          detail: 'the query timeout, kept by the client since Aetos takes no timeout parameter',
          query: pinned,
          cause: error,
        });
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The Aetos endpoint from the catalog (or `endpointOverride`), e.g. `http://host/prometheus`. */
  getEndpoint(): Promise<string> {
    return this.#lookUpEndpoint();
  }

  /**
   * One GET through the session (token, re-authentication on 401), retried after a network failure or a
   * 502/503/504 other than Prometheus' evaluation timeout that Aetos passes on.
   */
  protected override async get(
    endpoint: string,
    params: QueryParams,
    { signal }: TransportOptions,
  ): Promise<HttpResponse> {
    if (endpoint === PrometheusClientBase.RANGE_QUERY_ENDPOINT) {
      throw new PrometheusError(`Aetos only offers instant queries (/api/v1/query), not /api/v1/${endpoint}`);
    }
    const query = typeof params.query === 'string' ? params.query : undefined;
    const base = await this.#lookUpEndpoint(query);
    const target = `${base.replace(/\/+$/, '')}/api/v1/${endpoint}?${encodeQueryParams(params)}`;
    const { timeout, retries } = this.#options;
    try {
      return await this.session.request(target, {
        // Asked for nothing else, a proxy in front of Aetos answers uncompressed.
        headers: { accept: 'application/json', 'accept-encoding': 'identity' },
        timeout,
        signal,
        retry: { retries, isFinalResponse: isEvaluationTimeout },
      });
    } catch (error) {
      // A token that cannot be renewed: Keystone's error, told as Aetos'.
      if (error instanceof KeystoneAuthError) throw this.#authenticationError(error, query);
      throw error;
    }
  }

  protected override describeErrorBody(status: number, body: ResponseBody): ErrorDescription {
    return describeAetosErrorBody(status, body);
  }

  /** The endpoint, looked up once; a failed lookup (Keystone down, no endpoint) is not kept. */
  #lookUpEndpoint(query?: string): Promise<string> {
    if (this.#endpoint === undefined) {
      const { interface: iface, regionName, serviceType, endpointOverride } = this.#options;
      this.#endpoint = this.session.getEndpoint({
        serviceType,
        interface: iface,
        regionName,
        endpointOverride,
      });
      this.#endpoint.catch(() => {
        this.#endpoint = undefined;
      });
    }
    return this.#endpoint.catch((error: unknown) => {
      throw error instanceof KeystoneAuthError ? this.#authenticationError(error, query) : error;
    });
  }

  #authenticationError(error: KeystoneAuthError, query: string | undefined): AetosAuthenticationError {
    return new AetosAuthenticationError(
      `Cannot reach Aetos (${this.#options.serviceType}): ${error.message}`,
      {
        query,
        cause: error,
      },
    );
  }
}
