import { PrometheusAbortError } from './errors/PrometheusAbortError.js';
import { PrometheusError } from './errors/PrometheusError.js';
import {
  type InstantQueryOptions,
  instantQueryOptionsSchema,
  type RangeQueryOptions,
  rangeQueryOptionsSchema,
} from './query/options.js';
import { toSearchParams } from './query/params.js';
import { parseQueryOptions } from './query/parse-options.js';
import type { ResponseBody } from './response/body.js';
import { describePrometheusErrorBody, type ErrorDescription } from './response/describe-error-body.js';
import { interpretResponse } from './response/interpret.js';
import { type PrometheusSuccessResponse, successResponseSchema } from './schemas/envelope.js';
import { type PrometheusRangeResponse, rangeSuccessResponseSchema } from './schemas/range.js';
import type { MatrixData, QueryData } from './schemas/result.js';
import type { RawPrometheusResponse, TransportOptions } from './transport/raw-response.js';

/**
 * The Prometheus HTTP API minus the transport. Subclasses only move bytes
 * (HTTP, auth, TLS, retries) in `get`; parsing, validation and error mapping
 * live here so every transport reports failures the same way.
 */
export abstract class PrometheusClientBase {
  static readonly INSTANT_QUERY_ENDPOINT = 'query';
  static readonly RANGE_QUERY_ENDPOINT = 'query_range';

  /**
   * One GET of `<api base>/<endpoint>?<params>`. Resolve with any response that
   * arrived, whatever its status; reject only with a PrometheusError subclass
   * (PrometheusConnectionError, PrometheusTimeoutError) when none did.
   */
  protected abstract get(
    endpoint: string,
    params: Record<string, string>,
    options: TransportOptions,
  ): Promise<RawPrometheusResponse>;

  /** Instant query: the validated `data` of the answer. */
  async getInstant(query: string, options: InstantQueryOptions = {}): Promise<QueryData> {
    return (await this.getInstantResponse(query, options)).data;
  }

  /** Instant query: the whole validated answer, with `warnings` and `infos`. */
  async getInstantResponse(
    query: string,
    options: InstantQueryOptions = {},
  ): Promise<PrometheusSuccessResponse> {
    const normalized = parseQueryOptions(instantQueryOptionsSchema, { ...options, query });
    const raw = await this.#fetch(
      PrometheusClientBase.INSTANT_QUERY_ENDPOINT,
      toSearchParams(normalized),
      query,
      normalized.signal,
    );
    return interpretResponse(raw, this.#interpretContext(successResponseSchema, query));
  }

  /** Range query: the validated matrix. */
  async getRange(query: string, options: RangeQueryOptions): Promise<MatrixData> {
    return (await this.getRangeResponse(query, options)).data;
  }

  /** Range query: the whole validated answer, with `warnings` and `infos`. */
  async getRangeResponse(query: string, options: RangeQueryOptions): Promise<PrometheusRangeResponse> {
    const normalized = parseQueryOptions(rangeQueryOptionsSchema, { ...options, query });
    const raw = await this.#fetch(
      PrometheusClientBase.RANGE_QUERY_ENDPOINT,
      toSearchParams(normalized),
      query,
      normalized.signal,
    );
    return interpretResponse(raw, this.#interpretContext(rangeSuccessResponseSchema, query));
  }

  /**
   * `errorType` and `error` for a body that is not a success answer (any
   * status). Override for servers with other error shapes (e.g. a proxy's own
   * JSON errors), falling back to `super.describeErrorBody` for the rest.
   */
  protected describeErrorBody(_status: number, body: ResponseBody): ErrorDescription {
    return describePrometheusErrorBody(body);
  }

  #interpretContext<Schema extends typeof successResponseSchema | typeof rangeSuccessResponseSchema>(
    schema: Schema,
    query: string,
  ) {
    return { schema, query, describeErrorBody: this.describeErrorBody.bind(this) };
  }

  async #fetch(
    endpoint: string,
    params: Record<string, string>,
    query: string,
    signal: AbortSignal | undefined,
  ): Promise<RawPrometheusResponse> {
    try {
      signal?.throwIfAborted();
      return await this.get(endpoint, params, signal === undefined ? {} : { signal });
    } catch (error) {
      // Whatever the transport made of it, an abort is the caller's doing.
      if (signal?.aborted === true) throw new PrometheusAbortError({ query, cause: signal.reason });
      if (error instanceof PrometheusError) throw error;
      // A transport broke its contract; still never let a foreign error out.
      const reason = error instanceof Error ? error.message : String(error);
      throw new PrometheusError(`Prometheus request failed for query '${query}': ${reason}`, {
        cause: error,
      });
    }
  }
}
