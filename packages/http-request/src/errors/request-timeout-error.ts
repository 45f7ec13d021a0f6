import { TransportError } from './transport-error.js';

/**
 * A request took longer than its deadline (response body included). The one error class whose `name` is
 * not its class name: it is `TimeoutError`, as the DOM's (`AbortSignal.timeout()`), so code written for
 * fetch recognises it too. Code of this repository recognises it by class, never by name.
 */
export class RequestTimeoutError extends TransportError {
  override name = 'TimeoutError';
  readonly timeoutMs: number;

  constructor(details: { url: string; timeoutMs: number }) {
    super(
      { url: details.url, kind: 'timeout', code: 'ETIMEDOUT' },
      `Request timed out after ${details.timeoutMs} ms`,
    );
    this.timeoutMs = details.timeoutMs;
  }

  /** `no answer within 2.5 s` */
  override get reason(): string {
    return `no answer within ${this.timeoutMs / 1000} s`;
  }
}
