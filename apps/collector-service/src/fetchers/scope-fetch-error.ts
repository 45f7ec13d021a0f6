/** A fetcher could not list the scopes; `fetcher` names the backend, `cause` is the underlying error. */
export class ScopeFetchError extends Error {
  readonly fetcher: string;

  constructor(fetcher: string, reason: string, options: { cause?: unknown } = {}) {
    super(`The ${fetcher} scope fetcher failed: ${reason}`, { cause: options.cause });
    this.name = 'ScopeFetchError';
    this.fetcher = fetcher;
  }

  /** Wraps anything thrown while fetching; a ScopeFetchError passes unchanged. */
  static from(fetcher: string, error: unknown, hint?: string): ScopeFetchError {
    if (error instanceof ScopeFetchError) return error;
    const reason = error instanceof Error ? error.message : String(error);
    return new ScopeFetchError(fetcher, hint === undefined ? reason : `${reason} (${hint})`, {
      cause: error,
    });
  }
}
