import { redactUrl, redactUrlsInText } from '@kitty-collect/http-request';
import { describeSubject, type RequestSubject } from '../request-subject.js';
import { PrometheusError } from './prometheus-error.js';

export interface PrometheusResponseErrorDetails extends RequestSubject {
  /** HTTP status of the response. */
  status: number;
  /** Prometheus' `errorType` (`bad_data`, `execution`, …) or `invalid_response` when the body is not one. */
  errorType: string;
  /** What the server said; URLs it quotes are redacted by the constructor. */
  error: string;
  /** Endpoint URL; redacted by the constructor (no userinfo, query string or fragment). */
  url: string;
  requestId?: string;
  cause?: unknown;
}

/** A response arrived, and it is an error or not a usable Prometheus answer. */
export class PrometheusResponseError extends PrometheusError {
  override name = 'PrometheusResponseError';
  readonly status: number;
  readonly errorType: string;
  readonly error: string;
  readonly url: string;
  readonly query: string | undefined;
  readonly match: readonly string[] | undefined;
  readonly requestId: string | undefined;

  constructor(details: PrometheusResponseErrorDetails) {
    const url = redactUrl(details.url);
    const error = redactUrlsInText(details.error);
    const requestId = details.requestId === undefined ? '' : ` (request id ${details.requestId})`;
    super(
      `Prometheus query failed (HTTP ${details.status} ${details.errorType}: ${error})${describeSubject(details)} at ${url}${requestId}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.status = details.status;
    this.errorType = details.errorType;
    this.error = error;
    this.url = url;
    this.query = details.query;
    this.match = details.match;
    this.requestId = details.requestId;
  }
}
