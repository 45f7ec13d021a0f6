/** Thrown by commands to end with a given code after printing `message` on stderr. */
export class CliExit extends Error {
  override name = 'CliExit';
  readonly code: number;

  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}
