export interface ConfigFileErrorDetails {
  /** The file as it was named when read (`/etc/cloudkitty/cloudkitty.conf`). */
  file: string;
  /** 1-based line at fault; absent when the file as a whole cannot be read. */
  line?: number;
  /** What is wrong (`Unexpected continuation line`, `cannot read the file (ENOENT)`). */
  problem: string;
}

/**
 * A configuration file that cannot be read or parsed. The message names the file and the line but never
 * quotes the line: it may hold a password.
 */
export class ConfigFileError extends Error {
  override name = 'ConfigFileError';
  readonly file: string;
  readonly line: number | undefined;
  readonly problem: string;

  constructor(details: ConfigFileErrorDetails, options: { cause?: unknown } = {}) {
    const where = details.line === undefined ? details.file : `${details.file}:${details.line}`;
    super(`${where}: ${details.problem}`, { cause: options.cause });
    this.file = details.file;
    this.line = details.line;
    this.problem = details.problem;
  }
}
