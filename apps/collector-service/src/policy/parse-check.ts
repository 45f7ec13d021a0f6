import type { MatchPart, MatchTemplate, PolicyRule } from './rule-tree.js';

/** A check refused, with the 1-based column in the check's text; parse-rule.ts places it in the rule. */
export class CheckSyntax {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

/** oslo's GenericCheck with a simple name: a credential attribute (`project_id`, `is_admin`). */
const ATTRIBUTE = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A target field of `%(name)s`; dots as in oslo's targets (`target.project_id`). */
const TARGET_FIELD = /^[A-Za-z0-9_.]+$/;
/** Credentials that are booleans: oslo compares them with Python's `str(True)`, `True` or `False`. */
const BOOLEAN_ATTRIBUTES = new Set(['is_admin', 'is_admin_project']);
/** oslo.policy's other registered checks, which call out (HttpCheck, HttpsCheck). */
const CALLING_OUT = new Set(['http', 'https']);

/**
 * oslo.policy's `_parse_check`: `@`, `!`, or `kind:match` split at the first colon, `kind` being `role`,
 * `rule` or a credential attribute (GenericCheck). Throws CheckSyntax.
 */
export function parseCheck(text: string): PolicyRule {
  if (text === '@') return { kind: 'always' };
  if (text === '!') return { kind: 'never' };
  if (text.startsWith('"') || text.startsWith("'")) {
    throw new CheckSyntax(1, 'a quoted string is not a check');
  }
  const colon = text.indexOf(':');
  if (colon < 0) throw new CheckSyntax(1, `"${text}" is not a check (kind:match, @ or !)`);
  const kind = text.slice(0, colon);
  const match = text.slice(colon + 1);
  const matchOffset = colon + 2;
  if (match === '') throw new CheckSyntax(matchOffset, `"${text}" has nothing after its colon`);
  if (kind === 'rule') return { kind: 'rule', name: match, position: matchOffset };
  if (kind === 'role') return { kind: 'role', match: parseMatch(match, matchOffset) };
  if (CALLING_OUT.has(kind.toLowerCase())) {
    throw new CheckSyntax(1, `${kind}: checks (oslo.policy's HttpCheck) are not supported`);
  }
  if (!ATTRIBUTE.test(kind)) {
    throw new CheckSyntax(1, `unknown check kind "${kind}" (role, rule, or a credential attribute name)`);
  }
  const template = parseMatch(match, matchOffset);
  if (BOOLEAN_ATTRIBUTES.has(kind)) checkBooleanLiteral(kind, template, matchOffset);
  return { kind: 'generic', attribute: kind, match: template };
}

/**
 * Python's `match % target` for the only conversion rules use, `%(name)s`; `%%` is a `%`. Anything else
 * would be a ValueError in oslo, at request time.
 */
function parseMatch(match: string, offset: number): MatchTemplate {
  const parts: MatchPart[] = [];
  let literal = '';
  let i = 0;
  while (i < match.length) {
    const char = match[i];
    if (char !== '%') {
      literal += char;
      i++;
      continue;
    }
    if (match[i + 1] === '%') {
      literal += '%';
      i += 2;
      continue;
    }
    const field = /^%\(([^)]*)\)s/.exec(match.slice(i));
    if (field === null || !TARGET_FIELD.test(field[1] ?? '')) {
      throw new CheckSyntax(offset + i, 'a % must be %(name)s, a field of the target, or %% for a %');
    }
    if (literal !== '') parts.push({ literal });
    literal = '';
    parts.push({ target: field[1] ?? '' });
    i += field[0].length;
  }
  if (literal !== '') parts.push({ literal });
  return parts;
}

/** `is_admin:true` never matches in oslo (`'true' != str(True)`): a mistake, refused. */
function checkBooleanLiteral(attribute: string, template: MatchTemplate, offset: number): void {
  const only = template.length === 1 ? template[0] : undefined;
  const literal = only !== undefined && 'literal' in only ? only.literal : undefined;
  if (literal === undefined || literal === 'True' || literal === 'False') return;
  throw new CheckSyntax(
    offset,
    `${attribute} is a boolean: write ${attribute}:True or ${attribute}:False (oslo compares with Python's True and False, so "${literal}" would never match)`,
  );
}
