import type { OptionProblem } from '../location.js';

export type OptionValueErrorDetails = OptionProblem & { option: string };

/**
 * An option whose value its type refuses (or a required option that is missing), e.g.
 * `cloudkitty.conf:12: [collect] period: expected a whole number of seconds, got "1h"`.
 */
export class OptionValueError extends Error {
  override name = 'OptionValueError';
  readonly file: string;
  readonly section: string;
  readonly option: string;
  readonly line: number | undefined;
  readonly variable: string | undefined;
  readonly problem: string;

  constructor(details: OptionValueErrorDetails) {
    const where =
      details.variable !== undefined
        ? `environment variable ${details.variable}`
        : details.line !== undefined
          ? `${details.file}:${details.line}`
          : details.file;
    super(`${where}: [${details.section}] ${details.option}: ${details.problem}`);
    this.file = details.file;
    this.section = details.section;
    this.option = details.option;
    this.line = details.line;
    this.variable = details.variable;
    this.problem = details.problem;
  }
}
