import type { AetosVersion } from './options.js';

/** The query controller's arguments after WSME read them from the query string. */
export interface QueryArguments {
  query: string;
  time?: string;
  timeout?: string;
}

export type ArgumentsResult = { ok: true; arguments: QueryArguments } | { ok: false; faultstring: string };

const ALLOWED: Record<AetosVersion, readonly string[]> = {
  '1.0': ['query'],
  '2.0': ['query', 'time', 'timeout'],
};

/**
 * WSME's argument checks for `get(self, query, time=None, timeout=None)` (Aetos 2.0) or `get(self, query)`
 * (1.0): every unknown name is reported at once (`Unknown argument: "stats, foo"`) before a missing `query`;
 * a repeated argument takes its last value.
 */
export function readQueryArguments(
  params: Iterable<readonly [string, string]>,
  version: AetosVersion,
): ArgumentsResult {
  const allowed = ALLOWED[version];
  const values = new Map<string, string>();
  const unknown: string[] = [];
  for (const [name, value] of params) {
    if (allowed.includes(name)) values.set(name, value);
    else if (!unknown.includes(name)) unknown.push(name);
  }
  if (unknown.length > 0) return { ok: false, faultstring: `Unknown argument: "${unknown.join(', ')}"` };
  const query = values.get('query');
  if (query === undefined) return { ok: false, faultstring: 'Missing argument: "query"' };
  const time = values.get('time');
  const timeout = values.get('timeout');
  return {
    ok: true,
    arguments: {
      query,
      ...(time === undefined ? {} : { time }),
      ...(timeout === undefined ? {} : { timeout }),
    },
  };
}

/**
 * The series and label controllers' only argument: every `match[]` value, in order (`kwargs.get('match[]', [])`
 * of a plain `pecan.expose`). Any other argument (`start`, `end`, `limit`, …) is accepted and dropped: Aetos
 * forwards `match[]` alone, in 1.0 and 2.0.
 */
export function readMatchArguments(params: Iterable<readonly [string, string]>): string[] {
  const match: string[] = [];
  for (const [name, value] of params) if (name === 'match[]') match.push(value);
  return match;
}
