import { createHash } from 'node:crypto';
import { type IssuedToken, issueToken, type KeystoneTokenBody } from '../../keystone/api.js';
import { identityFromTokenBody, type TokenIdentity } from './identity.js';

/** The gateway's own Keystone user: keystonemiddleware's [keystone_authtoken] password credentials. */
export interface ServiceUserCredentials {
  username: string;
  password: string;
  /** Domain of the user and of the project; default 'Default'. */
  domain?: string;
  project: string;
}

export type TokenCheck =
  | { outcome: 'valid'; identity: TokenIdentity; cached: boolean }
  /** Unknown, expired or revoked (Keystone answered 404), or expired while cached. */
  | { outcome: 'invalid' }
  /** Keystone unreachable or refusing the gateway's own credentials: keystonemiddleware answers 503. */
  | { outcome: 'unavailable'; reason: string };

interface CacheEntry {
  identity: TokenIdentity;
  /** Validations are reused until then: min(validated + cache time, token expiry). */
  reuseUntil: number;
}

const VALIDATION_TIMEOUT_MS = 10_000;
/** Re-issue the service token this long before it expires (tests use expirations of a few seconds). */
const SERVICE_TOKEN_MARGIN_MS = 1_500;

class KeystoneUnavailableError extends Error {
  override name = 'KeystoneUnavailableError';
}

/**
 * Validates callers' tokens like keystonemiddleware's auth_token: GET /v3/auth/tokens with the gateway's own
 * token (re-issued when about to expire or when Keystone rejects it), successful validations cached for
 * `cacheSeconds` (never past the token's expiry). Failures are not cached. Tokens are kept only as SHA-256
 * digests and never logged.
 */
export class TokenValidator {
  private readonly cache = new Map<string, CacheEntry>();
  private serviceToken: Promise<IssuedToken> | undefined;
  private validationCount = 0;

  constructor(
    private readonly authUrl: string,
    private readonly serviceUser: ServiceUserCredentials,
    private readonly cacheSeconds: number,
  ) {}

  /** GET /v3/auth/tokens calls made so far (attempts, including those that could not reach Keystone). */
  get validations(): number {
    return this.validationCount;
  }

  resetValidationCount(): void {
    this.validationCount = 0;
  }

  clearCache(): void {
    this.cache.clear();
  }

  async check(token: string): Promise<TokenCheck> {
    const key = createHash('sha256').update(token).digest('hex');
    const now = Date.now();
    const entry = this.cache.get(key);
    if (entry) {
      if (entry.identity.expiresAt.getTime() <= now) {
        this.cache.delete(key);
        return { outcome: 'invalid' };
      }
      if (entry.reuseUntil > now) return { outcome: 'valid', identity: entry.identity, cached: true };
      this.cache.delete(key);
    }
    try {
      const body = await this.validate(token, true);
      if (body === undefined) return { outcome: 'invalid' };
      const identity = identityFromTokenBody(body);
      const validatedAt = Date.now();
      if (identity.expiresAt.getTime() <= validatedAt) return { outcome: 'invalid' };
      if (this.cacheSeconds > 0) {
        const reuseUntil = Math.min(validatedAt + this.cacheSeconds * 1000, identity.expiresAt.getTime());
        this.cache.set(key, { identity, reuseUntil });
      }
      return { outcome: 'valid', identity, cached: false };
    } catch (error) {
      if (error instanceof KeystoneUnavailableError) return { outcome: 'unavailable', reason: error.message };
      throw error;
    }
  }

  /** The token body, or undefined when Keystone says the token is not valid (404). */
  private async validate(
    token: string,
    retryWithNewServiceToken: boolean,
  ): Promise<KeystoneTokenBody | undefined> {
    const serviceToken = await this.currentServiceToken();
    this.validationCount++;
    const response = await this.fetchWithOneRetry(`${this.authUrl}/auth/tokens?nocatalog`, {
      headers: { accept: 'application/json', 'x-auth-token': serviceToken, 'x-subject-token': token },
    });
    const text = await response.text().catch(() => '');
    if (response.status === 200) {
      try {
        return JSON.parse(text) as KeystoneTokenBody;
      } catch {
        throw new KeystoneUnavailableError('Keystone answered 200 with a body that is not JSON');
      }
    }
    if (response.status === 404) return undefined;
    if (response.status === 401 && retryWithNewServiceToken) {
      // Our own token expired or was revoked: keystonemiddleware re-authenticates and retries once.
      this.serviceToken = undefined;
      return this.validate(token, false);
    }
    throw new KeystoneUnavailableError(`Keystone answered ${response.status} to the token validation`);
  }

  private async currentServiceToken(): Promise<string> {
    const current = this.serviceToken;
    if (current) {
      const issued = await current.catch(() => undefined);
      if (issued && issued.expiresAt.getTime() - Date.now() > SERVICE_TOKEN_MARGIN_MS) return issued.token;
      if (this.serviceToken !== current) return this.currentServiceToken();
    }
    const { username, password, project } = this.serviceUser;
    const next = issueToken(this.authUrl, {
      username,
      password,
      project,
      domain: this.serviceUser.domain ?? 'Default',
      nocatalog: true,
    });
    this.serviceToken = next;
    try {
      return (await next).token;
    } catch (error) {
      if (this.serviceToken === next) this.serviceToken = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      throw new KeystoneUnavailableError(`could not authenticate the gateway's service user: ${reason}`);
    }
  }

  /** A connection refused or reset is retried once (a keep-alive socket may belong to a restarted Keystone). */
  private async fetchWithOneRetry(url: string, init: RequestInit): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fetch(url, { ...init, signal: AbortSignal.timeout(VALIDATION_TIMEOUT_MS) });
      } catch (error) {
        if (attempt >= 2) {
          const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
          throw new KeystoneUnavailableError(`Keystone is unreachable${cause ? `: ${cause}` : ''}`);
        }
      }
    }
  }
}
