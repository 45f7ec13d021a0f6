/** CloudKitty's fetcher: which scopes (project ids, by default) to rate. */
export interface ScopeFetcher {
  /** The backend's name in `[fetcher] backend`: `keystone`, `prometheus`, `source`. */
  readonly name: string;
  /** The scopes to rate now; rejects with a ScopeFetchError. */
  getScopes(): Promise<string[]>;
  /**
   * Why the last getScopes() found no scope, said from what the backend answered (`Keystone lists no
   * project`); undefined before the first call and after one that found some.
   */
  readonly emptyReason: string | undefined;
  /** Releases the connections the fetcher created (never those it was given). */
  close(): Promise<void>;
}
