import type { NormalizedInstantQuery, NormalizedRangeQuery } from './options.js';

/**
 * Query-string parameters of one API call. Every normalised option but the
 * signal is a string, and unset ones are left out rather than sent empty.
 */
export function toSearchParams(
  options: NormalizedInstantQuery | NormalizedRangeQuery,
): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(options)) {
    if (typeof value === 'string') params[name] = value;
  }
  return params;
}
