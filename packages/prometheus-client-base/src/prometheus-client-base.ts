import { type HttpResponse, TransportError } from '@kitty-collect/http-request';
import type { z } from 'zod';
import { connectionErrorFrom } from './connection-error-from.js';
import { PrometheusAbortError } from './errors/prometheus-abort-error.js';
import { PrometheusError } from './errors/prometheus-error.js';
import {
  type InstantQueryOptions,
  instantQueryOptionsSchema,
  type NormalizedInstantQuery,
  type NormalizedRangeQuery,
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

/** What the base passes to `get` besides the endpoint and its parameters. */
export interface TransportOptions {
  signal?: AbortSignal;
}

/**
 * The Prometheus HTTP API minus the transport. Subclasses only say how one GET reaches the server (which
 * URL, which headers, which connection pool), usually with `@kitty-collect/http-request`; parsing,
 * validation and error mapping live here, so every client reports failures the same way. A request
 * flows one way: getInstant → `get` (the subclass) → the transport, and its answer back to the base.
 */
export abstract class PrometheusClientBase {
  static readonly INSTANT_QUERY_ENDPOINT = 'query';
  static readonly RANGE_QUERY_ENDPOINT = 'query_range';

  /**
   * One GET of `<api base>/<endpoint>?<params>`. Resolve with any response that arrived, whatever its
   * status (`HttpResponse.url` is the URL requested; the base redacts it). When none did, reject with
   * the transport's TransportError (or RequestTimeoutError), which the base turns into a
   * PrometheusConnectionError (PrometheusTimeoutError), or with a PrometheusError of the subclass's own.
   */
  protected abstract get(
    endpoint: string,
    params: Record<string, string>,
    options: TransportOptions,
  ): Promise<HttpResponse>;

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
    return this.#call(PrometheusClientBase.INSTANT_QUERY_ENDPOINT, normalized, successResponseSchema);
  }

  /** Range query: the validated matrix. */
  async getRange(query: string, options: RangeQueryOptions): Promise<MatrixData> {
    return (await this.getRangeResponse(query, options)).data;
  }

  /** Range query: the whole validated answer, with `warnings` and `infos`. */
  async getRangeResponse(query: string, options: RangeQueryOptions): Promise<PrometheusRangeResponse> {
    const normalized = parseQueryOptions(rangeQueryOptionsSchema, { ...options, query });
    return this.#call(PrometheusClientBase.RANGE_QUERY_ENDPOINT, normalized, rangeSuccessResponseSchema);
  }

  /**
   * `errorType` and `error` for a body that is not a success answer (any
   * status). Override for servers with other error shapes (e.g. a proxy's own
   * JSON errors), falling back to `super.describeErrorBody` for the rest.
   */
  protected describeErrorBody(_status: number, body: ResponseBody): ErrorDescription {
    return describePrometheusErrorBody(body);
  }

  /** One API call with validated options: the answer, checked against `schema`, or a PrometheusError. */
  async #call<Schema extends z.ZodType>(
    endpoint: string,
    normalized: NormalizedInstantQuery | NormalizedRangeQuery,
    schema: Schema,
  ): Promise<z.output<Schema>> {
    const { query, signal } = normalized;
    const response = await this.#fetch(endpoint, toSearchParams(normalized), query, signal);
    return interpretResponse(response, {
      schema,
      query,
      describeErrorBody: this.describeErrorBody.bind(this),
    });
  }

  async #fetch(
    endpoint: string,
    params: Record<string, string>,
    query: string,
    signal: AbortSignal | undefined,
  ): Promise<HttpResponse> {
    try {
      signal?.throwIfAborted();
      return await this.get(endpoint, params, signal === undefined ? {} : { signal });
    } catch (error) {
      // Whatever the transport made of it, an abort is the caller's doing.
      if (signal?.aborted === true) throw new PrometheusAbortError({ query, cause: signal.reason });
      if (error instanceof PrometheusError) throw error;
      if (error instanceof TransportError) throw connectionErrorFrom(error, query);
      // A transport broke its contract; still never let a foreign error out.
      const reason = error instanceof Error ? error.message : String(error);
      throw new PrometheusError(`Prometheus request failed for query '${query}': ${reason}`, {
        cause: error,
      });
    }
  }
}
