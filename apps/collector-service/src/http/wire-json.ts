/**
 * CloudKitty's wire format writes quantities, prices and aggregates as JSON numbers (its encoder turns
 * Decimal into float). kitty-collect keeps them exact: a `JsonNumber` is written as its decimal text, a
 * JSON number that a decimal-aware reader reads exactly and everyone else parses to the same float as
 * CloudKitty's (`123456789.123456789` → 123456789.12345679). JSON.stringify cannot write a number's text
 * as given (JSON.rawJSON is not in Node 20), hence this serializer.
 */
export class JsonNumber {
  readonly text: string;

  constructor(text: string) {
    if (!JSON_NUMBER.test(text)) throw new RangeError(`Not a JSON number: ${JSON.stringify(text)}`);
    this.text = text;
  }
}

/** JSON's number grammar (RFC 8259 §6). */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

/**
 * A stored decimal (`1`, `0.5`, `1e-7`, `-0`, `.5`, `+2`, `1.`) as a JSON number with the same value: only
 * the spelling JSON refuses is changed (a leading `+` or `.`, a trailing `.`, leading zeros).
 */
export function decimalNumber(text: string): JsonNumber {
  const match = /^\s*([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?\s*$/.exec(text);
  if (match === null || `${match[2] ?? ''}${match[3] ?? ''}` === '') {
    throw new RangeError(`Not a decimal: ${JSON.stringify(text)}`);
  }
  const sign = match[1] === '-' ? '-' : '';
  const whole = (match[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const fraction = match[3] === undefined || match[3] === '' ? '' : `.${match[3]}`;
  const exponent = match[4] === undefined ? '' : `e${match[4]}`;
  return new JsonNumber(`${sign}${whole}${fraction}${exponent}`);
}

/** Nesting deeper than this is a bug in the caller, not an answer to send. */
const MAX_DEPTH = 64;

/** JSON.stringify's output (no spaces; `undefined` properties skipped, in arrays `null`), JsonNumber as is. */
export function stringifyWire(value: unknown): string {
  return write(value, 0) ?? 'null';
}

function write(value: unknown, depth: number): string | undefined {
  if (depth > MAX_DEPTH) throw new RangeError('stringifyWire: nested too deeply');
  if (value instanceof JsonNumber) return value.text;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return write((value as { toJSON(): unknown }).toJSON(), depth + 1);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => write(item, depth + 1) ?? 'null').join(',')}]`;
  }
  const members: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const text = write(item, depth + 1);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
}
