import { z } from 'zod';
import { AuthPlugin, type TokenRequestBody } from './auth-plugin.js';
import { parsePluginOptions, requiredText, scopeOptionsShape } from './plugin-options.js';
import { describeScope, resolveScope, type Scope, type ScopeOptions, scopeBody } from './scope.js';

const tokenOptionsSchema = z.strictObject({
  authUrl: requiredText,
  token: z.string({ error: 'is required' }).min(1, { error: 'must not be empty' }),
  ...scopeOptionsShape,
});

export interface TokenAuthOptions extends ScopeOptions {
  authUrl: string;
  token: string;
}

/** keystoneauth's `token` / `v3token`: an existing token, optionally rescoped. */
export class TokenAuth extends AuthPlugin {
  readonly authType = 'token';
  readonly scope: Scope;
  readonly #token: string;

  constructor(options: TokenAuthOptions) {
    const parsed = parsePluginOptions(tokenOptionsSchema, options, 'token auth');
    super(parsed.authUrl);
    this.#token = parsed.token;
    this.scope = resolveScope(parsed);
  }

  tokenRequestBody(): TokenRequestBody {
    const scope = scopeBody(this.scope);
    return {
      auth: {
        identity: { methods: ['token'], token: { id: this.#token } },
        ...(scope === undefined ? {} : { scope }),
      },
    };
  }

  describe(): string {
    return `token auth, ${describeScope(this.scope)}`;
  }
}
