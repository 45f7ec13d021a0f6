/** The longest `skip_datapoints_expression` read, in characters (UTF-16 code units); the field example has 46. */
export const MAX_SKIP_EXPRESSION_LENGTH = 4096;

/**
 * Deepest nesting of brackets, `not`, unary signs and `.get`/`[…]` chains: parsing and evaluation recurse
 * once a level, so this bounds both stacks whatever a hostile metrics.yml holds. Python's own parser stops
 * at 200 parentheses.
 */
export const MAX_SKIP_EXPRESSION_NESTING = 64;
