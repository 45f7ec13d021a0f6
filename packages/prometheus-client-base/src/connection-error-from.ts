import { RequestTimeoutError, type TransportError } from '@kitty-collect/http-request';
import { PrometheusConnectionError } from './errors/prometheus-connection-error.js';
import { PrometheusTimeoutError } from './errors/prometheus-timeout-error.js';
import type { RequestSubject } from './request-subject.js';

/**
 * A request that got no response, in Prometheus' words: the transport's own deadline is a
 * PrometheusTimeoutError, anything else (refused, DNS, TLS, reset, closed, undecodable) a
 * PrometheusConnectionError. The TransportError stays as `cause`; its URL is already redacted.
 */
export function connectionErrorFrom(
  error: TransportError,
  subject: RequestSubject,
): PrometheusConnectionError {
  if (error instanceof RequestTimeoutError) {
    return new PrometheusTimeoutError({
      url: error.url,
      ...subject,
      timeoutSeconds: error.timeoutMs / 1000,
      cause: error,
    });
  }
  return new PrometheusConnectionError({
    url: error.url,
    code: error.code,
    detail: error.detail,
    ...subject,
    cause: error,
  });
}
