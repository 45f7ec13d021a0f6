import { redactUrl } from '@kitty-collect/http-request';
import { KeystoneAuthError } from './keystone-auth-error.js';

export interface AuthorizationFailureDetails {
  /** The plugin's own description: method, user and scope, never the secret. */
  attempt: string;
  url: string;
  status: number;
  /** Keystone's message, as it answered. */
  reason?: string;
  requestId?: string;
}

/** Keystone refused the credentials or the scope (HTTP 401, or another 4xx from the token API). */
export class AuthorizationFailure extends KeystoneAuthError {
  override name = 'AuthorizationFailure';
  readonly status: number;
  readonly url: string;
  readonly requestId: string | undefined;

  constructor(details: AuthorizationFailureDetails) {
    const url = redactUrl(details.url);
    const reason = details.reason ? `: ${details.reason}` : '';
    const requestId = details.requestId ? ` (request id ${details.requestId})` : '';
    super(`Keystone refused ${details.attempt} (HTTP ${details.status} at ${url}${reason})${requestId}`);
    this.status = details.status;
    this.url = url;
    this.requestId = details.requestId;
  }
}
