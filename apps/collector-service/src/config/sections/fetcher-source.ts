import { listValue, required } from '@kitty-collect/oslo-config';
import { z } from 'zod';

export const FETCHER_SOURCE_SECTION = 'fetcher_source';

/**
 * `[fetcher_source]` (cloudkitty/fetcher/source.py). CloudKitty's default is an empty list, which rates
 * nothing; with `backend = source` that is reported instead of starting a service with no work.
 */
export const fetcherSourceSectionSchema = z
  .object({
    sources: required(
      listValue().refine((sources) => sources.length > 0, 'lists no scope: nothing would be rated'),
      'is required with [fetcher] backend = source: the scope ids to rate, separated by commas',
    ),
  })
  .transform((section) => ({ sources: section.sources }));

export type FetcherSourceSection = z.output<typeof fetcherSourceSectionSchema>;
