import { describe, expect, it } from 'vitest';
import { createScopeFetcher } from './create-scope-fetcher.js';
import { SourceFetcher } from './source-fetcher.js';

describe('source fetcher', () => {
  it('returns the configured scopes in order, each once', async () => {
    const fetcher = new SourceFetcher(['b', 'a', 'b', 'c', 'a']);
    expect(fetcher.name).toBe('source');
    expect(await fetcher.getScopes()).toEqual(['b', 'a', 'c']);
    // A caller changing the answer does not change the next one.
    (await fetcher.getScopes()).push('z');
    expect(await fetcher.getScopes()).toEqual(['b', 'a', 'c']);
    expect(fetcher.emptyReason).toBeUndefined();
    await fetcher.close();
  });

  it('an empty list says why it found none', async () => {
    const fetcher = new SourceFetcher([]);
    expect(await fetcher.getScopes()).toEqual([]);
    expect(fetcher.emptyReason).toBe('[fetcher_source] sources lists no scope');
  });

  it('is what [fetcher] backend = source makes', async () => {
    const fetcher = createScopeFetcher({ fetcher: { backend: 'source', sources: ['x', 'y', 'x'] } });
    expect(fetcher).toBeInstanceOf(SourceFetcher);
    expect(await fetcher.getScopes()).toEqual(['x', 'y']);
  });
});
