import type { RetryOptions } from '@kitty-collect/http-request';

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
  /**
   * Send again after a network failure or a 502/503/504 (with backoff, or a 503's `Retry-After` up to one
   * timeout), at most `retries` times; `isFinalResponse` names 502/503/504 answers not to repeat. Default:
   * no retries, which are the caller's to decide.
   */
  retry?: Pick<RetryOptions, 'retries' | 'isFinalResponse'>;
}
