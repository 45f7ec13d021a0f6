import { CollectError } from '@kitty-collect/collector-base';
import { PrometheusResponseError } from '@kitty-collect/prometheus-client-base';

export interface FailedQuery {
  collector: string;
  metricKey: string;
  scopeId: string;
  query: string;
}

/**
 * Whatever went wrong while querying, as a CollectError. A Prometheus error body reads
 * `"<errorType>: <error>"` first, as CloudKitty's message; the rest names the query and URL.
 */
export function collectErrorFrom(error: unknown, failed: FailedQuery): CollectError {
  if (error instanceof CollectError) return error;
  const context = { ...failed, cause: error };
  if (error instanceof PrometheusResponseError) {
    return new CollectError(
      `${error.errorType}: ${error.error} (HTTP ${error.status}, query '${failed.query}' at ${error.url})`,
      context,
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new CollectError(
    `${failed.collector} collection of '${failed.metricKey}' for scope '${failed.scopeId}' failed: ${reason}`,
    context,
  );
}
