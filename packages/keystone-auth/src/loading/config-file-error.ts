import { KeystoneConfigError } from '../errors/keystone-config-error.js';

/**
 * A configuration file that cannot be read or parsed (cloudkitty.conf, clouds.yaml). It is a
 * KeystoneConfigError so one `catch` covers every configuration problem; `option` is oslo.config's
 * `config_file`. The message names the file and line but never quotes the line: it may hold a password.
 */
export class ConfigFileError extends KeystoneConfigError {
  override name = 'ConfigFileError';
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, line: number | undefined, problem: string, options: { cause?: unknown } = {}) {
    const where = line === undefined ? file : `${file}:${line}`;
    super('config_file', problem, { source: where, cause: options.cause });
    // KeystoneConfigError words its message for options; a file error reads better as `file:line: problem`.
    this.message = `${where}: ${problem}`;
    this.file = file;
    this.line = line;
  }
}
