/**
 * Text content as ElementTree/lxml serialise it with their default US-ASCII encoding: `&`, `<`, `>` escaped,
 * everything outside ASCII as a decimal character reference.
 */
export function xmlTextAscii(value: string): string {
  let out = '';
  for (const ch of value) {
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else {
      const code = ch.codePointAt(0) ?? 0;
      out += code > 0x7f ? `&#${code};` : ch;
    }
  }
  return out;
}
