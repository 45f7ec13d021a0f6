import { inspect } from 'node:util';
import { ServiceCatalog } from './service-catalog.js';
import type { TokenResponse } from './token-response.js';

export interface IdentityRef {
  id: string;
  name?: string;
  domain?: { id: string; name?: string };
}

/** What Keystone answered for a token: the token itself, its expiry, identity, scope, roles and catalog. */
export class AccessInfo {
  readonly expiresAt: Date;
  readonly issuedAt: Date | undefined;
  readonly methods: readonly string[];
  readonly user: IdentityRef;
  readonly project: IdentityRef | undefined;
  readonly domain: IdentityRef | undefined;
  readonly system: Readonly<Record<string, boolean>> | undefined;
  /** Role names, implied roles included (admin ⇒ member ⇒ reader). */
  readonly roles: readonly string[];
  readonly catalog: ServiceCatalog;
  readonly #token: string;

  constructor(token: string, body: TokenResponse) {
    this.#token = token;
    const t = body.token;
    this.expiresAt = new Date(t.expires_at);
    this.issuedAt = t.issued_at === undefined ? undefined : new Date(t.issued_at);
    this.methods = t.methods;
    this.user = t.user;
    this.project = t.project;
    this.domain = t.domain;
    this.system = t.system;
    this.roles = t.roles.map((role) => role.name ?? role.id);
    this.catalog = new ServiceCatalog(t.catalog);
  }

  /** The token id (the `X-Subject-Token`). A secret: never log it. */
  get token(): string {
    return this.#token;
  }

  /** Seconds left before expiry at `now`. */
  secondsLeft(now = Date.now()): number {
    return (this.expiresAt.getTime() - now) / 1000;
  }

  hasRole(name: string): boolean {
    return this.roles.includes(name);
  }

  toJSON(): Record<string, unknown> {
    return {
      token: '<redacted>',
      expiresAt: this.expiresAt.toISOString(),
      user: this.user,
      project: this.project,
      domain: this.domain,
      system: this.system,
      roles: this.roles,
    };
  }

  [inspect.custom](): string {
    return `AccessInfo ${inspect(this.toJSON())}`;
  }
}
