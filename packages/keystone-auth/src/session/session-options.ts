import { z } from 'zod';
import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { AuthPlugin } from '../identity/auth-plugin.js';
import { optionName } from '../identity/option-names.js';

export interface SessionLogger {
  warn(details: Record<string, unknown>, message: string): void;
  debug?(details: Record<string, unknown>, message: string): void;
}

export const sessionOptionsSchema = z.strictObject({
  auth: z.custom<AuthPlugin>((value) => value instanceof AuthPlugin, {
    error: 'expected an auth plugin (PasswordAuth, ApplicationCredentialAuth, TokenAuth)',
  }),
  /** Seconds per request to Keystone and, by default, per request of `client()`. */
  timeout: z.number({ error: 'expected seconds' }).positive({ error: 'must be positive' }).default(30),
  caFile: z.string().min(1).optional(),
  certFile: z.string().min(1).optional(),
  keyFile: z.string().min(1).optional(),
  insecure: z.boolean({ error: 'expected true or false' }).default(false),
  /** Renew the token when fewer seconds than this are left (keystoneauth's stale margin is 30 s). */
  renewBeforeSeconds: z.number().nonnegative().default(60),
  userAgent: z.string().min(1).default('kitty-collect-keystone-auth'),
  maxConnections: z.number().int().positive().default(16),
  logger: z
    .custom<SessionLogger>((value) => typeof value === 'object' && value !== null && 'warn' in value)
    .optional(),
});

export type SessionOptions = z.input<typeof sessionOptionsSchema>;
export type NormalizedSessionOptions = z.output<typeof sessionOptionsSchema>;

export function normalizeSessionOptions(options: SessionOptions): NormalizedSessionOptions {
  const parsed = sessionOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path[0];
    throw new KeystoneConfigError(
      typeof key === 'string' ? optionName(key) : 'session',
      issue?.message ?? 'invalid',
      {
        source: 'session',
      },
    );
  }
  return parsed.data;
}
