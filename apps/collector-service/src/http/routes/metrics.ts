import type { RouteHandler } from '../api-types.js';
import type { ServiceMetrics } from '../metrics.js';

/** GET /metrics: the Prometheus text exposition of the service's registry. */
export function metricsRoute(metrics: ServiceMetrics): RouteHandler {
  return async () => ({ status: 200, contentType: metrics.contentType, body: await metrics.exposition() });
}
