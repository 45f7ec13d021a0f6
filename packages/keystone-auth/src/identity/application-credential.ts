import { z } from 'zod';
import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { AuthPlugin, type TokenRequestBody } from './auth-plugin.js';
import { optionalText, parsePluginOptions, requiredText, userOptionsShape } from './plugin-options.js';
import { describeRef } from './scope.js';
import { resolveUser, type UserOptions, type UserRef } from './user-ref.js';

const applicationCredentialOptionsSchema = z.strictObject({
  authUrl: requiredText,
  applicationCredentialId: optionalText,
  applicationCredentialName: optionalText,
  applicationCredentialSecret: z.string({ error: 'is required' }).min(1, { error: 'must not be empty' }),
  ...userOptionsShape,
});

export interface ApplicationCredentialAuthOptions extends UserOptions {
  authUrl: string;
  applicationCredentialId?: string;
  applicationCredentialName?: string;
  applicationCredentialSecret: string;
}

/**
 * keystoneauth's `v3applicationcredential`: by id, or by name with its user. The token is scoped to the
 * credential's project by Keystone itself.
 */
export class ApplicationCredentialAuth extends AuthPlugin {
  readonly authType = 'v3applicationcredential';
  readonly credential: { id: string } | { name: string; user: UserRef };
  readonly #secret: string;

  constructor(options: ApplicationCredentialAuthOptions) {
    const parsed = parsePluginOptions(
      applicationCredentialOptionsSchema,
      options,
      'application credential auth',
    );
    super(parsed.authUrl);
    this.#secret = parsed.applicationCredentialSecret;
    if (parsed.applicationCredentialId !== undefined) {
      this.credential = { id: parsed.applicationCredentialId };
    } else if (parsed.applicationCredentialName !== undefined) {
      const user = resolveUser(parsed, false);
      if (user === undefined) {
        throw new KeystoneConfigError(
          'username',
          'application_credential_name needs the user (username or user_id)',
        );
      }
      this.credential = { name: parsed.applicationCredentialName, user };
    } else {
      throw new KeystoneConfigError(
        'application_credential_id',
        'application_credential_id, or application_credential_name with its user, is required',
      );
    }
  }

  tokenRequestBody(): TokenRequestBody {
    return {
      auth: {
        identity: {
          methods: ['application_credential'],
          application_credential: { ...this.credential, secret: this.#secret },
        },
      },
    };
  }

  describe(): string {
    return 'id' in this.credential
      ? `application credential auth with credential id ${this.credential.id}`
      : `application credential auth with credential '${this.credential.name}' of user ${describeRef(this.credential.user)}`;
  }
}
