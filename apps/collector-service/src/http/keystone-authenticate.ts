import { InvalidTokenError, type ValidatedToken } from '@kitty-collect/keystone-auth';
import { HttpError } from './errors/http-error.js';
import type { Authenticate, RequestContext } from './request-context.js';

/** What the API needs of keystone-auth's TokenValidator. */
export interface TokenValidation {
  validate(token: string): Promise<ValidatedToken>;
}

/** Decides `context_is_admin` for a token's credentials (CloudKitty's policy, `role:admin` by default). */
export type IsAdmin = (context: Omit<RequestContext, 'isAdmin'>) => boolean;

/**
 * keystonemiddleware's auth_token in front of the API: `X-Auth-Token` validated (cached) with Keystone;
 * missing, malformed, expired or revoked → 401 with `WWW-Authenticate: Keystone uri="…"` and
 * keystonemiddleware's body; Keystone unreachable → 503 (never a 200, never a 500). The token never
 * reaches an error message or a log line.
 */
export function keystoneAuthenticate(
  validator: TokenValidation,
  options: { wwwAuthenticateUri: string | undefined; isAdmin: IsAdmin },
): Authenticate {
  const challenge: Record<string, string> =
    options.wwwAuthenticateUri === undefined
      ? {}
      : { 'WWW-Authenticate': `Keystone uri="${options.wwwAuthenticateUri}"` };
  return async (headers) => {
    const header = headers['x-auth-token'];
    const token = Array.isArray(header) ? header[0] : header;
    if (token === undefined || token === '') throw unauthorized(challenge);
    let validated: ValidatedToken;
    try {
      validated = await validator.validate(token);
    } catch (error) {
      // keystone-auth's rule: an invalid token is the caller's 401; anything else (Keystone down, the
      // service's own credentials refused) means the API cannot tell, a 503.
      if (error instanceof InvalidTokenError) throw unauthorized(challenge);
      throw unavailable(error);
    }
    const context: Omit<RequestContext, 'isAdmin'> = {
      roles: validated.roles,
      userId: validated.userId,
      ...(validated.projectId === undefined ? {} : { projectId: validated.projectId }),
      ...(validated.domainId === undefined ? {} : { domainId: validated.domainId }),
    };
    return { ...context, isAdmin: options.isAdmin(context) };
  };
}

function unauthorized(challenge: Record<string, string>): HttpError {
  const message = 'The request you have made requires authentication.';
  return new HttpError(401, message, challenge, { error: { code: 401, title: 'Unauthorized', message } });
}

function unavailable(cause: unknown): HttpError {
  const message = 'The server is currently unavailable. Please try again at a later time.';
  const error = new HttpError(
    503,
    message,
    {},
    { message, code: '503 Service Unavailable', title: 'Service Unavailable' },
  );
  error.cause = cause;
  return error;
}
