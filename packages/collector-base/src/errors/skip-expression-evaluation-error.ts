import { quoteValue } from '../conf/quote-value.js';
import { CollectorError } from './collector-error.js';

/**
 * Evaluating a `skip_datapoints_expression` on a data point raised what Python's `eval` would raise
 * (`TypeError`, `KeyError`, …). CloudKitty's worker then fails the period; so does kitty-collect's loop.
 */
export class SkipExpressionEvaluationError extends CollectorError {
  override name = 'SkipExpressionEvaluationError';
  /** The expression as written. */
  readonly expression: string;
  /** The rating type whose point was evaluated (its display name), when known. */
  readonly ratingType: string | undefined;
  /** Python's error: `TypeError: '<' not supported between instances of 'str' and 'int'`. */
  readonly reason: string;
  /** 1-based column in `expression` of the operation that raised. */
  readonly position: number | undefined;

  constructor(init: { expression: string; reason: string; ratingType?: string; position?: number }) {
    const ratingType = init.ratingType === undefined ? '' : ` of rating type ${quoteValue(init.ratingType)}`;
    const column = init.position === undefined ? '' : ` at column ${init.position}`;
    super(
      `skip_datapoints_expression ${quoteValue(init.expression)}${ratingType} failed${column}: ${init.reason}`,
    );
    this.expression = init.expression;
    this.ratingType = init.ratingType;
    this.reason = init.reason;
    this.position = init.position;
  }
}
