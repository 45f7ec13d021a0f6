/**
 * A PromQL lexer (Prometheus 2.x syntax), enough to find vector selectors: it never fails, so a query it
 * cannot make sense of is still rewritten token by token and Prometheus reports the real syntax error.
 */
export type TokenKind =
  | 'identifier'
  | 'number'
  | 'string'
  | 'left-paren'
  | 'right-paren'
  | 'left-brace'
  | 'right-brace'
  | 'left-bracket'
  | 'right-bracket'
  | 'comma'
  | 'operator'
  | 'other';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

const IDENTIFIER = /[A-Za-z_:][A-Za-z0-9_:]*/y;
const OPERATOR = /==|!=|>=|<=|=~|!~|[-+*/%^=<>@!:]/y;

const PUNCTUATION: Record<string, TokenKind> = {
  '(': 'left-paren',
  ')': 'right-paren',
  '{': 'left-brace',
  '}': 'right-brace',
  '[': 'left-bracket',
  ']': 'right-bracket',
  ',': 'comma',
};

function scanString(input: string, start: number): number {
  const quote = input[start];
  let pos = start + 1;
  while (pos < input.length) {
    const ch = input[pos];
    if (ch === '\\' && quote !== '`') pos += 2;
    else if (ch === quote) return pos + 1;
    else pos++;
  }
  return input.length; // unterminated: the rest is the string
}

/** Numbers (decimal, hex, exponent, Inf/NaN come as identifiers) and durations such as 5m or 1h30m. */
function scanNumber(input: string, start: number): number {
  let pos = start;
  const hex = /^0[xX]/.test(input.slice(start, start + 2));
  while (pos < input.length) {
    const ch = input[pos] as string;
    if (/[0-9A-Za-z_.]/.test(ch)) {
      pos++;
      continue;
    }
    // an exponent sign: 1e-3, 2.5E+10 (not after a duration unit or in a hex literal)
    const previous = input[pos - 1] ?? '';
    if (!hex && (ch === '+' || ch === '-') && /[eE]/.test(previous)) {
      const mantissa = input.slice(start, pos - 1);
      if (/^[0-9.]+$/.test(mantissa) && /[0-9]/.test(input[pos + 1] ?? '')) {
        pos++;
        continue;
      }
    }
    break;
  }
  return pos;
}

/** All tokens, whitespace and `#` comments left out (their positions are implied by the gaps). */
export function lexPromQL(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  // Inside [...] a colon separates a subquery's range and step; elsewhere it may start a metric name.
  let bracketDepth = 0;
  const push = (kind: TokenKind, end: number) => {
    tokens.push({ kind, text: input.slice(pos, end), start: pos, end });
    pos = end;
  };
  while (pos < input.length) {
    const ch = input[pos] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      pos++;
      continue;
    }
    if (ch === '#') {
      const newline = input.indexOf('\n', pos);
      pos = newline < 0 ? input.length : newline + 1;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      push('string', scanString(input, pos));
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(input[pos + 1] ?? ''))) {
      push('number', scanNumber(input, pos));
      continue;
    }
    if (ch === ':' && bracketDepth > 0) {
      push('operator', pos + 1);
      continue;
    }
    IDENTIFIER.lastIndex = pos;
    if (IDENTIFIER.exec(input)) {
      push('identifier', IDENTIFIER.lastIndex);
      continue;
    }
    const punctuation = PUNCTUATION[ch];
    if (punctuation) {
      if (punctuation === 'left-bracket') bracketDepth++;
      if (punctuation === 'right-bracket') bracketDepth = Math.max(0, bracketDepth - 1);
      push(punctuation, pos + 1);
      continue;
    }
    OPERATOR.lastIndex = pos;
    if (OPERATOR.exec(input)) {
      push('operator', OPERATOR.lastIndex);
      continue;
    }
    push('other', pos + 1);
  }
  return tokens;
}
