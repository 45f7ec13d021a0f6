import { quoteValue } from './quote-value.js';

/** What a collector accepts as one kind of name, and how a message describes it. */
export interface NameRule {
  /** Matched against the whole name (anchor it: `/^…$/`). */
  pattern: RegExp;
  /** `a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)`: shown as `expected <expected>, got "…"`. */
  expected: string;
}

/**
 * The names a collector writes into its queries, checked by `validateMetricsConf` when given: metric names
 * (the keys under `metrics:`) and label names (`groupby`, `metadata`, the scope key). metrics.yml itself
 * only requires non-empty strings; each backend has its own grammar (the Prometheus one is in
 * `@kitty-collect/collectors`).
 */
export interface NameRules {
  metricName?: NameRule;
  labelName?: NameRule;
}

/** The message for a name the rule refuses, or `undefined` when it matches. */
export function nameProblem(rule: NameRule | undefined, name: string): string | undefined {
  if (rule === undefined) return undefined;
  rule.pattern.lastIndex = 0;
  return rule.pattern.test(name) ? undefined : `expected ${rule.expected}, got ${quoteValue(name)}`;
}
