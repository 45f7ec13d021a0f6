import { inspect } from 'node:util';
import { normalizeAuthUrl } from './auth-url.js';

/** The JSON a plugin sends to `POST /v3/auth/tokens`. Holds secrets: never log it. */
export interface TokenRequestBody {
  auth: { identity: { methods: string[] } & Record<string, unknown>; scope?: Record<string, unknown> };
}

/**
 * An identity v3 auth method plus a scope: it knows what to send for a token and how to describe
 * itself in errors, and nothing about HTTP (the Session sends the request).
 */
export abstract class AuthPlugin {
  /** The identity v3 root, e.g. `http://keystone:5000/v3`. */
  readonly authUrl: string;
  /** keystoneauth's `auth_type` name. */
  abstract readonly authType: string;

  protected constructor(authUrl: string) {
    this.authUrl = normalizeAuthUrl(authUrl);
  }

  /** The token request body (with the secret). */
  abstract tokenRequestBody(): TokenRequestBody;

  /** e.g. `password auth for user 'cloudkitty' in domain 'Default', project 'service' in domain 'Default'` — no secret. */
  abstract describe(): string;

  toString(): string {
    return `${this.constructor.name}(${this.describe()} at ${this.authUrl})`;
  }

  toJSON(): { authType: string; authUrl: string; describe: string } {
    return { authType: this.authType, authUrl: this.authUrl, describe: this.describe() };
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
