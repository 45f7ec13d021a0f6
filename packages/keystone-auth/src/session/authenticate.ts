import type { Dispatcher } from 'undici';
import { AccessInfo } from '../access/access-info.js';
import { tokenResponseSchema } from '../access/token-response.js';
import { AuthorizationFailure } from '../errors/authorization-failure.js';
import { KeystoneAuthError } from '../errors/keystone-auth-error.js';
import { KeystoneUnavailable } from '../errors/keystone-unavailable.js';
import { errorMessageOf } from '../http/error-message.js';
import { failureReason } from '../http/failure-reason.js';
import type { AuthPlugin } from '../identity/auth-plugin.js';

export interface TokenRequestTransport {
  dispatcher: Dispatcher;
  timeoutSeconds: number;
  userAgent: string;
}

/** `POST {auth_url}/auth/tokens` with the plugin's body; every failure becomes a typed error without secrets. */
export async function authenticate(auth: AuthPlugin, transport: TokenRequestTransport): Promise<AccessInfo> {
  const url = `${auth.authUrl}/auth/tokens`;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'user-agent': transport.userAgent,
      },
      body: JSON.stringify(auth.tokenRequestBody()),
      signal: AbortSignal.timeout(transport.timeoutSeconds * 1000),
      // Node's fetch takes an undici dispatcher; the DOM typings do not know the option.
      ...({ dispatcher: transport.dispatcher } as object),
    });
    text = await response.text();
  } catch (error) {
    throw new KeystoneUnavailable({
      url,
      reason: failureReason(error, transport.timeoutSeconds),
      cause: error,
    });
  }
  const requestId = response.headers.get('x-openstack-request-id') ?? undefined;
  if (response.status >= 500) {
    throw new KeystoneUnavailable({
      url,
      status: response.status,
      reason: `HTTP ${response.status}: ${errorMessageOf(text)}`,
      requestId,
    });
  }
  if (!response.ok) {
    throw new AuthorizationFailure({
      attempt: auth.describe(),
      url,
      status: response.status,
      reason: errorMessageOf(text),
      requestId,
    });
  }
  const token = response.headers.get('x-subject-token');
  if (!token) throw new KeystoneAuthError(`Keystone answered ${url} without an X-Subject-Token header`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new KeystoneAuthError(
      `Keystone answered ${url} with a body that is not JSON: ${errorMessageOf(text)}`,
      {
        cause: error,
      },
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
