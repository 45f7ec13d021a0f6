import { delay } from './delay.js';
import { TransportError, type TransportFailureKind } from './errors/transport-error.js';
import { failureKindOf, findErrorReason } from './failure.js';
import type { HttpResponse } from './send-request.js';

/** What the retry rules look at in a response. */
export type RetriedResponse = Pick<HttpResponse, 'status' | 'body' | 'header'>;

/** Gateway statuses: a proxy or the server itself briefly unable to answer. */
const RETRIED_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/**
 * Failures the same request may not meet again. Not the request's own timeout (sending it again would
 * only double the wait and the load), TLS failures, a closed pool, an unsendable request, an encoding
 * that cannot be undone.
 */
const RETRIED_KINDS: ReadonlySet<TransportFailureKind> = new Set(['refused', 'dns', 'reset', 'network']);

const BACKOFF_FIRST_MS = 300;
const BACKOFF_LIMIT_MS = 10_000;

/**
 * Worth another attempt: a network failure (refused, reset, DNS), recognised by the TransportError's kind
 * or, for an error from elsewhere, by its code. An error without a code is not (it is no network failure
 * we know of), nor is an abort.
 */
export function isRetriedError(error: unknown): boolean {
  if (error instanceof TransportError) return RETRIED_KINDS.has(error.kind);
  const { code } = findErrorReason(error);
  return code !== undefined && RETRIED_KINDS.has(failureKindOf(code));
}

/** A 502/503/504 is worth another attempt, unless `isFinal` says the server meant it (see RetryOptions). */
export function isRetriedResponse(
  response: RetriedResponse,
  isFinal: (response: RetriedResponse) => boolean = () => false,
): boolean {
  return RETRIED_STATUSES.has(response.status) && !isFinal(response);
}

/** Exponential backoff before retry number `retry` (1, 2, …): 0.3 s, 0.6 s, 1.2 s, … at most 10 s. */
export function backoffMs(retry: number): number {
  return Math.min(BACKOFF_LIMIT_MS, BACKOFF_FIRST_MS * 2 ** (retry - 1));
}

/**
 * The wait a 503 asks for with `Retry-After` (seconds or an HTTP date), at most `maxMs`; `undefined`
 * without a usable header, or for another status.
 */
export function retryAfterMs(response: RetriedResponse, maxMs: number, now = Date.now()): number | undefined {
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
  /**
   * A 502/503/504 that must not be sent again, e.g. Prometheus' own evaluation timeout (503 with
   * `errorType: timeout`): the same query would only repeat that load.
   */
  isFinalResponse?: ((response: RetriedResponse) => boolean) | undefined;
}

/**
 * `send` again after a network failure or a 502/503/504, waiting the backoff or what a 503's `Retry-After`
 * asks for, at most `retries` times. The last response is returned whatever its status; the last error
 * is thrown as it is; an abort stops at once, the wait included.
 */
export async function withRetries<Response extends RetriedResponse>(
  send: () => Promise<Response>,
  { retries, maxRetryAfterMs, signal, isFinalResponse }: RetryOptions,
): Promise<Response> {
  for (let retry = 1; ; retry += 1) {
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      if (signal?.aborted === true || retry > retries || !isRetriedError(error)) throw error;
      await delay(backoffMs(retry), signal);
      continue;
    }
    if (retry > retries || !isRetriedResponse(response, isFinalResponse)) return response;
    await delay(retryAfterMs(response, maxRetryAfterMs) ?? backoffMs(retry), signal);
  }
}
