export interface ConfigFileErrorDetails {
  /** The file as it was named when read (`/etc/cloudkitty/cloudkitty.conf`). */
  file: string;
  /** 1-based line at fault; absent when the file as a whole cannot be read. */
  line?: number;
  /** 1-based column at fault, where it says more than the line (the missing `]` of a section header). */
  column?: number;
  /** What is wrong (`Unexpected continuation line`, `cannot read the file (ENOENT)`). */
  problem: string;
}

/**
 * A configuration file that cannot be read or parsed. The message names the file, the line and (where it helps) the
 * column, `cloudkitty.conf:3:9: …`, but never quotes the line: it may hold a password.
 */
export class ConfigFileError extends Error {
  override name = 'ConfigFileError';
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly problem: string;

  constructor(details: ConfigFileErrorDetails, options: { cause?: unknown } = {}) {
    const where = [details.file, details.line, details.line === undefined ? undefined : details.column]
      .filter((part) => part !== undefined)
      .join(':');
    super(`${where}: ${details.problem}`, { cause: options.cause });
    this.file = details.file;
    this.line = details.line;
    this.column = details.line === undefined ? undefined : details.column;
    this.problem = details.problem;
  }
}
