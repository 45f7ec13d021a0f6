/** Raised by {@link Fraction.parse}; callers turn it into a configuration issue for the field. */
export class FractionSyntaxError extends Error {
  override name = 'FractionSyntaxError';
}
