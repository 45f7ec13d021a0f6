/**
 * Who is asking, as CloudKitty's request context (oslo.context) carries it: from a validated Keystone
 * token, or everyone admin under `auth_strategy = noauth`.
 */
export interface RequestContext {
  /** CloudKitty's `context.is_admin`: the `context_is_admin` rule holds for these credentials. */
  isAdmin: boolean;
  roles: readonly string[];
  userId?: string;
  /** The token's project (undefined: an unscoped or domain-scoped token). */
  projectId?: string;
  domainId?: string;
}

/** `auth_strategy = noauth`: CloudKitty's noauth context is admin, without project. */
export const NOAUTH_CONTEXT: RequestContext = Object.freeze({ isAdmin: true, roles: ['admin'] });

/**
 * Authenticates a request before it is routed: resolves with its context, or rejects with an HttpError
 * (401 without or with a bad token, 503 when Keystone cannot tell). `/`, `/healthz` and `/metrics` skip it.
 */
export type Authenticate = (
  headers: Readonly<Record<string, string | string[] | undefined>>,
) => Promise<RequestContext>;
