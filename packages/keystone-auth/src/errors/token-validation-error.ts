import { redactUrl } from '@kitty-collect/http-request';
import { KeystoneAuthError } from './keystone-auth-error.js';

export interface TokenValidationErrorDetails {
  url: string;
  /**
   * Keystone's HTTP status: 401/403 for the service's own token, 200 with a body that is not a token; absent
   * when the service could not get a token or an identity endpoint at all (`cause` says why).
   */
  status?: number;
  /** What went wrong, in Keystone's words or ours; never a token. */
  reason: string;
  requestId?: string;
  cause?: unknown;
}

/**
 * Keystone would not say whether a token is valid: it refused this service's own token (401 even after
 * re-authenticating, or 403: the service user lacks the admin or service role), or answered something that
 * is not a token; or the session could not authenticate the service (AuthorizationFailure) or find the
 * identity endpoint (EndpointNotFound), kept as `cause`. Nothing is known about the caller's token, so an API answers 503, as keystonemiddleware
 * does — and an operator has a configuration to fix. Never cached.
 */
export class TokenValidationError extends KeystoneAuthError {
  override name = 'TokenValidationError';
  readonly url: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;

  constructor(details: TokenValidationErrorDetails) {
    const url = redactUrl(details.url);
    const requestId = details.requestId ? ` (request id ${details.requestId})` : '';
    const status = details.status === undefined ? '' : `HTTP ${details.status} at `;
    super(`Keystone did not validate the token (${status}${url}: ${details.reason})${requestId}`, {
      cause: details.cause,
    });
    this.url = url;
    this.status = details.status;
    this.requestId = details.requestId;
  }
}
