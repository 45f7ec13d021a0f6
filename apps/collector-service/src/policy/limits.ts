/**
 * Bounds on what a policy file may ask of the parser and the evaluator. CloudKitty's rules are under 100
 * characters and 3 levels deep; the bounds are far above that and far below what could exhaust the stack
 * or take noticeable time at request time.
 */
export const POLICY_LIMITS = {
  /** Characters in one rule's expression. */
  maxExpressionLength: 4096,
  /** Parentheses and `not`s nested inside one expression. */
  maxNesting: 32,
  /** `rule:` references followed from one rule to the deepest (a → b → c is 2). */
  maxReferenceDepth: 32,
  /** Bytes of a policy file. */
  maxFileBytes: 1024 * 1024,
} as const;
