/** Plain-fetch helpers for Keystone's v3 API, for provisioning and for tests. */

export type KeystoneDomainRef = { id: string } | { name: string };

/** `auth.scope` exactly as Keystone's JSON spells it. */
export type KeystoneScope =
  | { project: { id: string } | { name: string; domain: KeystoneDomainRef } }
  | { domain: KeystoneDomainRef }
  | { system: { all: true } };

export interface KeystoneErrorBody {
  error: { code: number; message: string; title: string };
}

export interface KeystoneCatalogEndpoint {
  id: string;
  interface: 'public' | 'internal' | 'admin';
  region_id: string | null;
  region: string | null;
  url: string;
}

export interface KeystoneCatalogEntry {
  id: string;
  type: string;
  name: string;
  endpoints: KeystoneCatalogEndpoint[];
}

export interface KeystoneNamedRef {
  id: string;
  name: string;
}

/** The parts of a token body tests look at (Keystone sends more). */
export interface KeystoneTokenBody {
  token: {
    methods: string[];
    user: KeystoneNamedRef & { domain: KeystoneNamedRef; password_expires_at?: string | null };
    audit_ids: string[];
    expires_at: string;
    issued_at: string;
    project?: KeystoneNamedRef & { domain: KeystoneNamedRef };
    domain?: KeystoneNamedRef;
    system?: { all: boolean };
    is_domain?: boolean;
    roles?: KeystoneNamedRef[];
    catalog?: KeystoneCatalogEntry[];
    application_credential?: { id: string; name: string; restricted: boolean };
  };
}

/** A Keystone answer with an unexpected status. `body` is the parsed JSON when there was some, else text. */
export class KeystoneHttpError extends Error {
  override name = 'KeystoneHttpError';
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(
      `${method} ${url} answered HTTP ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`,
    );
  }
}

export interface KeystoneRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  /** Appended to authUrl, e.g. '/projects'. */
  path: string;
  /** Sent as X-Auth-Token. */
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Statuses that count as success; default any 2xx. */
  expect?: readonly number[];
  /** Default 30 s. */
  timeoutMs?: number;
}

export interface KeystoneResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** One request to `${authUrl}${path}`; throws KeystoneHttpError for a status not in `expect`. */
export async function keystoneRequest<T = unknown>(
  authUrl: string,
  request: KeystoneRequest,
): Promise<KeystoneResponse<T>> {
  const method = request.method ?? (request.body === undefined ? 'GET' : 'POST');
  const url = `${authUrl.replace(/\/+$/, '')}${request.path}`;
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (request.token !== undefined) headers['x-auth-token'] = request.token;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    signal: AbortSignal.timeout(request.timeoutMs ?? 30_000),
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
  });
  const body = await readBody(response);
  const ok = request.expect ? request.expect.includes(response.status) : response.ok;
  if (!ok) throw new KeystoneHttpError(method, url, response.status, body);
  return { status: response.status, headers: response.headers, body: body as T };
}

export type KeystoneUserRef = { id: string } | { name: string; domain: KeystoneDomainRef };

export interface IssueTokenOptions {
  /** Password method: the user by name (in `domain`) or by id. */
  username?: string;
  userId?: string;
  password?: string;
  /** Domain name of `username` and of `project`; default 'Default'. */
  domain?: string;
  /** Scope to this project, by name in `domain`. */
  project?: string;
  /**
   * Any scope; overrides `project`. Without both, the token is unscoped (or, for application credentials,
   * scoped to the credential's project).
   */
  scope?: KeystoneScope;
  /** Application credential method: by id, or by name plus its user. */
  applicationCredential?:
    | { id: string; secret: string }
    | { name: string; secret: string; user: KeystoneUserRef };
  /** Token method: re-scope or renew with an existing token. */
  token?: string;
  /** Ask for a token body without the catalog (`?nocatalog`). */
  nocatalog?: boolean;
}

