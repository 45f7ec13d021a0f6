/** CloudKitty's fetcher: which scopes (project ids, by default) to rate. */
export interface ScopeFetcher {
  /** The backend's name in `[fetcher] backend`: `keystone`, `prometheus`, `source`. */
  readonly name: string;
  /** The scopes to rate now; rejects with a ScopeFetchError. */
  getScopes(): Promise<string[]>;
  /** Releases the connections the fetcher created (never those it was given). */
  close(): Promise<void>;
}
