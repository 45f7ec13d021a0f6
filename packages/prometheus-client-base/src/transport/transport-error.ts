import { PrometheusConnectionError } from '../errors/PrometheusConnectionError.js';
import { PrometheusError } from '../errors/PrometheusError.js';
import { PrometheusTimeoutError } from '../errors/PrometheusTimeoutError.js';
import { findErrorReason } from './error-reason.js';

export interface TransportErrorContext {
  url: string;
  query: string | undefined;
  timeoutSeconds: number;
}

/** Any failure without a response, as a PrometheusError; the original stays as `cause`. */
export function toTransportError(error: unknown, context: TransportErrorContext): PrometheusError {
  if (error instanceof PrometheusError) return error;
  const { url, query, timeoutSeconds } = context;
  // ky's TimeoutError and AbortSignal.timeout()'s DOMException share the name.
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new PrometheusTimeoutError({ url, query, timeoutSeconds, cause: error });
  }
  const { code, detail } = findErrorReason(error);
  return new PrometheusConnectionError({ url, code, detail, query, cause: error });
}
