/**
 * A request took longer than its timeout. Named `TimeoutError`, as the DOM's and ky's are, so callers
 * that recognise a timeout by name treat all three alike.
 */
export class RequestTimeoutError extends Error {
  override readonly name = 'TimeoutError';

  constructor(readonly timeoutMs: number) {
    super(`Request timed out after ${timeoutMs} ms`);
  }
}
