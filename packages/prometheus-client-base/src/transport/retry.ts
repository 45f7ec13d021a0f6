import { delay } from './delay.js';
import { findErrorReason, isTlsFailure } from './error-reason.js';
import type { ReceivedResponse } from './raw-response-of.js';

/** Gateway statuses: a proxy or Prometheus itself briefly unable to answer. */
const RETRIED_STATUSES = new Set([502, 503, 504]);

/** Failures that the same request would meet again: the pool was closed, the request was malformed. */
const FINAL_ERROR_CODES = new Set([
  'UND_ERR_DESTROYED',
  'UND_ERR_CLOSED',
  'UND_ERR_INVALID_ARG',
  'ERR_INVALID_URL',
]);

const BACKOFF_FIRST_MS = 300;
const BACKOFF_LIMIT_MS = 10_000;

/**
 * Prometheus answers 503 with `errorType: timeout` when a query exceeds its evaluation timeout. Sending
 * the same query again would only repeat that load, so that one 503 is final.
 */
function isEvaluationTimeout(body: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body);
    return (
      typeof parsed === 'object' && parsed !== null && 'errorType' in parsed && parsed.errorType === 'timeout'
    );
  } catch {
    return false;
  }
}

/** A 502/503/504 is worth another attempt, except Prometheus' own evaluation timeout. */
export function isRetriedResponse(response: ReceivedResponse): boolean {
  return RETRIED_STATUSES.has(response.status) && !isEvaluationTimeout(response.body);
}

/**
 * Network failures (refused, reset, DNS) are worth another attempt; the client's own timeout, an abort,
 * a certificate failure and a closed client are not.
 */
export function isRetriedError(error: unknown): boolean {
  // By name: each transport has its own timeout error class (ky's, the DOM's, ours).
  if (!(error instanceof Error) || error.name === 'TimeoutError' || error.name === 'AbortError') return false;
  const { code } = findErrorReason(error);
  return !isTlsFailure(code) && !(code !== undefined && FINAL_ERROR_CODES.has(code));
}

/** Exponential backoff before retry number `retry` (1, 2, …): 0.3 s, 0.6 s, 1.2 s, … at most 10 s. */
export function backoffMs(retry: number): number {
  return Math.min(BACKOFF_LIMIT_MS, BACKOFF_FIRST_MS * 2 ** (retry - 1));
}

/**
 * The wait a 503 asks for with `Retry-After` (seconds or an HTTP date), at most `maxMs`; `undefined`
 * without a usable header, or for another status.
 */
export function retryAfterMs(
  response: ReceivedResponse,
  maxMs: number,
  now = Date.now(),
): number | undefined {
  const header = response.header('retry-after');
  if (response.status !== 503 || header === undefined || header.trim() === '') return undefined;
  const seconds = Number(header);
  const ms = Number.isNaN(seconds) ? Date.parse(header) - now : seconds * 1000;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(maxMs, Math.max(0, ms));
}

export interface RetryOptions {
  /** Attempts after the first. */
  retries: number;
  /** The longest `Retry-After` wait honoured (longer ones are cut to it): one attempt's timeout. */
  maxRetryAfterMs: number;
  signal?: AbortSignal | undefined;
}

/**
 * `send` again after a network error or a 502/503/504 (not Prometheus' evaluation timeout), waiting
 * the backoff or what a 503's `Retry-After` asks for, at most `retries` times. The last response is
 * returned whatever its status; the last error is thrown as it is; an abort stops the wait.
 */
export async function withRetries<Response extends ReceivedResponse>(
  send: () => Promise<Response>,
  { retries, maxRetryAfterMs, signal }: RetryOptions,
): Promise<Response> {
  for (let retry = 1; ; retry += 1) {
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      if (retry > retries || !isRetriedError(error)) throw error;
      await delay(backoffMs(retry), signal);
      continue;
    }
    if (retry > retries || !isRetriedResponse(response)) return response;
    await delay(retryAfterMs(response, maxRetryAfterMs) ?? backoffMs(retry), signal);
  }
}
