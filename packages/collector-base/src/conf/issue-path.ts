import { QUOTED_VALUE_MAX, quoteValue } from './quote-value.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_:-]*$/;

/**
 * `['metrics', 'cpu', 1, 'mutate']` → `metrics.cpu[1].mutate`; odd or long keys are quoted, truncated:
 * `metrics["a b"].unit`.
 */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && segment.length <= QUOTED_VALUE_MAX && IDENTIFIER.test(segment))
      out += out ? `.${segment}` : segment;
    else out += `[${quoteValue(String(segment))}]`;
  }
  return out;
}
