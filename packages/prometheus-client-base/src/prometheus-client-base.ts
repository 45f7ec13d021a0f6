import { type HttpResponse, TransportError } from '@kitty-collect/http-request';
import type { z } from 'zod';
import { connectionErrorFrom } from './connection-error-from.js';
import { PrometheusAbortError } from './errors/prometheus-abort-error.js';
import { PrometheusError } from './errors/prometheus-error.js';
import {
  type LabelOptions,
  labelNamesOptionsSchema,
  labelValuesOptionsSchema,
  type SeriesOptions,
  seriesOptionsSchema,
} from './query/metadata-options.js';
import {
  type InstantQueryOptions,
  instantQueryOptionsSchema,
  type RangeQueryOptions,
  rangeQueryOptionsSchema,
} from './query/options.js';
import { type QueryParams, toSearchParams } from './query/params.js';
import { parseQueryOptions } from './query/parse-options.js';
import { describeSubject, type RequestSubject } from './request-subject.js';
import type { ResponseBody } from './response/body.js';
import { describePrometheusErrorBody, type ErrorDescription } from './response/describe-error-body.js';
import { interpretResponse } from './response/interpret.js';
import { type PrometheusSuccessResponse, successResponseSchema } from './schemas/envelope.js';
import { labelListResponseSchema, seriesResponseSchema } from './schemas/metadata.js';
import { type PrometheusRangeResponse, rangeSuccessResponseSchema } from './schemas/range.js';
import type { Labels, MatrixData, QueryData } from './schemas/result.js';

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
  static readonly SERIES_ENDPOINT = 'series';
  static readonly LABELS_ENDPOINT = 'labels';

  /** `label/<name>/values`, the name percent-encoded. */
  static labelValuesEndpoint(name: string): string {
    return `label/${encodeURIComponent(name)}/values`;
  }

  /**
   * One GET of `<api base>/<endpoint>?<params>` (`encodeQueryParams(params)`: a list value, `match[]`, is
   * one parameter per item). Resolve with any response that arrived, whatever its
   * status (`HttpResponse.url` is the URL requested; the base redacts it). When none did, reject with
   * the transport's TransportError (or RequestTimeoutError), which the base turns into a
   * PrometheusConnectionError (PrometheusTimeoutError), or with a PrometheusError of the subclass's own.
   */
  protected abstract get(
    endpoint: string,
    params: QueryParams,
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

  /** The label sets of the series matching any of the selectors (`GET series`; at least one selector). */
  async getSeries(match: readonly string[], options: SeriesOptions = {}): Promise<Labels[]> {
    const normalized = parseQueryOptions(seriesOptionsSchema, { ...options, match });
    const endpoint = PrometheusClientBase.SERIES_ENDPOINT;
    return (await this.#call(endpoint, normalized, seriesResponseSchema)).data;
  }

  /** Label names, of the series matching `match` when given (`GET labels`). */
  async getLabelNames(options: LabelOptions = {}): Promise<string[]> {
    const normalized = parseQueryOptions(labelNamesOptionsSchema, options);
    const endpoint = PrometheusClientBase.LABELS_ENDPOINT;
    return (await this.#call(endpoint, normalized, labelListResponseSchema)).data;
  }

  /** The values of one label (`__name__`: metric names), of the series matching `match` when given. */
  async getLabelValues(name: string, options: LabelOptions = {}): Promise<string[]> {
    const { name: label, ...normalized } = parseQueryOptions(labelValuesOptionsSchema, { ...options, name });
    const endpoint = PrometheusClientBase.labelValuesEndpoint(label);
    return (await this.#call(endpoint, normalized, labelListResponseSchema)).data;
  }

  /**
   * `errorType` and `error` for a body that is not a success answer (any
   * status). Override for servers with other error shapes (e.g. a proxy's own
   * JSON errors), falling back to `super.describeErrorBody` for the rest.
   */
  protected describeErrorBody(_status: number, body: ResponseBody): ErrorDescription {
    return describePrometheusErrorBody(body);
  }

  /**
   * One API call with validated options (all sent as parameters but the signal): the answer, checked
   * against `schema`, or a PrometheusError naming the query, or the selectors.
   */
  async #call<Schema extends z.ZodType>(
    endpoint: string,
    normalized: RequestSubject & { signal?: AbortSignal | undefined },
    schema: Schema,
  ): Promise<z.output<Schema>> {
    const subject: RequestSubject = { query: normalized.query, match: normalized.match };
    const response = await this.#fetch(endpoint, toSearchParams(normalized), subject, normalized.signal);
    return interpretResponse(response, {
      schema,
      ...subject,
      describeErrorBody: this.describeErrorBody.bind(this),
    });
  }

  async #fetch(
    endpoint: string,
    params: QueryParams,
    subject: RequestSubject,
    signal: AbortSignal | undefined,
  ): Promise<HttpResponse> {
    try {
      signal?.throwIfAborted();
      return await this.get(endpoint, params, signal === undefined ? {} : { signal });
    } catch (error) {
      // Whatever the transport made of it, an abort is the caller's doing.
      if (signal?.aborted === true) throw new PrometheusAbortError({ ...subject, cause: signal.reason });
      if (error instanceof PrometheusError) throw error;
      if (error instanceof TransportError) throw connectionErrorFrom(error, subject);
      // A transport broke its contract; still never let a foreign error out.
      const reason = error instanceof Error ? error.message : String(error);
      throw new PrometheusError(`Prometheus request failed${describeSubject(subject)}: ${reason}`, {
        cause: error,
      });
    }
  }
}
