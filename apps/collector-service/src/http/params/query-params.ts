import { InvalidParameterError } from '../errors/invalid-parameter-error.js';

/** Every value of every parameter, as given (`a=1&a=2` → `{ a: ['1', '2'] }`). */
export type RawQuery = Record<string, string[]>;

/**
 * Collects the query parameters an endpoint knows. An unknown one is refused, as CloudKitty's API does
 * (voluptuous' "extra keys not allowed"): a typo such as `filter=` must not silently return everything.
 */
export function collectQuery(params: URLSearchParams, known: readonly string[]): RawQuery {
  const query: RawQuery = Object.create(null);
  const unknown = new Set<string>();
  for (const [name, value] of params) {
    if (!known.includes(name)) unknown.add(name);
    else query[name] = [...(query[name] ?? []), value];
  }
  if (unknown.size > 0) {
    throw new InvalidParameterError(
      [...unknown].map((parameter) => ({
        parameter,
        message: `unknown parameter (this endpoint takes ${known.join(', ')})`,
      })),
    );
  }
  return query;
}
