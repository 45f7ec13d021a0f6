import { buildQuery } from '../prometheus/build-query.js';
import type { PrometheusCollectorBase } from '../prometheus/prometheus-collector-base.js';

/** The query a collector sends for one scope (`fetchAll`): buildQuery with its conf and scope key. */
export function scopeQuery(
  collector: PrometheusCollectorBase,
  metricKey: string,
  start: Date,
  end: Date,
  scopeId: string,
): string {
  return buildQuery({
    conf: collector.conf,
    metricKey,
    start,
    end,
    scopes: { key: collector.scopeKey, id: scopeId },
  });
}

/** The query `fetchAllBatched` sends: for every scope, or (`matchScopes`) for `scopeIds` only. */
export function batchQuery(
  collector: PrometheusCollectorBase,
  metricKey: string,
  start: Date,
  end: Date,
  scopeIds?: readonly string[],
): string {
  const scopes = scopeIds === undefined ? 'all' : { key: collector.scopeKey, ids: scopeIds };
  return buildQuery({ conf: collector.conf, metricKey, start, end, scopes });
}
