import { SkipExpressionError } from '../errors/skip-expression-error.js';

/**
 * Python's tokens, as far as an expression needs them. `start` is the 0-based offset in the text. Names
 * are NFKC-normalised as Python does (`ｄatapoint` is `datapoint`); `raw` keeps them as written.
 */
export type Token =
  | { kind: 'name'; start: number; name: string; raw: string }
  | { kind: 'int'; start: number; value: bigint }
  | { kind: 'float'; start: number; value: number }
  | { kind: 'string'; start: number; value: string }
  | { kind: 'op'; start: number; op: string }
  | { kind: 'newline'; start: number }
  | { kind: 'end'; start: number };

/** Longest first, so that `**` is not read as two `*`. */
const OPERATORS = (
  '**= //= >>= <<= ... -> := == != <= >= <> << >> ** // += -= *= /= %= &= |= ^= @= ' +
  '( ) [ ] { } , : . ; @ = + - * / % & | ^ ~ < > !'
).split(' ');

const NAME = /[\p{ID_Start}_][\p{ID_Continue}]*/uy;
const DIGITS = '[0-9](?:_?[0-9])*';
const EXPONENT = `[eE][-+]?${DIGITS}`;
const NUMBER = new RegExp(
  [
    '0[xX](?:_?[0-9a-fA-F])+',
    '0[oO](?:_?[0-7])+',
    '0[bB](?:_?[01])+',
    String.raw`(?:${DIGITS})?\.${DIGITS}(?:${EXPONENT})?`,
    String.raw`${DIGITS}\.(?:${EXPONENT})?`,
    `${DIGITS}${EXPONENT}`,
    DIGITS,
  ].join('|'),
  'y',
);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const STRING_PREFIX = /^(?:[rRuUbBfF]|[bB][rR]|[rR][bB]|[fF][rR]|[rR][fF])$/;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Reads `text` into tokens; a character or literal Python would not read raises SkipExpressionError. */
export function tokenize(text: string): Token[] {
  return new Tokenizer(text).run();
}

class Tokenizer {
  readonly #text: string;
  #at = 0;
  /** Open brackets: inside them a newline is only a space, as in Python. */
  #brackets = 0;
  readonly #tokens: Token[] = [];

  constructor(text: string) {
    this.#text = text;
  }

