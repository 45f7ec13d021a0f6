import { type PyValue, pyDict, pyFloat, pyInt } from './value.js';

/** Python's json.JSONDecodeError: its message carries line, column and offset like Python's. */
export class PyJsonDecodeError extends Error {
  override name = 'PyJsonDecodeError';
  constructor(
    readonly reason: string,
    readonly text: string,
    readonly position: number,
  ) {
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    const column = position - before.lastIndexOf('\n');
    super(`${reason}: line ${line} column ${column} (char ${position})`);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

/** `json.loads` for the documents Aetos relays: keeps int/float apart and object key order. */
export function pyJsonLoads(text: string): PyValue {
  let pos = 0;
  const skip = () => {
    WHITESPACE.lastIndex = pos;
    WHITESPACE.exec(text);
    pos = WHITESPACE.lastIndex;
  };
  const fail = (reason: string, at = pos): never => {
    throw new PyJsonDecodeError(reason, text, at);
  };

  const parseString = (): string => {
    const start = pos;
    pos++; // opening quote
    let out = '';
    for (;;) {
      const ch = text[pos];
      if (ch === undefined) return fail('Unterminated string starting at', start);
      if (ch === '"') {
        pos++;
        return out;
      }
      if (ch === '\\') {
        const esc = text[pos + 1];
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (esc !== undefined && esc in simple) {
          out += simple[esc];
          pos += 2;
        } else if (esc === 'u') {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid \\uXXXX escape', pos + 1);
          out += String.fromCharCode(Number.parseInt(hex, 16));
          pos += 6;
        } else {
          fail('Invalid \\escape', pos);
        }
      } else {
        if (ch < ' ') fail('Invalid control character at', pos);
        out += ch;
        pos++;
      }
    }
  };

  const parseValue = (): PyValue => {
    skip();
    const ch = text[pos];
    if (ch === '"') return parseString();
    if (ch === '{') {
      pos++;
      const entries: [string, PyValue][] = [];
      skip();
      if (text[pos] === '}') {
        pos++;
        return pyDict(entries);
      }
      for (;;) {
        skip();
        if (text[pos] !== '"') fail('Expecting property name enclosed in double quotes');
        const key = parseString();
        skip();
        if (text[pos] !== ':') fail("Expecting ':' delimiter");
        pos++;
        entries.push([key, parseValue()]);
        skip();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return pyDict(entries);
        }
        fail("Expecting ',' delimiter");
      }
    }
    if (ch === '[') {
      pos++;
      const items: PyValue[] = [];
      skip();
      if (text[pos] === ']') {
        pos++;
        return items;
      }
      for (;;) {
        items.push(parseValue());
        skip();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return items;
        }
        fail("Expecting ',' delimiter");
      }
    }
    for (const [word, value] of [
      ['null', null],
      ['true', true],
      ['false', false],
      ['NaN', pyFloat(Number.NaN)],
      ['Infinity', pyFloat(Number.POSITIVE_INFINITY)],
      ['-Infinity', pyFloat(Number.NEGATIVE_INFINITY)],
    ] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text);
    if (match) {
      pos = NUMBER.lastIndex;
      return match[1] !== undefined || match[2] !== undefined
        ? pyFloat(Number(match[0]))
        : pyInt(BigInt(match[0]));
    }
    return fail('Expecting value');
  };

  const value = parseValue();
  skip();
  if (pos < text.length) fail('Extra data');
  return value;
}
