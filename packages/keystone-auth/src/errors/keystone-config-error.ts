import { KeystoneAuthError } from './keystone-auth-error.js';

/** Missing, unknown or contradictory options; `option` names the one at fault (keystoneauth's name). */
export class KeystoneConfigError extends KeystoneAuthError {
  override name = 'KeystoneConfigError';
  readonly option: string;
  readonly source: string | undefined;

  constructor(option: string, problem: string, options: { source?: string; cause?: unknown } = {}) {
    const where = options.source ? ` (${options.source})` : '';
    super(`Invalid Keystone option ${option}${where}: ${problem}`, { cause: options.cause });
    this.option = option;
    this.source = options.source;
  }
}
