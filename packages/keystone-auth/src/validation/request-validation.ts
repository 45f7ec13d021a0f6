import { TransportError } from '@kitty-collect/http-request';
import { keystoneErrorMessage } from '../access/keystone-error-message.js';
import { type TokenResponse, tokenResponseSchema } from '../access/token-response.js';
import { KeystoneAuthError } from '../errors/keystone-auth-error.js';
import { KeystoneUnavailable } from '../errors/keystone-unavailable.js';
import { TokenValidationError } from '../errors/token-validation-error.js';
import type { ValidatorSession } from './validator-session.js';

/** Keystone's answer about one token: its body, or "not found" (unknown, revoked or expired). */
export type KeystoneVerdict =
  | { found: true; body: TokenResponse; requestId: string | undefined }
  | { found: false; requestId: string | undefined };

/**
 * `GET {identity}/auth/tokens?nocatalog` with the service's token (the session's) and `X-Subject-Token`.
 * `nocatalog`: the validator needs identity, scope and roles, not the caller's catalog. Every failure is
 * KeystoneUnavailable (no answer, 5xx) or TokenValidationError (Keystone would not say); never the token.
 */
export async function requestValidation(
  session: ValidatorSession,
  identityUrl: string,
  token: string,
): Promise<KeystoneVerdict> {
  const url = `${identityUrl}/auth/tokens?nocatalog`;
  let response: Awaited<ReturnType<ValidatorSession['request']>>;
  try {
    response = await session.request(url, {
      headers: { accept: 'application/json', 'X-Subject-Token': token },
    });
  } catch (error) {
    throw sessionFailure(error, url);
  }
  const requestId = response.header('x-openstack-request-id');
  if (response.status === 404) return { found: false, requestId };
  const serverError = KeystoneUnavailable.fromServerError(response, url);
  if (serverError !== undefined) throw serverError;
  if (response.status !== 200) {
    // 401 after the session's one re-authentication, or 403: this service may not validate tokens.
    throw new TokenValidationError({
      url,
      status: response.status,
      reason: keystoneErrorMessage(response.body),
      requestId,
    });
  }
  return { found: true, body: parseBody(response.body, url, requestId), requestId };
}

function parseBody(text: string, url: string, requestId: string | undefined): TokenResponse {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new TokenValidationError({ url, status: 200, reason: 'the body is not JSON', requestId });
  }
  const parsed = tokenResponseSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new TokenValidationError({
    url,
    status: 200,
    reason: `unexpected token body (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`,
    requestId,
  });
}

/**
 * What the session threw, as the validator's errors: no answer is KeystoneUnavailable (as is the session's
 * own KeystoneUnavailable); the service's credentials refused or another keystone-auth error is a
 * TokenValidationError, so that no caller mistakes the service's AuthorizationFailure for the caller's 401.
 */
export function sessionFailure(error: unknown, url: string): unknown {
  if (error instanceof KeystoneUnavailable) return error;
  if (error instanceof TransportError)
    return new KeystoneUnavailable({ url, reason: error.reason, cause: error });
  if (error instanceof KeystoneAuthError) {
    return new TokenValidationError({
      url,
      reason: `the service has no usable token: ${error.message}`,
      cause: error,
    });
  }
  return error;
}
