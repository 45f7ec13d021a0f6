import { HttpError } from './http-error.js';

/**
 * 400: a query parameter is unknown, repeated or invalid; the message names it. `message` replaces the
 * composed one where CloudKitty has words of its own for the problem (they name the parameter too).
 */
export class InvalidParameterError extends HttpError {
  override name = 'InvalidParameterError';
  readonly parameters: readonly string[];

  constructor(problems: readonly { parameter: string; message: string }[], message?: string) {
    super(
      400,
      message ??
        problems.map((problem) => `Invalid parameter '${problem.parameter}': ${problem.message}`).join('; '),
    );
    this.parameters = problems.map((problem) => problem.parameter);
  }
}
