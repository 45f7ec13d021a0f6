import { SkipExpressionError } from '../errors/skip-expression-error.js';
import { type CompareOperator, SkipExpression, type SkipNode } from './ast.js';
import { MAX_SKIP_EXPRESSION_LENGTH, MAX_SKIP_EXPRESSION_NESTING } from './limits.js';
import { type Token, tokenize } from './tokenize.js';

/** Python's binary operators, none of which the subset has: `qty * 2 > 1` is refused, not misread. */
const BINARY_OPERATORS: Readonly<Record<string, string>> = {
  '+': 'arithmetic +',
  '-': 'arithmetic -',
  '*': 'arithmetic *',
  '/': 'arithmetic /',
  '//': 'arithmetic //',
  '%': 'arithmetic %',
  '**': 'arithmetic **',
  '@': 'matrix multiplication @',
  '|': 'bitwise |',
  '&': 'bitwise &',
  '^': 'bitwise ^',
  '<<': 'shift <<',
  '>>': 'shift >>',
};
const ORDER_OPERATORS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '@=', '&=', '|=', '^=', '<<=', '>>=']);
/** Keywords that make a statement, or an expression the subset leaves out: refused by name. */
const REFUSED_KEYWORDS = new Set(
  [
    'lambda await yield async',
    'import from def class del pass return raise global nonlocal assert break continue try while with',
  ]
    .join(' ')
    .split(' '),
);
/** The rest of Python's keywords: out of place where an operand is expected (a syntax error). */
const OTHER_KEYWORDS = new Set('and as elif else except finally for if in is not or'.split(' '));
const CONSTANTS: Readonly<Record<string, null | boolean>> = { None: null, True: true, False: false };
const ONLY_CALL = 'the only call is .get(key) or .get(key, default)';
const SHOWN_NAME_MAX = 40;

/**
 * Parses a `skip_datapoints_expression` (a Python expression) into the subset kitty-collect evaluates
 * without `eval`: literals, the name `datapoint`, `.get(key[, default])`, `[key]`, comparisons (chained),
 * `in`/`not in`, `and`/`or`/`not`, unary `-`/`+` and brackets. Anything else, and text over
 * {@link MAX_SKIP_EXPRESSION_LENGTH} characters or nested deeper than {@link MAX_SKIP_EXPRESSION_NESTING},
 * raises {@link SkipExpressionError} naming the construct and its column.
 */
export function parseSkipExpression(text: string): SkipExpression {
  if (text.length > MAX_SKIP_EXPRESSION_LENGTH) {
    throw new SkipExpressionError({
      expression: text,
      position: MAX_SKIP_EXPRESSION_LENGTH + 1,
      reason: `longer than ${MAX_SKIP_EXPRESSION_LENGTH} characters (${text.length})`,
    });
  }
  return new SkipExpression(text, new Parser(text, tokenize(text)).parse());
}

class Parser {
  readonly #text: string;
  readonly #tokens: readonly Token[];
  #at = 0;
  #depth = 0;

  constructor(text: string, tokens: readonly Token[]) {
    this.#text = text;
    this.#tokens = tokens;
  }

  parse(): SkipNode {
    this.#refuseKeywordConstructs();
    this.#skipNewlines();
    if (this.#peek().kind === 'end') this.#fail(this.#peek(), 'empty expression');
    const root = this.#expression();
    if (this.#isOp(',')) this.#refuse(this.#peek(), 'tuple without parentheses');
    this.#skipNewlines();
    if (this.#peek().kind !== 'end') this.#unexpected(this.#peek());
    return root;
  }

  /**
   * Constructs that a keyword or `:=` announces wherever it stands are named first, ahead of the names
   * they bind: `[x for x in y]` is a comprehension before `x` is an unknown name.
   */
  #refuseKeywordConstructs(): void {
    for (const [index, token] of this.#tokens.entries()) {
      if (token.kind === 'op' && token.op === ':=') this.#refuse(token, 'walrus :=');
      if (token.kind !== 'name') continue;
      const next = this.#tokens[index + 1];
      if (REFUSED_KEYWORDS.has(token.raw)) this.#refuse(token, token.raw);
      if (token.raw === 'for') this.#refuse(token, 'comprehension');
      if (token.raw === 'if') this.#refuse(token, 'if-expression');
      if (token.raw === 'is')
        this.#refuse(token, next?.kind === 'name' && next.raw === 'not' ? 'is not' : 'is');
    }
  }

  // --- grammar, loosest binding first ------------------------------------------------------------------

  #expression(): SkipNode {
    return this.#disjunction();
  }

  #disjunction(): SkipNode {
    return this.#boolean('or', () => this.#conjunction());
  }

