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

/** Options of one `Session.request`. */
export interface SessionRequestOptions {
  /** Default GET. */
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Added to the request; the token and the session's user agent are set by the session. */
  headers?: Readonly<Record<string, string>>;
  body?: string;
  /** Seconds for the whole exchange, response body included; default the session's timeout. */
  timeout?: number;
  signal?: AbortSignal;
}
