/**
 * A `skip_datapoints_expression` that kitty-collect will not evaluate: a Python syntax error, a construct
 * outside the supported subset (`construct` is then set, e.g. `lambda`), or text over the limits. Raised
 * by `parseSkipExpression`; callers turn it into a configuration issue for the option.
 */
export class SkipExpressionError extends Error {
  override name = 'SkipExpressionError';
  /** The expression as written. */
  readonly expression: string;
  /** 1-based column in `expression` of what is refused (a newline counts as one character). */
  readonly position: number;
  /** The Python construct refused (`lambda`, `arithmetic +`, `name os`), when that is the problem. */
  readonly construct: string | undefined;
  /** What is wrong, without the position: `unsupported construct 'lambda'`, `expected ')'`. */
  readonly reason: string;

  constructor(init: {
    expression: string;
    position: number;
    construct?: string;
    reason?: string;
    hint?: string;
  }) {
    const reason = init.reason ?? `unsupported construct '${init.construct ?? '?'}'`;
    super(`${reason} at column ${init.position}${init.hint === undefined ? '' : `: ${init.hint}`}`);
    this.expression = init.expression;
    this.position = init.position;
    this.construct = init.construct;
    this.reason = reason;
  }
}
