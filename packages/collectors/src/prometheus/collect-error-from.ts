import { CollectError } from '@kitty-collect/collector-base';
import { PrometheusConnectionError, PrometheusResponseError } from '@kitty-collect/prometheus-client-base';

export interface FailedQuery {
  collector: string;
  metricKey: string;
  scopeId: string;
  query: string;
}

/** A batched query: one rating type for several scopes at once. */
export interface FailedBatchQuery {
  collector: string;
  metricKey: string;
  scopeIds: readonly string[];
  query: string;
}

/**
 * Whatever went wrong while querying, as a CollectError. A Prometheus error body reads
 * `"<errorType>: <error>"` first, as CloudKitty's message; the rest names the query and URL (and, for a
 * batched query, which rating type and how many scopes it stood for, since its failure is theirs).
 */
export function collectErrorFrom(error: unknown, failed: FailedQuery | FailedBatchQuery): CollectError {
  if (error instanceof CollectError) return error;
  const batched = 'scopeIds' in failed;
  const { collector, metricKey, query } = failed;
  const context = {
    collector,
    metricKey,
    query,
    cause: error,
    ...(batched ? {} : { scopeId: failed.scopeId }),
  };
  if (error instanceof PrometheusResponseError) {
    const which = batched
      ? `batched query of '${metricKey}' for ${failed.scopeIds.length} scopes, '${query}'`
      : `query '${query}'`;
    return new CollectError(
      `${error.errorType}: ${error.error} (HTTP ${error.status}, ${which} at ${error.url})`,
      context,
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  // A connection error (a timeout included) names the query it was sending: the query appears once.
  const forQuery =
    error instanceof PrometheusConnectionError && error.query !== undefined ? '' : ` (query '${query}')`;
  const what = batched
    ? `batched collection of '${metricKey}' for ${failed.scopeIds.length} scopes failed: ${reason}${forQuery}`
    : `collection of '${metricKey}' for scope '${failed.scopeId}' failed: ${reason}`;
  return new CollectError(`${collector} ${what}`, context);
}
