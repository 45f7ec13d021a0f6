/**
 * What a transport hands to the base: the response as received, before any
 * interpretation. A plain type rather than a zod schema because transports
 * build it in code; nothing external is being validated here.
 */
export interface RawPrometheusResponse {
  status: number;
  /** Endpoint URL, without credentials (the base strips userinfo again anyway). */
  url: string;
  body: string;
  contentType?: string;
  requestId?: string;
}

export interface TransportOptions {
  signal?: AbortSignal;
}
