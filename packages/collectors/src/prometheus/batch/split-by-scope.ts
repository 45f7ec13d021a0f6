import type { InstantVectorSample } from '@kitty-collect/prometheus-client-base';

export interface SplitOptions {
  /** The label holding the scope id. */
  scopeKey: string;
  /**
   * Whether `query_prefix` or `query_suffix` wraps the query. Then a series without the scope label may
   * be one the wrapping aggregated across scopes, and the answer cannot be split.
   */
  wrapped: boolean;
}

/**
 * The series of a batched answer by scope, in answer order, for the requested scopes only (each has an
 * entry, `[]` when it has no series); other scopes' series are dropped. `undefined` when the answer cannot
 * be split: a series lacks the scope label although the query is wrapped.
 */
export function splitByScope(
  samples: readonly InstantVectorSample[],
  scopeIds: readonly string[],
  { scopeKey, wrapped }: SplitOptions,
): Map<string, InstantVectorSample[]> | undefined {
  const byScope = new Map<string, InstantVectorSample[]>(scopeIds.map((scopeId) => [scopeId, []]));
  for (const sample of samples) {
    const label = sample.metric[scopeKey];
    if (label === undefined && wrapped) return undefined;
    // Unwrapped, a series without the label comes from raw series without it: Prometheus' matcher
    // `{scope_key=""}` selects exactly those, so they are the per-scope answer of scope "" and of no other.
    byScope.get(label ?? '')?.push(sample);
  }
  return byScope;
}