  #conjunction(): SkipNode {
    return this.#boolean('and', () => this.#inversion());
  }

  #boolean(op: 'and' | 'or', operand: () => SkipNode): SkipNode {
    const first = operand();
    const operands = [first];
    while (this.#isKeyword(op)) {
      this.#next();
      operands.push(operand());
    }
    return operands.length === 1 ? first : { kind: 'bool', op, operands, position: first.position };
  }

  #inversion(): SkipNode {
    const token = this.#peek();
    if (!this.#isKeyword('not')) return this.#comparison();
    this.#next();
    return this.#nested(token, () => ({
      kind: 'not',
      operand: this.#inversion(),
      position: token.start + 1,
    }));
  }

  #comparison(): SkipNode {
    const first = this.#operand();
    const rest: { op: CompareOperator; operand: SkipNode; position: number }[] = [];
    for (;;) {
      const token = this.#peek();
      const op = this.#compareOperator();
      if (op === undefined) break;
      rest.push({ op, operand: this.#operand(), position: token.start + 1 });
    }
    return rest.length === 0 ? first : { kind: 'compare', first, rest, position: first.position };
  }

  /** The comparison operator at the cursor, consumed; undefined when there is none. */
  #compareOperator(): CompareOperator | undefined {
    const token = this.#peek();
    if (token.kind === 'op' && ORDER_OPERATORS.has(token.op)) {
      this.#next();
      return token.op as CompareOperator;
    }
    if (token.kind === 'op' && token.op === '<>')
      this.#fail(token, "invalid syntax '<>' (Python 3 writes !=)");
    if (this.#isKeyword('in')) {
      this.#next();
      return 'in';
    }
    if (this.#isKeyword('not') && this.#isKeyword('in', 1)) {
      this.#next();
      this.#next();
      return 'not in';
    }
    return undefined;
  }

  /** A comparison operand; a binary operator after it is refused by name. */
  #operand(): SkipNode {
    const node = this.#unary();
    const token = this.#peek();
    const construct = token.kind === 'op' ? BINARY_OPERATORS[token.op] : undefined;
    if (construct !== undefined) this.#refuse(token, construct);
    return node;
  }

  #unary(): SkipNode {
    const token = this.#peek();
    if (token.kind !== 'op') return this.#primary();
    if (token.op === '~') this.#refuse(token, 'bitwise ~');
    if (token.op !== '-' && token.op !== '+') return this.#primary();
    this.#next();
    const op = token.op;
    return this.#nested(token, () => ({
      kind: 'unary',
      op,
      operand: this.#unary(),
      position: token.start + 1,
    }));
  }

  /** An atom and its `.get(…)` and `[…]` links; each link is a level of nesting. */
  #primary(): SkipNode {
    let node = this.#atom();
    const depth = this.#depth;
    for (let token = this.#peek(); ; token = this.#peek()) {
      if (token.kind !== 'op' || !['.', '[', '('].includes(token.op)) break;
      this.#enter(token);
      if (token.op === '(') this.#refuse(token, 'call', ONLY_CALL);
      node = token.op === '.' ? this.#get(node, token) : this.#subscript(node, token);
    }
    this.#depth = depth;
    return node;
  }

  #get(target: SkipNode, dot: Token): SkipNode {
    this.#next();
    const name = this.#peek();
    if (name.kind !== 'name' || isKeyword(name)) this.#fail(name, "expected an attribute name after '.'");
    this.#next();
    const calls = this.#isOp('(');
    if (name.name !== 'get') {
      const shown = shorten(name.raw);
      this.#refuse(name, calls ? `call of .${shown}()` : `attribute .${shown}`, ONLY_CALL);
    }
    if (!calls) this.#refuse(name, '.get without a call', 'write .get(key) or .get(key, default)');
    const args = this.#arguments();
    if (args.length === 0 || args.length > 2) {
      this.#refuse(
        name,
        `.get with ${args.length === 0 ? 'no argument' : `${args.length} arguments`}`,
        ONLY_CALL,
      );
    }
    const [key, fallback] = args as [SkipNode, SkipNode | undefined];
    return { kind: 'get', target, key, fallback, position: dot.start + 1 };
  }

  /** `(a, b)` after `.get`: positional arguments only, a trailing comma allowed. */
  #arguments(): SkipNode[] {
    this.#next();
    const args: SkipNode[] = [];
    while (!this.#isOp(')')) {
      const token = this.#peek();
      const after = this.#tokens[this.#at + 1];
      if (token.kind === 'name' && after?.kind === 'op' && after.op === '=')
        this.#refuse(token, 'keyword argument');
      args.push(this.#expression());
      if (!this.#isOp(',')) break;
      this.#next();
    }
    this.#expect(')');
    return args;
  }

  #subscript(target: SkipNode, bracket: Token): SkipNode {
    this.#next();
    if (this.#isOp(':')) this.#refuse(this.#peek(), 'slice');
    const first = this.#expression();
    let key = first;
    if (this.#isOp(':')) this.#refuse(this.#peek(), 'slice');
    // `d[a, b]` is `d[(a, b)]` in Python.
    if (this.#isOp(',')) key = this.#sequenceRest('tuple', first, ']', bracket);
    else this.#expect(']');
    return { kind: 'subscript', target, key, position: bracket.start + 1 };
  }

  #atom(): SkipNode {
    const token = this.#peek();
    const position = token.start + 1;
    switch (token.kind) {
      case 'int':
      case 'float':
        this.#next();
        return { kind: 'constant', value: token.value, position };
      case 'string': {
        // Adjacent literals are one string, as in Python: 'a' "b" is 'ab'.
        let value = '';
        for (let next = this.#peek(); next.kind === 'string'; next = this.#peek()) {
          value += next.value;
          this.#next();
        }
        return { kind: 'constant', value, position };
      }
      case 'name':
        return this.#name(token);
      case 'op':
        if (token.op === '(') return this.#nested(token, () => this.#bracketed(token, 'tuple'));
        if (token.op === '[') return this.#nested(token, () => this.#bracketed(token, 'list'));
        if (token.op === '{') return this.#nested(token, () => this.#braces(token));
        if (token.op === '*' || token.op === '**') this.#refuse(token, `unpacking ${token.op}`);
        if (token.op === '...') this.#refuse(token, 'Ellipsis ...');
        return this.#unexpected(token);
      default:
        return this.#unexpected(token);
    }
  }

  #name(token: Extract<Token, { kind: 'name' }>): SkipNode {
    const position = token.start + 1;
    const constant = Object.hasOwn(CONSTANTS, token.raw) ? CONSTANTS[token.raw] : undefined;
    if (constant !== undefined) {
      this.#next();
      return { kind: 'constant', value: constant, position };
    }
    if (OTHER_KEYWORDS.has(token.raw)) this.#unexpected(token);
    // Python reads names NFKC-normalised: `ｄatapoint` is `datapoint`.
    if (token.name === 'datapoint') {
      this.#next();
      return { kind: 'datapoint', position };
    }
    const shown = shorten(token.raw);
    const after = this.#tokens[this.#at + 1];
    if (after?.kind === 'op' && after.op === '(') this.#refuse(token, `call of ${shown}`, ONLY_CALL);
    return this.#refuse(token, `name ${shown}`, 'the only names are datapoint, True, False and None');
  }

  /** `[…]` is a list; `(…)` a tuple when empty or with a comma (`(1,)`), else the expression it holds. */
  #bracketed(open: Token, type: 'list' | 'tuple'): SkipNode {
    const close = type === 'list' ? ']' : ')';
    const position = open.start + 1;
    this.#next();
    if (this.#isOp(close)) {
      this.#next();
      return { kind: 'sequence', type, items: [], position };
    }
    const first = this.#expression();
    if (this.#isOp(',')) return this.#sequenceRest(type, first, close, open);
    this.#expect(close);
    return type === 'tuple' ? first : { kind: 'sequence', type, items: [first], position };
  }

  /** After `first` and at a comma: the other items up to `close`, a trailing comma allowed. */
  #sequenceRest(type: 'list' | 'tuple', first: SkipNode, close: string, open: Token): SkipNode {
    const items = [first];
    while (this.#isOp(',')) {
      this.#next();
      if (this.#isOp(close)) break;
      items.push(this.#expression());
    }
    this.#expect(close);
    return { kind: 'sequence', type, items, position: open.start + 1 };
  }

  /** `{}` and `{k: v, …}` are dicts; `{a, b}` is a set, left out of the subset. */
  #braces(open: Token): SkipNode {
    this.#next();
    const entries: (readonly [SkipNode, SkipNode])[] = [];
    while (!this.#isOp('}')) {
      if (this.#isOp('**')) this.#refuse(this.#peek(), 'unpacking **');
      const key = this.#expression();
      if (!this.#isOp(':')) {
        if (entries.length === 0 && (this.#isOp(',') || this.#isOp('}'))) this.#refuse(open, 'set');
        this.#expect(':');
      }
      this.#next();
      entries.push([key, this.#expression()]);
      if (!this.#isOp(',')) break;
      this.#next();
    }
    this.#expect('}');
    return { kind: 'dict', entries, position: open.start + 1 };
  }

  // --- cursor and errors -------------------------------------------------------------------------------

  #peek(ahead = 0): Token {
    return (this.#tokens[this.#at + ahead] ?? this.#tokens[this.#tokens.length - 1]) as Token;
  }

  #next(): void {
    if (this.#at < this.#tokens.length - 1) this.#at += 1;
  }

  #isOp(op: string): boolean {
    const token = this.#peek();
    return token.kind === 'op' && token.op === op;
  }

  /** A keyword as written: Python does not normalise keywords (`Ｔrue` is a name). */
  #isKeyword(word: string, ahead = 0): boolean {
    const token = this.#peek(ahead);
    return token.kind === 'name' && token.raw === word;
  }

  #skipNewlines(): void {
    while (this.#peek().kind === 'newline') this.#next();
  }

  #expect(op: string): void {
    if (this.#isOp(op)) {
      this.#next();
      return;
    }
    const token = this.#peek();
    if (token.kind === 'end' || token.kind === 'newline') this.#fail(token, `expected '${op}'`);
    this.#unexpected(token, ` (expected '${op}')`);
  }

  /** A level of nesting around `parse`, refused past the limit before it recurses further. */
  #nested(token: Token, parse: () => SkipNode): SkipNode {
    this.#enter(token);
    const node = parse();
    this.#depth -= 1;
    return node;
  }

  #enter(token: Token): void {
    this.#depth += 1;
    if (this.#depth > MAX_SKIP_EXPRESSION_NESTING) {
      this.#fail(token, `nested deeper than ${MAX_SKIP_EXPRESSION_NESTING} levels`);
    }
  }

  #unexpected(token: Token, expected = ''): never {
    if (token.kind === 'op' && token.op === '=') this.#refuse(token, 'assignment =');
    if (token.kind === 'op' && AUGMENTED.has(token.op))
      this.#refuse(token, `augmented assignment ${token.op}`);
    if (token.kind === 'op' && token.op === ';') {
      this.#fail(token, "unexpected ';' (a skip_datapoints_expression is one expression)");
    }
    return this.#fail(token, `unexpected ${describe(token)}${expected}`);
  }

  #fail(token: Token, reason: string): never {
    throw new SkipExpressionError({ expression: this.#text, position: token.start + 1, reason });
  }

  #refuse(token: Token, construct: string, hint?: string): never {
    const init = { expression: this.#text, position: token.start + 1, construct };
    throw new SkipExpressionError(hint === undefined ? init : { ...init, hint });
  }
}

function isKeyword(token: Extract<Token, { kind: 'name' }>): boolean {
  return (
    Object.hasOwn(CONSTANTS, token.raw) || REFUSED_KEYWORDS.has(token.raw) || OTHER_KEYWORDS.has(token.raw)
  );
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'name':
      return `'${shorten(token.raw)}'`;
    case 'int':
    case 'float':
      return 'number';
    case 'string':
      return 'string';
    case 'op':
      return `'${token.op}'`;
    case 'newline':
      return 'end of line';
    case 'end':
      return 'end of the expression';
  }
}

/** A name from the expression, cut for a message (the expression may be 4096 characters of one name). */
function shorten(name: string): string {
  return name.length <= SHOWN_NAME_MAX ? name : `${name.slice(0, SHOWN_NAME_MAX)}…`;
}
