export interface ErrorReason {
  /** System or library code: ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET, DEPTH_ZERO_SELF_SIGNED_CERT… */
  code: string | undefined;
  /** Message of the error carrying the code, or of the deepest error. */
  detail: string | undefined;
}

/**
 * fetch hides the reason under `cause` ("fetch failed" → ECONNREFUSED, a TLS
 * verification code, UND_ERR_SOCKET…), sometimes inside an AggregateError
 * when several addresses were tried: take the first coded error on the way down.
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
