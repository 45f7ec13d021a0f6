import { TransportError, type TransportFailureKind } from './errors/transport-error.js';
import { redactUrl } from './redact-url.js';

export interface ErrorReason {
  /** System or library code: ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET, DEPTH_ZERO_SELF_SIGNED_CERT… */
  code: string | undefined;
  /** Message of the error carrying the code, or of the deepest error. */
  detail: string | undefined;
}

/**
 * The code and words of a failure, wherever they sit: undici puts them on its own error, fetch hides them
 * under `cause`, sometimes inside an AggregateError when several addresses were tried. The first coded
 * error on the way down wins.
 */
export function findErrorReason(error: unknown): ErrorReason {
  let current: unknown = error;
  let detail: string | undefined;
  for (let depth = 0; depth < 8 && current instanceof Error; depth += 1) {
    if (current.message !== '') detail = current.message;
    if ('code' in current && typeof current.code === 'string') return { code: current.code, detail };
    current =
      current instanceof AggregateError && current.errors.length > 0 ? current.errors[0] : current.cause;
  }
  return { code: undefined, detail };
}

/** Certificate and TLS protocol failures: the same request will fail the same way. */
export function isTlsFailure(code: string | undefined): boolean {
  return (
    code !== undefined &&
    /^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_TLS_|ERR_SSL_)/.test(code)
  );
}

const KIND_BY_CODE: Readonly<Record<string, TransportFailureKind>> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NONAME: 'dns',
  ECONNRESET: 'reset',
  ECONNABORTED: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_DESTROYED: 'closed',
  UND_ERR_CLOSED: 'closed',
  UND_ERR_INVALID_ARG: 'invalid-request',
  ERR_INVALID_URL: 'invalid-request',
  ERR_INVALID_ARG_TYPE: 'invalid-request',
  UND_ERR_NOT_SUPPORTED: 'invalid-request',
};

/** The kind of failure a code stands for; `network` for codes that name no more precise kind. */
export function failureKindOf(code: string | undefined): TransportFailureKind {
  if (code === undefined) return 'network';
  if (isTlsFailure(code)) return 'tls';
  return KIND_BY_CODE[code] ?? 'network';
}

/** Any failure of a request that got no response, as a TransportError for `url` (redacted by it). */
export function toTransportError(error: unknown, url: string): TransportError {
  if (error instanceof TransportError) return error;
  const { code, detail } = findErrorReason(error);
  return new TransportError({ url, kind: failureKindOf(code), code, detail, cause: withoutRawInput(error) });
}

/**
 * Node's `Invalid URL` TypeError keeps the text it refused in `input`, which `util.inspect` shows with the
 * cause: the cause becomes a copy whose `input` is redacted.
 */
function withoutRawInput(error: unknown): unknown {
  if (!(error instanceof TypeError) || !('input' in error) || typeof error.input !== 'string') return error;
  const copy = new TypeError(error.message);
  copy.stack = error.stack;
  return Object.assign(copy, { ...error, input: redactUrl(error.input) });
}
