import type { HttpResponse } from '@kitty-collect/http-request';
import { KeystoneAuthError, type Session } from '@kitty-collect/keystone-auth';
import {
  type ErrorDescription,
  encodeQueryParams,
  isEvaluationTimeout,
  PrometheusClientBase,
  PrometheusError,
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

/**
 * The Prometheus query API through Aetos: the endpoint comes from the Keystone catalog
 * (`metric-storage`), each request carries the session's token, and a 401 re-authenticates once.
 */
export class AetosClient extends PrometheusClientBase {
  readonly session: Session;
  readonly #options: NormalizedAetosClientOptions;
  #endpoint: Promise<string> | undefined;

  constructor(session: Session, options: AetosClientOptions = {}) {
    super();
    this.session = session;
    this.#options = normalizeAetosClientOptions(options);
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
