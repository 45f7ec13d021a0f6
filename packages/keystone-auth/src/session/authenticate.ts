import { type HttpResponse, TransportError } from '@kitty-collect/http-request';
import { AccessInfo } from '../access/access-info.js';
import { keystoneErrorMessage } from '../access/keystone-error-message.js';
import { tokenResponseSchema } from '../access/token-response.js';
import { AuthorizationFailure } from '../errors/authorization-failure.js';
import { KeystoneAuthError } from '../errors/keystone-auth-error.js';
import { KeystoneUnavailable } from '../errors/keystone-unavailable.js';
import type { AuthPlugin } from '../identity/auth-plugin.js';
import type { SessionSend } from './session-send.js';

/**
 * `POST {auth_url}/auth/tokens` with the plugin's body, through the session's one HTTP path (no token of
 * course); every failure becomes a typed error without secrets.
 */
export async function authenticate(auth: AuthPlugin, send: SessionSend): Promise<AccessInfo> {
  const url = `${auth.authUrl}/auth/tokens`;
  let response: HttpResponse;
  try {
    response = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(auth.tokenRequestBody()),
    });
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    throw new KeystoneUnavailable({ url, reason: error.reason, cause: error });
  }
  const requestId = response.header('x-openstack-request-id');
  const serverError = KeystoneUnavailable.fromServerError(response, url);
  if (serverError !== undefined) throw serverError;
  if (response.status < 200 || response.status >= 300) {
    throw new AuthorizationFailure({
      attempt: auth.describe(),
      url,
      status: response.status,
      reason: keystoneErrorMessage(response.body),
      requestId,
    });
  }
  const token = response.header('x-subject-token');
  if (!token) throw new KeystoneAuthError(`Keystone answered ${url} without an X-Subject-Token header`);
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch (error) {
    throw new KeystoneAuthError(
      `Keystone answered ${url} with a body that is not JSON: ${keystoneErrorMessage(response.body)}`,
      { cause: error },
    );
  }
  const parsed = tokenResponseSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KeystoneAuthError(
      `Keystone answered ${url} with an unexpected token body (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`,
    );
  }
  return new AccessInfo(token, parsed.data);
}
