import type { ScopeFetcher } from './scope-fetcher.js';

/** CloudKitty's SourceFetcher: the configured scope ids, in order, each once. */
export class SourceFetcher implements ScopeFetcher {
  readonly name = 'source';
  emptyReason: string | undefined;
  readonly #sources: readonly string[];

  constructor(sources: readonly string[]) {
    this.#sources = [...new Set(sources)];
  }

  async getScopes(): Promise<string[]> {
    this.emptyReason = this.#sources.length === 0 ? '[fetcher_source] sources lists no scope' : undefined;
    return [...this.#sources];
  }

  async close(): Promise<void> {}
}
