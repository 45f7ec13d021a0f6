import type { PolicyCredentials, PolicyDecision, PolicyTarget } from './credentials.js';
import { DEFAULT_RULES } from './default-rules.js';
import { PolicyNotRegisteredError } from './errors/policy-not-registered-error.js';
import { PolicyReferenceError } from './errors/policy-reference-error.js';
import type { PolicyRuleLocation } from './errors/policy-rule-error.js';
import { evaluateRule } from './evaluate-rule.js';
import { POLICY_LIMITS } from './limits.js';
import { parseRule } from './parse-rule.js';
import { renderRule } from './render-rule.js';
import type { PolicyRule } from './rule-tree.js';

/** One rule as written: in the defaults (no file) or in a policy file, at a line. */
export interface PolicyRuleSource {
  name: string;
  expression: string;
  file?: string;
  line?: number;
}

interface CompiledRule {
  readonly tree: PolicyRule;
  readonly source: PolicyRuleSource;
}

/**
 * CloudKitty's rules, defaults overridden by the operator's: every rule parsed and every `rule:` reference
 * followed when it is built, so enforcing a rule cannot meet a syntax error, an unknown rule or a cycle.
 */
export class Policy {
  private readonly rules: ReadonlyMap<string, CompiledRule>;
  /** The policy file read, if any. */
  readonly file: string | undefined;

  private constructor(rules: ReadonlyMap<string, CompiledRule>, file: string | undefined) {
    this.rules = rules;
    this.file = file;
  }

  /**
   * The defaults, then `overrides` in order (a later rule of the same name wins, as a file overrides a
   * default); a name CloudKitty does not define is allowed when a rule refers to it (`rule:`). Throws PolicyRuleError or
   * PolicyReferenceError naming the rule (and its file and line).
   */
  static build(overrides: readonly PolicyRuleSource[] = [], options: { file?: string } = {}): Policy {
    const sources = new Map<string, PolicyRuleSource>();
    for (const [name, expression] of Object.entries(DEFAULT_RULES)) sources.set(name, { name, expression });
    for (const source of overrides) sources.set(source.name, source);
    const rules = new Map<string, CompiledRule>();
    for (const source of sources.values()) {
      rules.set(source.name, { tree: parseRule(source.expression, locationOf(source)), source });
    }
    checkReferences(rules);
    checkUsed(rules);
    return new Policy(rules, options.file);
  }

  /** Every rule's name: the defaults' and the file's. */
  names(): string[] {
    return [...this.rules.keys()];
  }

  /** A rule's text as parsed (rendered back), or undefined for a rule the policy does not have. */
  expression(name: string): string | undefined {
    const rule = this.rules.get(name);
    return rule === undefined ? undefined : renderRule(rule.tree);
  }

  /** Where a rule comes from: its file and line, or neither for a default. */
  source(name: string): PolicyRuleSource | undefined {
    return this.rules.get(name)?.source;
  }

  /**
   * oslo.policy's `authorize`: whether `credentials` may do what `ruleName` guards on `target`. A rule the
   * policy does not have is kitty-collect's mistake: PolicyNotRegisteredError.
   */
  enforce(ruleName: string, target: PolicyTarget, credentials: PolicyCredentials): PolicyDecision {
    const rule = this.rules.get(ruleName);
    if (rule === undefined) throw new PolicyNotRegisteredError(ruleName);
    // A named rule decides the same for the whole request: each is evaluated once, so that rules referring
    // to one rule many times (a file of `rule:b or rule:b …`, b of `rule:c or rule:c …`) stay linear.
    const decided = new Map<string, boolean>();
    const references = (name: string): boolean => {
      const known = decided.get(name);
      if (known !== undefined) return known;
      const referred = this.rules.get(name);
      if (referred === undefined) throw new Error(`internal error: rule:${name} was checked at load`);
      const allowed = evaluateRule(referred.tree, target, credentials, references);
      decided.set(name, allowed);
      return allowed;
    };
    return { allowed: evaluateRule(rule.tree, target, credentials, references), rule: ruleName };
  }
}

function locationOf(source: PolicyRuleSource): PolicyRuleLocation {
  const location: PolicyRuleLocation = { rule: source.name };
  if (source.file !== undefined) location.file = source.file;
  if (source.line !== undefined) location.line = source.line;
  return location;
}

/** The `rule:` names a rule refers to, in order. */
function referencesOf(rule: PolicyRule): string[] {
  switch (rule.kind) {
    case 'rule':
      return [rule.name];
    case 'not':
      return referencesOf(rule.rule);
    case 'and':
    case 'or':
      return rule.rules.flatMap(referencesOf);
    default:
      return [];
  }
}

/** A file's rule that is none of CloudKitty's must be referred to by some rule, or it is a typo. */
function checkUsed(rules: ReadonlyMap<string, CompiledRule>): void {
  const referred = new Set([...rules.values()].flatMap((rule) => referencesOf(rule.tree)));
  for (const [name, rule] of rules) {
    if (!Object.hasOwn(DEFAULT_RULES, name) && !referred.has(name)) {
      throw new PolicyReferenceError(locationOf(rule.source), name, [name], 'unused');
    }
  }
}

/**
 * Follows every `rule:` reference depth-first: an unknown name, a path back to a rule on the path (a
 * cycle) or a path longer than the bound is reported on the rule where it starts. A rule whose
 * references all end is remembered, so each is walked once.
 */
function checkReferences(rules: ReadonlyMap<string, CompiledRule>): void {
  const settled = new Set<string>();
  const compiled = (name: string): CompiledRule => {
    const rule = rules.get(name);
    if (rule === undefined) throw new Error(`internal error: walked to unknown rule ${name}`);
    return rule;
  };
  // Defaults refer only to defaults: a cycle or a long chain goes through the file, whose rule is named.
  const blamed = (chain: readonly string[]): number => {
    const index = chain.findIndex((name) => compiled(name).source.file !== undefined);
    return Math.max(index, 0);
  };
  const walk = (name: string, path: string[]): void => {
    if (settled.has(name)) return;
    const rule = compiled(name);
    for (const reference of referencesOf(rule.tree)) {
      const chain = [...path, reference];
      if (!rules.has(reference)) {
        throw new PolicyReferenceError(locationOf(rule.source), reference, [name, reference], 'unknown');
      }
      if (path.includes(reference)) {
        const loop = chain.slice(path.indexOf(reference), -1);
        const start = blamed(loop);
        const cycle = [...loop.slice(start), ...loop.slice(0, start)];
        const first = cycle[0] ?? reference;
        throw new PolicyReferenceError(
          locationOf(compiled(first).source),
          reference,
          [...cycle, first],
          'cycle',
        );
      }
      if (chain.length - 1 > POLICY_LIMITS.maxReferenceDepth) {
        const origin = compiled(chain[blamed(chain)] ?? name);
        throw new PolicyReferenceError(locationOf(origin.source), reference, chain, 'too-deep');
      }
      walk(reference, chain);
    }
    settled.add(name);
  };
  for (const name of rules.keys()) walk(name, [name]);
}
