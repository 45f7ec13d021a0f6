import { redactUrl } from '@kitty-collect/http-request';
import { describeSubject, type RequestSubject } from '../request-subject.js';
import { PrometheusError } from './prometheus-error.js';

export interface PrometheusConnectionErrorDetails extends RequestSubject {
  /** Endpoint URL; redacted by the constructor (no userinfo, query string or fragment). */
  url: string;
  /** System or library error code of the cause (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`, …). */
  code?: string;
  /** Short human description of the cause. */
  detail?: string;
  cause?: unknown;
}

/** No usable response arrived: refused, DNS failure, reset, TLS failure. */
export class PrometheusConnectionError extends PrometheusError {
  override name = 'PrometheusConnectionError';
  readonly url: string;
  readonly code: string | undefined;
  readonly query: string | undefined;
  readonly match: readonly string[] | undefined;

  constructor(details: PrometheusConnectionErrorDetails, message?: string) {
    const url = redactUrl(details.url);
    super(
      message ?? PrometheusConnectionError.#describe({ ...details, url }),
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.url = url;
    this.code = details.code;
    this.query = details.query;
    this.match = details.match;
  }

  static #describe(details: PrometheusConnectionErrorDetails): string {
    const { url, code, detail } = details;
    const reason = [code, detail].filter((part) => part !== undefined && part !== '').join(': ');
    return `Cannot get a response from Prometheus at ${url}${reason === '' ? '' : ` (${reason})`}${describeSubject(details)}`;
  }
}
