import { PolicyRuleError, type PolicyRuleLocation } from './errors/policy-rule-error.js';
import { POLICY_LIMITS } from './limits.js';
import { CheckSyntax, parseCheck } from './parse-check.js';
import type { PolicyRule } from './rule-tree.js';
import { type RuleToken, tokenizeRule } from './tokenize-rule.js';

/**
 * Parses a rule's text in oslo.policy's language: checks (`role:`, `rule:`, `attr:value`, `@`, `!`),
 * `not` over `and` over `or`, parentheses; `""` is everyone, as in oslo. What oslo would turn into a
 * rule that denies everything after logging it (a syntax error, an unknown check) is a PolicyRuleError
 * here; so is text longer or deeper than POLICY_LIMITS. `location` names the rule in errors.
 */
export function parseRule(expression: string, location: PolicyRuleLocation): PolicyRule {
  const fail = (position: number, reason: string): never => {
    throw new PolicyRuleError(location, expression, position, reason);
  };
  if (expression.length > POLICY_LIMITS.maxExpressionLength) {
    fail(
      POLICY_LIMITS.maxExpressionLength + 1,
      `longer than ${POLICY_LIMITS.maxExpressionLength} characters`,
    );
  }
  if (expression === '') return { kind: 'always' };
  const tokens = tokenizeRule(expression);
  // oslo parses blanks as an error (then denies everyone), unlike "": say which was meant.
  if (tokens.length === 0) fail(1, 'only blanks: write "" for everyone or "!" for no one');
  return new RuleParser(tokens, expression.length, fail).parse();
}

class RuleParser {
  private next = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly RuleToken[],
    private readonly length: number,
    private readonly fail: (position: number, reason: string) => never,
  ) {}

  parse(): PolicyRule {
    const rule = this.orExpression();
    const extra = this.peek();
    if (extra !== undefined) {
      this.fail(
        extra.position,
        extra.type === ')' ? 'unbalanced parenthesis: ")" closes nothing' : 'expected "and" or "or" here',
      );
    }
    return rule;
  }

  private orExpression(): PolicyRule {
    const rules = [this.andExpression()];
    while (this.peek()?.type === 'or') {
      this.operand(this.take());
      rules.push(this.andExpression());
    }
    return rules.length === 1 ? (rules[0] as PolicyRule) : { kind: 'or', rules };
  }

  private andExpression(): PolicyRule {
    const rules = [this.notExpression()];
    while (this.peek()?.type === 'and') {
      this.operand(this.take());
      rules.push(this.notExpression());
    }
    return rules.length === 1 ? (rules[0] as PolicyRule) : { kind: 'and', rules };
  }

  private notExpression(): PolicyRule {
    const token = this.peek();
    if (token?.type !== 'not') return this.primary();
    this.take();
    this.operand(token);
    return this.nested(token, () => ({ kind: 'not', rule: this.notExpression() }));
  }

  private primary(): PolicyRule {
    const token = this.peek();
    if (token === undefined) return this.fail(this.length + 1, 'a check is missing at the end');
    switch (token.type) {
      case 'check':
        this.take();
        return this.check(token.text, token.position);
      case '(': {
        this.take();
        if (this.peek()?.type === ')') this.fail(token.position, 'empty parentheses');
        const rule = this.nested(token, () => this.orExpression());
        const closing = this.peek();
        if (closing === undefined)
          this.fail(token.position, 'unbalanced parenthesis: this "(" is not closed');
        if (closing.type !== ')') this.fail(closing.position, 'expected "and", "or" or ")" here');
        this.take();
        return rule;
      }
      case ')':
        return this.fail(token.position, 'unbalanced parenthesis: ")" closes nothing');
      default:
        return this.fail(token.position, `"${token.type}" has no check before it`);
    }
  }

  /** After an operator, something must follow: `role:a and` is a dangling operator. */
  private operand(operator: RuleToken): void {
    const after = this.peek();
    if (after === undefined || after.type === ')' || after.type === 'and' || after.type === 'or') {
      this.fail(operator.position, `"${operator.type}" has no check after it`);
    }
  }

  private nested(opening: RuleToken, parse: () => PolicyRule): PolicyRule {
    if (++this.depth > POLICY_LIMITS.maxNesting) {
      this.fail(opening.position, `nested deeper than ${POLICY_LIMITS.maxNesting} parentheses and "not"s`);
    }
    const rule = parse();
    this.depth--;
    return rule;
  }

  private check(text: string, position: number): PolicyRule {
    try {
      const rule = parseCheck(text);
      return rule.kind === 'rule' ? { ...rule, position: position + rule.position - 1 } : rule;
    } catch (error) {
      if (!(error instanceof CheckSyntax)) throw error;
      return this.fail(position + error.offset - 1, error.reason);
    }
  }

  private peek(): RuleToken | undefined {
    return this.tokens[this.next];
  }

  private take(): RuleToken {
    const token = this.tokens[this.next++];
    if (token === undefined) throw new Error('internal error: read past the last token');
    return token;
  }
}
