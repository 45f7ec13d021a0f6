import { KeystoneAuthError } from './keystone-auth-error.js';

/**
 * Why a caller's token was refused:
 * - `missing`: no token at all (an absent or empty `X-Auth-Token`);
 * - `malformed`: not something Keystone could have issued (not printable ASCII, too long); Keystone is not asked;
 * - `invalid`: Keystone does not know it: never issued, revoked, or expired (Keystone answers 404 to all three);
 * - `expired`: Keystone's answer, or a cached one, says it expired.
 */
export type InvalidTokenReason = 'missing' | 'malformed' | 'invalid' | 'expired';

export interface InvalidTokenErrorDetails {
  reason: InvalidTokenReason;
  /** `sha256:` and the first 8 hex digits of the token's SHA-256: enough to match log lines, never the token. */
  fingerprint?: string;
  /** What is malformed about it (`longer than 8192 characters`): about its shape, never its content. */
  problem?: string;
  /** For `expired`: when. */
  expiresAt?: Date;
  /** Keystone's request id of the validation that refused it. */
  requestId?: string;
}

/**
 * The caller's token is not valid: an API answers 401. Carries the reason and a fingerprint of the token; the
 * token itself is never in the error.
 */
export class InvalidTokenError extends KeystoneAuthError {
  override name = 'InvalidTokenError';
  readonly reason: InvalidTokenReason;
  readonly fingerprint: string | undefined;
  readonly expiresAt: Date | undefined;
  readonly requestId: string | undefined;

  constructor(details: InvalidTokenErrorDetails) {
    super(composeMessage(details));
    this.reason = details.reason;
    this.fingerprint = details.fingerprint;
    this.expiresAt = details.expiresAt;
    this.requestId = details.requestId;
  }
}

function composeMessage(details: InvalidTokenErrorDetails): string {
  const token = details.fingerprint === undefined ? 'token' : `token ${details.fingerprint}…`;
  const requestId = details.requestId ? ` (request id ${details.requestId})` : '';
  switch (details.reason) {
    case 'missing':
      return 'No token given';
    case 'malformed':
      return `Malformed ${token}${details.problem ? `: ${details.problem}` : ''}`;
    case 'expired':
      return `Expired ${token}${details.expiresAt ? ` (expired at ${details.expiresAt.toISOString()})` : ''}${requestId}`;
    case 'invalid':
      return `Keystone does not accept ${token}: unknown, revoked or expired${requestId}`;
  }
}
