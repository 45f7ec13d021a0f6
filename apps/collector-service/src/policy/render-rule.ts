import type { MatchTemplate, PolicyRule } from './rule-tree.js';

/**
 * A rule as text that parseRule reads back to the same tree: operands are parenthesised only where the
 * precedence (`not` > `and` > `or`) needs it. For messages, and what `config check` shows.
 */
export function renderRule(rule: PolicyRule): string {
  switch (rule.kind) {
    case 'always':
      return '@';
    case 'never':
      return '!';
    case 'role':
      return `role:${renderMatch(rule.match)}`;
    case 'rule':
      return `rule:${rule.name}`;
    case 'generic':
      return `${rule.attribute}:${renderMatch(rule.match)}`;
    case 'not':
      return `not ${operand(rule.rule, 'not')}`;
    case 'and':
      return rule.rules.map((part) => operand(part, 'and')).join(' and ');
    case 'or':
      return rule.rules.map((part) => operand(part, 'or')).join(' or ');
  }
}

const BINDING = { or: 1, and: 2, not: 3 } as const;

function operand(rule: PolicyRule, within: keyof typeof BINDING): string {
  const text = renderRule(rule);
  // Within an `and`, an `and` needs no parentheses either, but keeping them keeps the tree's shape.
  const binding = rule.kind === 'or' || rule.kind === 'and' ? BINDING[rule.kind] : BINDING.not;
  return binding <= BINDING[within] && binding !== BINDING.not ? `(${text})` : text;
}

function renderMatch(match: MatchTemplate): string {
  return match
    .map((part) => ('literal' in part ? part.literal.replaceAll('%', '%%') : `%(${part.target})s`))
    .join('');
}
