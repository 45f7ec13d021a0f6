/** A fetcher could not list the scopes; `fetcher` names the backend, `cause` is the underlying error. */
export class ScopeFetchError extends Error {
  override name = 'ScopeFetchError';
  readonly fetcher: string;
  readonly reason: string;

  constructor(fetcher: string, reason: string, options: { cause?: unknown } = {}) {
    super(`The ${fetcher} scope fetcher failed: ${reason}`, { cause: options.cause });
    this.fetcher = fetcher;
    this.reason = reason;
  }

  /** Wraps anything thrown while fetching; a ScopeFetchError passes unchanged. */
  static from(fetcher: string, error: unknown): ScopeFetchError {
    if (error instanceof ScopeFetchError) return error;
    const reason = error instanceof Error ? error.message : String(error);
    return new ScopeFetchError(fetcher, reason, { cause: error });
  }
}
