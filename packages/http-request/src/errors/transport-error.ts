import { redactUrl, redactUrlsInText } from '../redact-url.js';

/**
 * What kind of failure kept a request from getting a (usable) response. Callers branch on it — whether to
 * retry, what to tell the operator — rather than on message text.
 *
 * - `timeout`: the request's own deadline ran out (RequestTimeoutError)
 * - `refused`: nothing listens at the address (ECONNREFUSED)
 * - `dns`: the host name does not resolve (ENOTFOUND, EAI_AGAIN)
 * - `tls`: certificate or TLS protocol failure; the same request fails the same way
 * - `reset`: the connection broke mid-exchange (ECONNRESET, EPIPE, UND_ERR_SOCKET)
 * - `closed`: the connection pool was closed (UND_ERR_DESTROYED, UND_ERR_CLOSED)
 * - `invalid-request`: the request cannot be sent as given (bad URL, bad header)
 * - `encoding`: a response arrived in a Content-Encoding that cannot be undone
 * - `network`: any other failure below HTTP
 */
export type TransportFailureKind =
  | 'timeout'
  | 'refused'
  | 'dns'
  | 'tls'
  | 'reset'
  | 'closed'
  | 'invalid-request'
  | 'encoding'
  | 'network';

export interface TransportErrorDetails {
  /** The request's URL, redacted (no userinfo, no query string). */
  url: string;
  kind: TransportFailureKind;
  /** System or library code of the cause: ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET, DEPTH_ZERO_SELF_SIGNED_CERT… */
  code?: string | undefined;
  /** The cause's own words, e.g. `connect ECONNREFUSED 127.0.0.1:9`. */
  detail?: string | undefined;
  cause?: unknown;
}

/**
 * A request got no usable response. The message says what went wrong (`ECONNREFUSED: connect ECONNREFUSED
 * 127.0.0.1:9`); the URL is a field, for the caller's own message. The cause (undici's error, a zlib
 * error) stays as `cause`. Whoever builds one, `url` is redacted and so is any URL `detail` quotes.
 */
export class TransportError extends Error {
  override name = 'TransportError';
  readonly url: string;
  readonly kind: TransportFailureKind;
  readonly code: string | undefined;
  readonly detail: string | undefined;

  constructor(details: TransportErrorDetails, message?: string) {
    const detail = details.detail === undefined ? undefined : redactUrlsInText(details.detail);
    super(
      message ?? reasonOf({ ...details, detail }),
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.url = redactUrl(details.url);
    this.kind = details.kind;
    this.code = details.code;
    this.detail = detail;
  }

  /** `code: detail`, or whichever of them is known: the part of a message that says what went wrong. */
  get reason(): string {
    return reasonOf(this);
  }
}

function reasonOf({ kind, code, detail }: Pick<TransportErrorDetails, 'kind' | 'code' | 'detail'>): string {
  const parts = [code, detail].filter((part) => part !== undefined && part !== '');
  return parts.length === 0 ? kind : parts.join(': ');
}
