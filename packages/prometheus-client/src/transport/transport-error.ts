import {
  PrometheusConnectionError,
  PrometheusError,
  PrometheusTimeoutError,
} from '@kitty-collect/prometheus-client-base';
import { isTimeoutError } from 'ky';
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
  if (isTimeoutError(error)) {
    return new PrometheusTimeoutError({ url, query, timeoutSeconds, cause: error });
  }
  const { code, detail } = findErrorReason(error);
  return new PrometheusConnectionError({ url, code, detail, query, cause: error });
}