/** The `{"auth": …}` request body for POST /v3/auth/tokens. */
export function buildAuthRequest(options: IssueTokenOptions): { auth: Record<string, unknown> } {
  const domain = { name: options.domain ?? 'Default' };
  const methods: string[] = [];
  const identity: Record<string, unknown> = {};
  if (options.password !== undefined || options.username !== undefined || options.userId !== undefined) {
    if (options.password === undefined)
      throw new Error('issueToken: password authentication needs a password');
    let user: Record<string, unknown>;
    if (options.userId !== undefined) user = { id: options.userId, password: options.password };
    else if (options.username !== undefined)
      user = { name: options.username, domain, password: options.password };
    else throw new Error('issueToken: password authentication needs username or userId');
    methods.push('password');
    identity.password = { user };
  }
  if (options.applicationCredential !== undefined) {
    methods.push('application_credential');
    identity.application_credential = options.applicationCredential;
  }
  if (options.token !== undefined) {
    methods.push('token');
    identity.token = { id: options.token };
  }
  if (methods.length === 0)
    throw new Error('issueToken: give a password, an application credential or a token');
  identity.methods = methods;
  const auth: Record<string, unknown> = { identity };
  const scope =
    options.scope ??
    (options.project === undefined ? undefined : { project: { name: options.project, domain } });
  if (scope !== undefined) auth.scope = scope;
  return { auth };
}

export interface IssuedToken {
  /** The X-Subject-Token header. */
  token: string;
  body: KeystoneTokenBody;
  expiresAt: Date;
  issuedAt: Date;
}

/** POST /v3/auth/tokens; resolves on 201, else throws KeystoneHttpError (401 for bad credentials). */
export async function issueToken(authUrl: string, options: IssueTokenOptions): Promise<IssuedToken> {
  const response = await keystoneRequest<KeystoneTokenBody>(authUrl, {
    method: 'POST',
    path: options.nocatalog ? '/auth/tokens?nocatalog' : '/auth/tokens',
    body: buildAuthRequest(options),
    expect: [201],
  });
  const token = response.headers.get('x-subject-token');
  if (!token) throw new Error(`POST ${authUrl}/auth/tokens answered 201 without X-Subject-Token`);
  return {
    token,
    body: response.body,
    expiresAt: new Date(response.body.token.expires_at),
    issuedAt: new Date(response.body.token.issued_at),
  };
}

export interface ValidateTokenResult {
  /** 200 when valid; 404 when revoked, expired or unknown; 401/403 when `authToken` may not validate. */
  status: number;
  body: KeystoneTokenBody | KeystoneErrorBody | undefined;
}

/**
 * GET /v3/auth/tokens with the caller's token (needs admin or service, or be the token itself) and the one
 * to check. Never throws on a status.
 */
export async function validateToken(
  authUrl: string,
  authToken: string,
  subjectToken: string,
  options: { nocatalog?: boolean; allowExpired?: boolean } = {},
): Promise<ValidateTokenResult> {
  const query = [options.nocatalog ? 'nocatalog' : '', options.allowExpired ? 'allow_expired=1' : '']
    .filter(Boolean)
    .join('&');
  const response = await keystoneRequest<KeystoneTokenBody | KeystoneErrorBody | undefined>(authUrl, {
    path: query ? `/auth/tokens?${query}` : '/auth/tokens',
    token: authToken,
    headers: { 'x-subject-token': subjectToken },
    expect: [200, 401, 403, 404],
  });
  return { status: response.status, body: response.body };
}

/** DELETE /v3/auth/tokens (a database write: a revocation event). Throws unless 204. */
export async function revokeToken(authUrl: string, authToken: string, token: string): Promise<void> {
  await keystoneRequest(authUrl, {
    method: 'DELETE',
    path: '/auth/tokens',
    token: authToken,
    headers: { 'x-subject-token': token },
    expect: [204],
  });
}

/** Gives a token for each request; re-issues it shortly before it expires (tests use tiny expirations). */
export type TokenSource = () => Promise<string>;

export function cachingTokenSource(
  issue: () => Promise<IssuedToken>,
  initial?: IssuedToken,
  marginMs = 1_500,
): TokenSource {
  let current: Promise<IssuedToken> | undefined =
    initial === undefined ? undefined : Promise.resolve(initial);
  return async () => {
    if (current !== undefined) {
      const issued = await current.catch(() => undefined);
      if (issued && issued.expiresAt.getTime() - Date.now() > marginMs) return issued.token;
    }
    current = issue();
    return (await current).token;
  };
}
