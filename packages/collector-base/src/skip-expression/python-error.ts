/**
 * What Python's `eval` would raise at this point (`TypeError: …`); internal to the evaluator, which adds
 * the expression, the rating type and the column and throws a SkipExpressionEvaluationError.
 */
export class PythonError {
  constructor(readonly reason: string) {}
}

export function typeError(message: string): PythonError {
  return new PythonError(`TypeError: ${message}`);
}