  run(): Token[] {
    const text = this.#text;
    // Python source is text: half a surrogate pair cannot be written (an escape for one is refused too).
    const lone = LONE_SURROGATE.exec(text);
    if (lone !== null)
      this.#fail(lone.index, `lone surrogate U+${text.charCodeAt(lone.index).toString(16).toUpperCase()}`);
    while (this.#at < text.length) {
      const start = this.#at;
      const char = text[start] as string;
      if (char === ' ' || char === '\t' || char === '\f') this.#at += 1;
      else if (char === '\n' || char === '\r') this.#newline(start);
      else if (char === '#') this.#comment();
      else if (char === '\\') this.#continuation(start);
      else if (char === '"' || char === "'") this.#string(start, '');
      else if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(text[start + 1] ?? '')))
        this.#number(start);
      else if (!this.#name(start)) this.#operator(start);
    }
    this.#tokens.push({ kind: 'end', start: text.length });
    return this.#tokens;
  }

  #fail(start: number, reason: string): never {
    throw new SkipExpressionError({ expression: this.#text, position: start + 1, reason });
  }

  #refuse(start: number, construct: string): never {
    throw new SkipExpressionError({ expression: this.#text, position: start + 1, construct });
  }

  #newline(start: number): void {
    this.#at += this.#text.startsWith('\r\n', start) ? 2 : 1;
    if (this.#brackets === 0) this.#tokens.push({ kind: 'newline', start });
  }

  #comment(): void {
    while (this.#at < this.#text.length && !'\r\n'.includes(this.#text[this.#at] as string)) this.#at += 1;
  }

  /** A backslash joins the next line; anywhere else it is an error, as in Python. */
  #continuation(start: number): void {
    const next = this.#text.startsWith('\r\n', start + 1)
      ? 2
      : '\r\n'.includes(this.#text[start + 1] ?? 'x')
        ? 1
        : 0;
    if (next === 0) this.#fail(start, 'unexpected character after line continuation character');
    this.#at = start + 1 + next;
  }

  #name(start: number): boolean {
    NAME.lastIndex = start;
    const raw = NAME.exec(this.#text)?.[0];
    if (raw === undefined) return false;
    const quote = this.#text[start + raw.length];
    if ((quote === '"' || quote === "'") && STRING_PREFIX.test(raw)) {
      this.#string(start, raw.toLowerCase());
      return true;
    }
    this.#at = start + raw.length;
    this.#tokens.push({ kind: 'name', start, name: raw.normalize('NFKC'), raw });
    return true;
  }

  #number(start: number): void {
    NUMBER.lastIndex = start;
    const literal = NUMBER.exec(this.#text)?.[0] ?? '';
    const end = start + literal.length;
    const after = this.#text[end] ?? '';
    if (after === 'j' || after === 'J') this.#refuse(start, 'complex number');
    // `1_`, `1a`, `0x`, `1e`: Python's "invalid decimal literal".
    if (literal === '' || /[\p{ID_Continue}]/u.test(after)) this.#fail(start, 'invalid number literal');
    const digits = literal.replace(/_/g, '');
    this.#at = end;
    if (/^0[xXoObB]/.test(digits)) {
      this.#tokens.push({ kind: 'int', start, value: BigInt(digits) });
    } else if (/^[0-9]+$/.test(digits)) {
      if (/^0+[1-9]/.test(digits))
        this.#fail(start, 'leading zeros in decimal integer literals are not permitted');
      this.#tokens.push({ kind: 'int', start, value: BigInt(digits) });
    } else {
      // JavaScript's conversion is correctly rounded, as Python's; past the range it gives ±Infinity too.
      this.#tokens.push({ kind: 'float', start, value: Number(digits) });
    }
  }

  #operator(start: number): void {
    const op = OPERATORS.find((candidate) => this.#text.startsWith(candidate, start));
    if (op === undefined) {
      const code = this.#text.codePointAt(start) as number;
      const shown =
        code < 0x20 || code > 0x7e
          ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
          : `'${String.fromCodePoint(code)}'`;
      this.#fail(start, `unexpected character ${shown}`);
    }
    if ('([{'.includes(op)) this.#brackets += 1;
    else if (')]}'.includes(op)) this.#brackets = Math.max(0, this.#brackets - 1);
    this.#at = start + op.length;
    this.#tokens.push({ kind: 'op', start, op });
  }

  /** A string literal from its prefix (lower-cased) at `start`; adjacent literals are joined by the parser. */
  #string(start: number, prefix: string): void {
    if (prefix.includes('f')) this.#refuse(start, 'f-string');
    if (prefix.includes('b')) this.#refuse(start, 'bytes literal');
    const raw = prefix.includes('r');
    const open = start + prefix.length;
    const quote = this.#text[open] as string;
    const triple = this.#text.startsWith(quote.repeat(3), open);
    const delimiter = triple ? quote.repeat(3) : quote;
    let at = open + delimiter.length;
    let value = '';
    for (;;) {
      if (at >= this.#text.length)
        this.#fail(
          start,
          triple ? 'unterminated triple-quoted string literal' : 'unterminated string literal',
        );
      if (this.#text.startsWith(delimiter, at)) break;
      const char = this.#text[at] as string;
      if (!triple && (char === '\n' || char === '\r')) this.#fail(start, 'unterminated string literal');
      if (char === '\\') {
        const [text, next] = raw ? this.#rawEscape(at) : this.#escape(at);
        value += text;
        at = next;
      } else if (char === '\r') {
        // Python reads source newlines as \n, inside triple-quoted strings too.
        value += '\n';
        at += this.#text.startsWith('\r\n', at) ? 2 : 1;
      } else {
        value += char;
        at += 1;
      }
    }
    this.#at = at + delimiter.length;
    this.#tokens.push({ kind: 'string', start, value });
  }

  /** In a raw string a backslash only keeps the next character from ending the literal; both stay. */
  #rawEscape(at: number): [string, number] {
    const next = this.#text[at + 1];
    if (next === undefined) return ['\\', at + 1];
    if (next === '\r' && this.#text[at + 2] === '\n') return ['\\\n', at + 3];
    return [`\\${next === '\r' ? '\n' : next}`, at + 2];
  }

  /** One escape sequence at `at` (a backslash): its text and where the literal continues. */
  #escape(at: number): [string, number] {
    const next = this.#text[at + 1];
    if (next === undefined) return ['\\', at + 1];
    if (next === '\n') return ['', at + 2];
    if (next === '\r') return ['', at + (this.#text[at + 2] === '\n' ? 3 : 2)];
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) return [simple, at + 2];
    const octal = /^[0-7]{1,3}/.exec(this.#text.slice(at + 1, at + 4))?.[0];
    if (octal !== undefined) return [String.fromCodePoint(Number.parseInt(octal, 8)), at + 1 + octal.length];
    const hexLength = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const hex = this.#text.slice(at + 2, at + 2 + hexLength);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) {
        this.#fail(at, `truncated \\${next}${'X'.repeat(hexLength)} escape`);
      }
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff) this.#fail(at, `illegal Unicode character in \\${next}${hex}`);
      // A surrogate is a character in Python and half of one in JavaScript: refused rather than misread.
      if (code >= 0xd800 && code <= 0xdfff) this.#refuse(at, `surrogate escape \\${next}${hex}`);
      return [String.fromCodePoint(code), at + 2 + hexLength];
    }
    if (next === 'N') this.#refuse(at, 'named Unicode escape \\N{…}');
    // Python keeps an unknown escape as written (with a warning).
    return [`\\${next}`, at + 2];
  }
}
