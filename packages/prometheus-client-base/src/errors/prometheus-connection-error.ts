import { redactUrl } from '@kitty-collect/http-request';
import { PrometheusError } from './prometheus-error.js';

export interface PrometheusConnectionErrorDetails {
  /** Endpoint URL; redacted by the constructor (no userinfo, query string or fragment). */
  url: string;
  /** System or library error code of the cause (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`, …). */
  code?: string;
  /** Short human description of the cause. */
  detail?: string;
  query?: string;
  cause?: unknown;
}

/** No usable response arrived: refused, DNS failure, reset, TLS failure. */
export class PrometheusConnectionError extends PrometheusError {
  override name = 'PrometheusConnectionError';
  readonly url: string;
  readonly code: string | undefined;
  readonly query: string | undefined;

  constructor(details: PrometheusConnectionErrorDetails, message?: string) {
    const url = redactUrl(details.url);
    super(
      message ?? PrometheusConnectionError.#describe({ ...details, url }),
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.url = url;
    this.code = details.code;
    this.query = details.query;
  }

  static #describe({ url, code, detail, query }: PrometheusConnectionErrorDetails): string {
    const reason = [code, detail].filter((part) => part !== undefined && part !== '').join(': ');
    const forQuery = query === undefined ? '' : ` for query '${query}'`;
    return `Cannot get a response from Prometheus at ${url}${reason === '' ? '' : ` (${reason})`}${forQuery}`;
  }
}
