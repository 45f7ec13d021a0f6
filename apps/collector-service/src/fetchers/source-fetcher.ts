import type { ScopeFetcher } from './scope-fetcher.js';

/** CloudKitty's SourceFetcher: the configured scope ids, in order, each once. */
export class SourceFetcher implements ScopeFetcher {
  readonly name = 'source';
  readonly #sources: readonly string[];

  constructor(sources: readonly string[]) {
    this.#sources = [...new Set(sources)];
  }

  async getScopes(): Promise<string[]> {
    return [...this.#sources];
  }

  async close(): Promise<void> {}
}
