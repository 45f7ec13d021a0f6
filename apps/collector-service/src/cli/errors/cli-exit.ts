/**
 * Thrown by commands to end with a given code after printing `message` on stderr; `cause` is the
 * failure behind it, whose stack `--debug` prints.
 */
export class CliExit extends Error {
  override name = 'CliExit';
  readonly code: number;

  constructor(code: number, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}
