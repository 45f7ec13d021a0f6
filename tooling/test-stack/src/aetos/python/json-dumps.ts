import type { PyValue } from './value.js';

/** `repr(float)` as Python writes it: shortest round-trip digits, exponent below 1e-4 and from 1e16 on. */
export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  if (Object.is(value, -0)) return '-0.0';
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const rest = digits.slice(1);
    const exp = `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
    return `${sign}${digits[0]}${rest ? `.${rest}` : ''}e${exp}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${intPart}.${fraction || '0'}`;
}

const JSON_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A JSON string as `json.dumps` writes it (ensure_ascii: everything outside printable ASCII as \uXXXX). */
export function pyJsonString(value: string): string {
  let out = '"';
  for (const unit of value.split('')) {
    const escaped = JSON_ESCAPES[unit];
    if (escaped !== undefined) out += escaped;
    else if (unit >= ' ' && unit <= '~') out += unit;
    else out += `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/** `json.dumps(value)` with Python's defaults: `", "` and `": "` separators, ASCII output. */
export function pyJsonDumps(value: PyValue): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'string') return pyJsonString(value);
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(', ')}]`;
  switch (value.kind) {
    case 'int':
      return value.value.toString();
    case 'float':
      if (Number.isNaN(value.value)) return 'NaN';
      if (!Number.isFinite(value.value)) return value.value > 0 ? 'Infinity' : '-Infinity';
      return pyFloatRepr(value.value);
    case 'dict':
      return `{${[...value.entries].map(([k, v]) => `${pyJsonString(k)}: ${pyJsonDumps(v)}`).join(', ')}}`;
  }
}
