import { KeystoneConfigError } from '../errors/keystone-config-error.js';

export interface UserOptions {
  username?: string;
  userId?: string;
  userDomainName?: string;
  userDomainId?: string;
}

export type UserRef = { id: string } | { name: string; domain: { id: string } | { name: string } };

/** A user by id, or by name within a domain (name or id). */
export function resolveUser(options: UserOptions, required: boolean): UserRef | undefined {
  if (options.userId !== undefined && options.username !== undefined) {
    throw new KeystoneConfigError('user_id', 'give user_id or username, not both');
  }
  if (options.userId !== undefined) return { id: options.userId };
  if (options.username === undefined) {
    if (required) throw new KeystoneConfigError('username', 'username or user_id is required');
    return undefined;
  }
  if (options.userDomainId !== undefined && options.userDomainName !== undefined) {
    throw new KeystoneConfigError('user_domain_id', 'give user_domain_id or user_domain_name, not both');
  }
  if (options.userDomainId !== undefined)
    return { name: options.username, domain: { id: options.userDomainId } };
  if (options.userDomainName !== undefined)
    return { name: options.username, domain: { name: options.userDomainName } };
  throw new KeystoneConfigError('user_domain_name', 'username needs user_domain_name or user_domain_id');
}
