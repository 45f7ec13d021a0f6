import { POLICY_LIMITS } from '../limits.js';
import { describeRule, type PolicyRuleLocation } from './policy-rule-error.js';

/**
 * A rule's `rule:` reference cannot be followed: the rule does not exist, it leads back to the rule itself,
 * or the chain is longer than the bound; or a file's rule is none of CloudKitty's and nothing refers to it
 * (`unused`: most likely a misspelt name, e.g. `dataframes:gett`, which would leave `dataframes:get` as it
 * was). oslo.policy would find out at request time (an unknown rule denies,
 * a cycle recurses until Python gives up); kitty-collect refuses to start.
 */
export class PolicyReferenceError extends Error {
  override name = 'PolicyReferenceError';
  readonly rule: string;
  readonly file: string | undefined;
  readonly line: number | undefined;
  /** The rule referred to (`rule:<reference>`). */
  readonly reference: string;
  /** The names followed from `rule` to `reference`, both included. */
  readonly chain: readonly string[];
  readonly reason: 'unknown' | 'cycle' | 'too-deep' | 'unused';
  /** The message without the file and line: what a configuration problem at the rule's line says. */
  readonly problem: string;

  constructor(
    location: PolicyRuleLocation,
    reference: string,
    chain: readonly string[],
    reason: PolicyReferenceError['reason'],
  ) {
    const path = chain.map((name) => `"${name}"`).join(' → ');
    const what = {
      unknown: `refers to rule:${reference}, which no default rule or policy file rule defines`,
      cycle: `refers back to itself: ${path}`,
      'too-deep': `follows more than ${POLICY_LIMITS.maxReferenceDepth} rule: references: ${path}`,
      unused: `is none of CloudKitty's rules and no rule refers to it (rule:${reference}): a misspelt rule name would leave the rule it meant at its default`,
    }[reason];
    super(`${describeRule(location)} ${what}`);
    this.problem = `policy rule "${location.rule}" ${what}`;
    this.rule = location.rule;
    this.file = location.file;
    this.line = location.line;
    this.reference = reference;
    this.chain = chain;
    this.reason = reason;
  }
}
