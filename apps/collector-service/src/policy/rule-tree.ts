/**
 * A parsed oslo.policy rule: the checks of `_checks.py` that kitty-collect evaluates. The tree is plain
 * data, so it can be rendered back (render-rule.ts) and compared.
 */
export type PolicyRule =
  /** `@`, or the empty rule `""`: everyone. */
  | { kind: 'always' }
  /** `!`: no one. */
  | { kind: 'never' }
  /** `role:admin`: a role of the credentials, compared without case (oslo lowercases both). */
  | { kind: 'role'; match: MatchTemplate }
  /** `rule:context_is_admin`: another rule of the policy, by name. */
  | { kind: 'rule'; name: string; position: number }
  /**
   * oslo's GenericCheck with a simple name: `project_id:%(project_id)s` compares the credential attribute
   * with the target's value, `is_admin:True` with a literal.
   */
  | { kind: 'generic'; attribute: string; match: MatchTemplate }
  | { kind: 'not'; rule: PolicyRule }
  | { kind: 'and'; rules: readonly PolicyRule[] }
  | { kind: 'or'; rules: readonly PolicyRule[] };

/**
 * The right side of a check, as Python's `match % target` reads it: literal text and `%(name)s` fields
 * of the target. `%%` is a literal `%`.
 */
export type MatchTemplate = readonly MatchPart[];
export type MatchPart = { literal: string } | { target: string };
