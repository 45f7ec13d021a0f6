import { findErrorReason, isTlsFailure } from '@kitty-collect/prometheus-client-base';
import { isHTTPError, type RetryOptions } from 'ky';

/** Gateway statuses: a proxy or Prometheus itself briefly unable to answer. */
const RETRIED_STATUSES = [502, 503, 504];

/**
 * Prometheus answers 503 with `errorType: timeout` when a query exceeds its
 * evaluation timeout. Sending the same query again would only repeat that
 * load, so that one 503 is final.
 */
async function isEvaluationTimeout(response: Response): Promise<boolean> {
  try {
    const body: unknown = JSON.parse(await response.clone().text());
    return typeof body === 'object' && body !== null && 'errorType' in body && body.errorType === 'timeout';
  } catch {
    return false;
  }
}

/**
 * GET is retried on network errors (fetch rejects with a TypeError) and on
 * 502/503/504; never on 4xx, other 5xx, the client's own timeout, an abort,
 * or a certificate failure.
 */
export function retryOptions(retries: number, timeoutMs: number): RetryOptions {
  return {
    limit: retries,
    methods: ['get'],
    statusCodes: RETRIED_STATUSES,
    afterStatusCodes: [503],
    // A Retry-After longer than one attempt is not worth waiting for.
    maxRetryAfter: timeoutMs,
    backoffLimit: 10_000,
    retryOnTimeout: false,
    shouldRetry: async ({ error }) => {
      if (isHTTPError(error)) {
        if (!RETRIED_STATUSES.includes(error.response.status)) return false;
        if (await isEvaluationTimeout(error.response)) return false;
        // Let ky decide the delay, honouring Retry-After.
        return undefined;
      }
      return error instanceof TypeError && !isTlsFailure(findErrorReason(error).code);
    },
  };
}
