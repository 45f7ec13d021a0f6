import { KeystoneAuthError, type Session } from '@kitty-collect/keystone-auth';
import {
  type ErrorDescription,
  PrometheusClientBase,
  PrometheusError,
  type RawPrometheusResponse,
  type ResponseBody,
  type TransportOptions,
  toRawResponse,
  toTransportError,
} from '@kitty-collect/prometheus-client-base';
import type { KyInstance } from 'ky';
import { describeAetosErrorBody } from './describe-aetos-error.js';
import { AetosAuthenticationError } from './errors/AetosAuthenticationError.js';
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
  #api: Promise<{ http: KyInstance; endpoint: string }> | undefined;

  constructor(session: Session, options: AetosClientOptions = {}) {
    super();
    this.session = session;
    this.#options = normalizeAetosClientOptions(options);
  }

  /** The Aetos endpoint from the catalog (or `endpointOverride`), e.g. `http://host/prometheus`. */
  async getEndpoint(): Promise<string> {
    return (await this.#client()).endpoint;
  }

  protected override async get(
    endpoint: string,
    params: Record<string, string>,
    options: TransportOptions,
  ): Promise<RawPrometheusResponse> {
    if (endpoint !== PrometheusClientBase.INSTANT_QUERY_ENDPOINT) {
      throw new PrometheusError(`Aetos only offers instant queries (/api/v1/query), not /api/v1/${endpoint}`);
    }
    const { http, endpoint: base } = await this.#client(params.query);
    const url = `${base.replace(/\/+$/, '')}/api/v1/${endpoint}`;
    try {
      const response = await http.get(`api/v1/${endpoint}`, {
        searchParams: params,
        signal: options.signal,
        throwHttpErrors: false,
        headers: { accept: 'application/json' },
      });
      return await toRawResponse(response, url);
    } catch (error) {
      if (error instanceof KeystoneAuthError) throw this.#authenticationError(error, params.query);
      throw toTransportError(error, { url, query: params.query, timeoutSeconds: this.#options.timeout });
    }
  }

  protected override describeErrorBody(status: number, body: ResponseBody): ErrorDescription {
    return describeAetosErrorBody(status, body);
  }

  #client(query?: string): Promise<{ http: KyInstance; endpoint: string }> {
    if (this.#api === undefined) {
      const { interface: iface, regionName, serviceType, endpointOverride, timeout, retries } = this.#options;
      const adapter = { serviceType, interface: iface, regionName, endpointOverride };
      this.#api = (async () => ({
        endpoint: await this.session.getEndpoint(adapter),
        http: await this.session.client({ ...adapter, timeout, retries }),
      }))();
      // A failed lookup (Keystone down, no endpoint) must not be cached.
      this.#api.catch(() => {
        this.#api = undefined;
      });
    }
    return this.#api.catch((error: unknown) => {
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
