/** A token of a rule's text, with its 1-based column. */
export type RuleToken =
  | { type: '(' | ')' | 'and' | 'or' | 'not'; position: number }
  | { type: 'check'; text: string; position: number };

/**
 * oslo.policy's `_parse_tokenize`: the text is split at whitespace; a word's leading `(`s and trailing `)`s
 * are parentheses, what is left is `and`, `or`, `not` (in any case) or a check. Parentheses inside a word
 * are the check's (`project_id:%(project_id)s`), and a check cannot end with `)`, exactly as in oslo.
 */
export function tokenizeRule(expression: string): RuleToken[] {
  const tokens: RuleToken[] = [];
  for (const word of expression.matchAll(/\S+/g)) {
    const start = word.index + 1;
    const text = word[0];
    const leading = text.length - text.replace(/^\(+/, '').length;
    for (let i = 0; i < leading; i++) tokens.push({ type: '(', position: start + i });
    const rest = text.slice(leading);
    const clean = rest.replace(/\)+$/, '');
    const at = start + leading;
    const lowered = clean.toLowerCase();
    if (lowered === 'and' || lowered === 'or' || lowered === 'not') {
      tokens.push({ type: lowered, position: at });
    } else if (clean !== '') {
      tokens.push({ type: 'check', text: clean, position: at });
    }
    for (let i = clean.length; i < rest.length; i++) tokens.push({ type: ')', position: at + i });
  }
  return tokens;
}
