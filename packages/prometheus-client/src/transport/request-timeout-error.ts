/**
 * One attempt took longer than the client's `timeout`. Named `TimeoutError`, as the DOM's and ky's are,
 * which is what the shared transport error mapping recognises.
 */
export class RequestTimeoutError extends Error {
  override readonly name = 'TimeoutError';

  constructor(timeoutMs: number) {
    super(`Request timed out after ${timeoutMs} ms`);
  }
}
