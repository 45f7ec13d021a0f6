/**
 * `urllib.parse.urlencode(params)` as requests builds a query string: quote_plus with Python's safe set
 * (letters, digits, `_.-~`), spaces as `+`, UTF-8 percent-encoding for the rest.
 */
export function pyQuotePlus(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.\-~]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function pyUrlencode(params: Iterable<readonly [string, string]>): string {
  return [...params].map(([name, value]) => `${pyQuotePlus(name)}=${pyQuotePlus(value)}`).join('&');
}
