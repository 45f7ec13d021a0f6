import { KeystoneAuthError } from './keystone-auth-error.js';

/** Where an option was read, in parts; which parts apply depends on the source. */
export interface KeystoneOptionLocation {
  /** The configuration file: a cloudkitty.conf as the caller named it, a clouds.yaml or secure.yaml path. */
  file?: string;
  /** The conf section (the `auth_section` target for auth options). */
  section?: string;
  /** 1-based line in `file`. */
  line?: number;
  /** The environment variable that gave the value: `OS_AUTH_URL`, or one that overrode a conf option. */
  variable?: string;
  /** The clouds.yaml cloud. */
  cloud?: string;
  /** The key path inside the cloud entry: `auth.password`, `regions[1].values.auth.password`. */
  key?: string;
}

export interface KeystoneConfigErrorDetails extends KeystoneOptionLocation {
  /**
   * The same place written for people: `cloudkitty.conf [keystone_authtoken] line 12`, `environment
   * variable OS_AUTH_URL`; for a missing option, where it was looked for.
   */
  source?: string;
  cause?: unknown;
}

/**
 * Missing, unknown or contradictory options; `option` names the one at fault (keystoneauth's name),
 * `problem` says what is wrong with it, and the location fields say where it was read.
 */
export class KeystoneConfigError extends KeystoneAuthError {
  override name = 'KeystoneConfigError';
  readonly option: string;
  readonly problem: string;
  readonly source: string | undefined;
  readonly file: string | undefined;
  readonly section: string | undefined;
  readonly line: number | undefined;
  readonly variable: string | undefined;
  readonly cloud: string | undefined;
  readonly key: string | undefined;

  constructor(option: string, problem: string, details: KeystoneConfigErrorDetails = {}) {
    super(new.target.compose(option, problem, details.source), { cause: details.cause });
    this.option = option;
    this.problem = problem;
    this.source = details.source;
    this.file = details.file;
    this.section = details.section;
    this.line = details.line;
    this.variable = details.variable;
    this.cloud = details.cloud;
    this.key = details.key;
  }

  /**
   * The message, from the fields. It runs before the instance exists, so a subclass that words its
   * message otherwise (a file error) overrides this rather than assigning `message` after `super`.
   */
  protected static compose(option: string, problem: string, source: string | undefined): string {
    return `Invalid Keystone option ${option}${source ? ` (${source})` : ''}: ${problem}`;
  }
}
