import { choiceValue } from '@kitty-collect/oslo-config';
import { z } from 'zod';

export const FETCHER_SECTION = 'fetcher';

export const FETCHER_BACKENDS = ['keystone', 'prometheus', 'source'] as const;
export type FetcherBackend = (typeof FETCHER_BACKENDS)[number];

const OTHER_BACKENDS = {
  gnocchi: 'a CloudKitty fetcher that kitty-collect does not implement',
  monasca: 'a CloudKitty fetcher that kitty-collect does not implement',
};

/** `[fetcher]` (cloudkitty/fetcher/__init__.py): the backend defaults to keystone, as in CloudKitty. */
export const fetcherSectionSchema = z
  .object({ backend: choiceValue(FETCHER_BACKENDS, { notes: OTHER_BACKENDS }).default('keystone') })
  .transform((section) => ({ backend: section.backend }));

export type FetcherSection = z.output<typeof fetcherSectionSchema>;
