import { redactUrl } from '@kitty-collect/http-request';
import { describeSubject } from '../request-subject.js';
import {
  PrometheusConnectionError,
  type PrometheusConnectionErrorDetails,
} from './prometheus-connection-error.js';

export interface PrometheusTimeoutErrorDetails extends PrometheusConnectionErrorDetails {
  /** The per-attempt client timeout that ran out, in seconds. */
  timeoutSeconds: number;
}

/**
 * The client gave up waiting for a response. It extends
 * PrometheusConnectionError because, for the caller, both mean the same thing:
 * no complete answer arrived and the query may be tried again later; one
 * `instanceof PrometheusConnectionError` covers both. Prometheus' own
 * evaluation timeout (`errorType: timeout`) is a response, hence a
 * PrometheusResponseError, not this.
 */
export class PrometheusTimeoutError extends PrometheusConnectionError {
  override name = 'PrometheusTimeoutError';
  readonly timeoutSeconds: number;

  constructor(details: PrometheusTimeoutErrorDetails) {
    super(
      { ...details, code: details.code ?? 'ETIMEDOUT' },
      `Prometheus at ${redactUrl(details.url)} did not respond within ${details.timeoutSeconds} s${describeSubject(details)}`,
    );
    this.timeoutSeconds = details.timeoutSeconds;
  }
}
