import { InvalidTokenError } from '../errors/invalid-token-error.js';
import { normalizeAuthUrl } from '../identity/auth-url.js';
import { requestValidation, sessionFailure } from './request-validation.js';
import { fingerprintOf, tokenDigest } from './token-digest.js';
import { checkTokenSyntax } from './token-syntax.js';
import {
  type NormalizedTokenValidatorOptions,
  normalizeTokenValidatorOptions,
  type TokenValidatorOptions,
} from './token-validator-options.js';
import { type ValidatedToken, validatedTokenFrom } from './validated-token.js';
import { ValidationCache, type ValidationOutcome } from './validation-cache.js';

/**
 * Validates callers' tokens as keystonemiddleware's auth_token does: asks Keystone with this service's own
 * token, and remembers the outcome — valid or not — for `cacheSeconds` (never past the token's expiry), so
 * a busy API asks once per token per cache period and keeps answering cached tokens while Keystone is down.
 * One request per token however many callers wait for it. Tokens are held only as SHA-256 digests.
 */
export class TokenValidator {
  readonly #options: NormalizedTokenValidatorOptions;
  readonly #cache: ValidationCache;
  readonly #inflight = new Map<string, Promise<ValidationOutcome>>();
  #identityUrl: Promise<string> | undefined;
  #validations = 0;

  constructor(options: TokenValidatorOptions) {
    this.#options = normalizeTokenValidatorOptions(options);
    this.#cache = new ValidationCache(this.#options.maxCacheEntries);
  }

  /** Validation requests sent to Keystone so far (attempts, those that failed included). */
  get validations(): number {
    return this.#validations;
  }

  /** Tokens whose outcome is remembered (some may have run out and not been dropped yet). */
  get cacheSize(): number {
    return this.#cache.size;
  }

  /** Forgets every remembered outcome, e.g. after a mass revocation. */
  clearCache(): void {
    this.#cache.clear();
  }

  /**
   * Who the token speaks for. Rejects with InvalidTokenError (answer 401), KeystoneUnavailable or
   * TokenValidationError (answer 503: nothing is known about the token), or the signal's reason. Aborting
   * stops this caller's wait only: the request others share goes on.
   */
  async validate(token: string, signal?: AbortSignal): Promise<ValidatedToken> {
    signal?.throwIfAborted();
    checkTokenSyntax(token);
    const digest = tokenDigest(token);
    const cached = this.#cache.get(digest, this.#options.now());
    const outcome = cached ?? (await abortable(this.#validateOnce(token, digest), signal));
    if (outcome.valid) return outcome.token;
    throw new InvalidTokenError({
      reason: outcome.reason,
      fingerprint: fingerprintOf(digest),
      ...(outcome.expiresAt === undefined ? {} : { expiresAt: outcome.expiresAt }),
      ...(outcome.requestId === undefined ? {} : { requestId: outcome.requestId }),
    });
  }

  /** One Keystone request per token at a time; its outcome cached unless Keystone could not say. */
  #validateOnce(token: string, digest: string): Promise<ValidationOutcome> {
    const pending = this.#inflight.get(digest);
    if (pending !== undefined) return pending;
    const request = this.#ask(token)
      .then((outcome) => {
        const now = this.#options.now();
        const until = now + this.#options.cacheMs;
        this.#cache.set(
          digest,
          outcome,
          outcome.valid ? Math.min(until, outcome.token.expiresAt.getTime()) : until,
          now,
        );
        return outcome;
      })
      .finally(() => this.#inflight.delete(digest));
    this.#inflight.set(digest, request);
    return request;
  }

  async #ask(token: string): Promise<ValidationOutcome> {
    const identityUrl = await this.#identity();
    this.#validations += 1;
    const verdict = await requestValidation(this.#options.session, identityUrl, token);
    if (!verdict.found) return { valid: false, reason: 'invalid', requestId: verdict.requestId };
    const validated = validatedTokenFrom(verdict.body);
    // Keystone answers 404 for an expired token; a clock ahead of Keystone's, or allow_expired, may still see one.
    if (validated.expiresAt.getTime() <= this.#options.now()) {
      return {
        valid: false,
        reason: 'expired',
        expiresAt: validated.expiresAt,
        requestId: verdict.requestId,
      };
    }
    return { valid: true, token: validated, requestId: verdict.requestId };
  }

  /** The identity v3 root: the session's auth URL, or the catalog's identity endpoint when asked (found once). */
  #identity(): Promise<string> {
    const { session, catalog } = this.#options;
    if (catalog === undefined) return Promise.resolve(session.auth.authUrl);
    this.#identityUrl ??= session
      .getEndpoint({ serviceType: 'identity', ...catalog })
      .then(normalizeAuthUrl)
      .catch((error: unknown) => {
        this.#identityUrl = undefined;
        throw sessionFailure(error, session.auth.authUrl);
      });
    return this.#identityUrl;
  }
}

/** The promise, or the signal's reason as soon as it aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
