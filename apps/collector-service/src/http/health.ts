/** What the service reports about itself on /healthz. */
export interface HealthStatus {
  /** false → 503: the process should be looked at (or restarted by its supervisor). */
  healthy: boolean;
  /** Shown as is next to `status` (last pass, failing scopes, storage path…). JSON-serialisable. */
  details?: Record<string, unknown>;
}

export type HealthCheck = () => HealthStatus | Promise<HealthStatus>;
