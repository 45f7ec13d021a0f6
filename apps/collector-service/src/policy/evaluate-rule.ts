import type { PolicyCredentials, PolicyTarget } from './credentials.js';
import type { MatchTemplate, PolicyRule } from './rule-tree.js';

/** How a `rule:` check is decided: by the policy, which knows the other rules. */
export type RuleReferences = (name: string) => boolean;

/**
 * Decides a rule for a request as oslo.policy's checks do. `references` decides `rule:` checks; without
 * it, a `rule:` check is an error (a lone rule has nobody to ask).
 */
export function evaluateRule(
  rule: PolicyRule,
  target: PolicyTarget,
  credentials: PolicyCredentials,
  references: RuleReferences = unresolved,
): boolean {
  switch (rule.kind) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'rule':
      return references(rule.name);
    case 'role': {
      const match = substitute(rule.match, target);
      if (match === undefined) return false;
      const wanted = match.toLowerCase();
      return credentials.roles.some((role) => role.toLowerCase() === wanted);
    }
    case 'generic': {
      const match = substitute(rule.match, target);
      return match !== undefined && credentialValues(credentials, rule.attribute).includes(match);
    }
    case 'not':
      return !evaluateRule(rule.rule, target, credentials, references);
    case 'and':
      return rule.rules.every((part) => evaluateRule(part, target, credentials, references));
    case 'or':
      return rule.rules.some((part) => evaluateRule(part, target, credentials, references));
  }
}

function unresolved(name: string): never {
  throw new Error(`internal error: rule:${name} evaluated without a policy`);
}

/**
 * Python's `match % target`: undefined when a field is missing from the target, where oslo catches the
 * KeyError and the check is false. A field the caller left undefined counts as missing (oslo would
 * compare with the text "None").
 */
function substitute(match: MatchTemplate, target: PolicyTarget): string | undefined {
  let text = '';
  for (const part of match) {
    if ('literal' in part) {
      text += part.literal;
      continue;
    }
    const value = Object.hasOwn(target, part.target) ? target[part.target] : undefined;
    if (value === undefined) return undefined;
    text += value;
  }
  return text;
}

/**
 * oslo's GenericCheck compares `match` with `str(creds[attribute])`, or with each item of a list: booleans
 * as Python writes them. An attribute the credentials do not have never matches (oslo's KeyError).
 */
function credentialValues(credentials: PolicyCredentials, attribute: string): readonly string[] {
  switch (attribute) {
    case 'roles':
      return credentials.roles;
    case 'is_admin':
      return [pythonBoolean(credentials.is_admin)];
    case 'is_admin_project':
      return [pythonBoolean(credentials.is_admin_project ?? true)];
    case 'project_id':
    case 'user_id':
    case 'domain_id':
    case 'system_scope': {
      const value = credentials[attribute];
      return value === undefined ? [] : [value];
    }
    default:
      return [];
  }
}

function pythonBoolean(value: boolean): string {
  return value ? 'True' : 'False';
}
