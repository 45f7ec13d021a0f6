import { z } from 'zod';
import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { optionName } from './option-names.js';

export const optionalText = z.string().min(1, { error: 'must not be empty' }).optional();
export const requiredText = z.string({ error: 'is required' }).min(1, { error: 'must not be empty' });

/** Validates plugin options once, naming the first bad option in keystoneauth's spelling. */
export function parsePluginOptions<Schema extends z.ZodType>(
  schema: Schema,
  options: unknown,
  plugin: string,
): z.output<Schema> {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue?.path[0];
  const option = typeof key === 'string' ? optionName(key) : 'options';
  const message =
    issue?.code === 'unrecognized_keys'
      ? `unknown option(s) ${issue.keys.map(optionName).join(', ')}`
      : (issue?.message ?? 'invalid');
  throw new KeystoneConfigError(option, message, { source: plugin });
}

/** The scope options PasswordAuth and TokenAuth share (ScopeOptions). */
export const scopeOptionsShape = {
  projectId: optionalText,
  projectName: optionalText,
  projectDomainId: optionalText,
  projectDomainName: optionalText,
  domainId: optionalText,
  domainName: optionalText,
  systemScope: optionalText,
};

/** The user options PasswordAuth and ApplicationCredentialAuth share (UserOptions). */
export const userOptionsShape = {
  username: optionalText,
  userId: optionalText,
  userDomainName: optionalText,
  userDomainId: optionalText,
};
