/** Longest part of an expression quoted in a message. */
const QUOTED_MAX = 120;

export interface PolicyRuleLocation {
  /** The rule's name (`dataframes:get`). */
  rule: string;
  /** The policy file; undefined for a default rule. */
  file?: string;
  /** 1-based line of the rule in `file`. */
  line?: number;
}

/**
 * A rule's expression is not in the oslo.policy language kitty-collect evaluates. oslo.policy would log it
 * and deny every request the rule guards; kitty-collect refuses to start instead.
 */
export class PolicyRuleError extends Error {
  override name = 'PolicyRuleError';
  readonly rule: string;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly expression: string;
  /** 1-based column in `expression` where the problem is. */
  readonly position: number;
  readonly reason: string;
  /** The message without the file and line: what a configuration problem at the rule's line says. */
  readonly problem: string;

  constructor(location: PolicyRuleLocation, expression: string, position: number, reason: string) {
    const problem = `${reason} at column ${position} of ${quote(expression)}`;
    super(`${describeRule(location)}: ${problem}`);
    this.problem = `policy rule "${location.rule}": ${problem}`;
    this.rule = location.rule;
    this.file = location.file;
    this.line = location.line;
    this.expression = expression;
    this.position = position;
    this.reason = reason;
  }
}

/** `policy rule "x"`, `policy.yaml line 3: policy rule "x"` or `default policy rule "x"`. */
export function describeRule(location: PolicyRuleLocation): string {
  if (location.file === undefined) return `default policy rule "${location.rule}"`;
  const line = location.line === undefined ? '' : ` line ${location.line}`;
  return `${location.file}${line}: policy rule "${location.rule}"`;
}

function quote(expression: string): string {
  const shown = expression.length > QUOTED_MAX ? `${expression.slice(0, QUOTED_MAX)}…` : expression;
  return JSON.stringify(shown);
}
