/** A service's view of the catalog (keystoneauth's Adapter options). */
export interface AdapterOptions {
  serviceType: string;
  /** `public` (default), `internal`, `admin` (`publicURL`-style names accepted), or several in order of preference. */
  interface?: string | readonly string[];
  regionName?: string;
  serviceName?: string;
  /** Use this URL instead of the catalog's. */
  endpointOverride?: string;
}

export interface ClientOptions extends AdapterOptions {
  /** Seconds per request; default the session's timeout. */
  timeout?: number;
  /** ky retry count for idempotent requests; default 2. */
  retries?: number;
}
