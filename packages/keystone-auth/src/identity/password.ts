import { z } from 'zod';
import { AuthPlugin, type TokenRequestBody } from './auth-plugin.js';
import { parsePluginOptions, requiredText, scopeOptionsShape, userOptionsShape } from './plugin-options.js';
import {
  describeRef,
  describeScope,
  resolveScope,
  type Scope,
  type ScopeOptions,
  scopeBody,
} from './scope.js';
import { resolveUser, type UserOptions, type UserRef } from './user-ref.js';

const passwordOptionsSchema = z.strictObject({
  authUrl: requiredText,
  ...userOptionsShape,
  password: z.string({ error: 'is required' }),
  ...scopeOptionsShape,
});

export interface PasswordAuthOptions extends UserOptions, ScopeOptions {
  authUrl: string;
  password: string;
}

/** keystoneauth's `password` / `v3password`: a user's password, scoped to a project, a domain, the system or nothing. */
export class PasswordAuth extends AuthPlugin {
  readonly authType = 'password';
  readonly user: UserRef;
  readonly scope: Scope;
  readonly #password: string;

  constructor(options: PasswordAuthOptions) {
    const parsed = parsePluginOptions(passwordOptionsSchema, options, 'password auth');
    super(parsed.authUrl);
    this.user = resolveUser(parsed, true) as UserRef;
    this.scope = resolveScope(parsed);
    this.#password = parsed.password;
  }

  tokenRequestBody(): TokenRequestBody {
    const scope = scopeBody(this.scope);
    return {
      auth: {
        identity: { methods: ['password'], password: { user: { ...this.user, password: this.#password } } },
        ...(scope === undefined ? {} : { scope }),
      },
    };
  }

  describe(): string {
    return `password auth for user ${describeRef(this.user)}, ${describeScope(this.scope)}`;
  }
}
