import { KeystoneConfigError } from './keystone-config-error.js';

export interface CloudsYamlErrorDetails {
  /** The clouds.yaml (or secure.yaml, clouds.json) path. */
  file: string;
  /** 1-based line of a YAML syntax error. */
  line?: number;
  problem: string;
}

/**
 * A clouds.yaml, secure.yaml or clouds.json that cannot be read or parsed. It is a KeystoneConfigError
 * (its `option` is `config_file`) so one `catch` covers every configuration problem; the message reads
 * `file:line: problem` and never quotes the line: it may hold a password.
 */
export class CloudsYamlError extends KeystoneConfigError {
  override name = 'CloudsYamlError';

  constructor(details: CloudsYamlErrorDetails, options: { cause?: unknown } = {}) {
    const where = details.line === undefined ? details.file : `${details.file}:${details.line}`;
    super('config_file', details.problem, {
      source: where,
      file: details.file,
      ...(details.line === undefined ? {} : { line: details.line }),
      cause: options.cause,
    });
  }

  protected static override compose(_option: string, problem: string, source: string | undefined): string {
    return `${source}: ${problem}`;
  }
}
