/**
 * Root of every error this package and its transports raise, so callers can
 * tell Prometheus trouble from their own bugs with a single `instanceof`.
 */
export class PrometheusError extends Error {
  override name = 'PrometheusError';
}
