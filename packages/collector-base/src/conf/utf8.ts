import { InvalidConfiguration } from '../errors/invalid-configuration.js';
import { textIssue } from './text-position.js';

const DECODER = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a metrics.yml: UTF-8 only (a leading byte order mark is dropped). The first byte that is not
 * UTF-8 is named with its line and column, so an operator finds a Latin-1 `é` or a binary file at once.
 */
export function decodeUtf8(bytes: Uint8Array, source: string): string {
  try {
    return DECODER.decode(bytes);
  } catch (error) {
    const offset = firstInvalidUtf8(bytes);
    if (offset === -1) throw error;
    const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(0x0a, offset - 1) + 1;
    let line = 1;
    for (let index = 0; index < lineStart; index++) if (bytes[index] === 0x0a) line++;
    const column = DECODER.decode(bytes.subarray(lineStart, offset)).length + 1;
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new InvalidConfiguration(
      [
        textIssue(
          line,
          column,
          `not valid UTF-8 (byte 0x${byte} at offset ${offset}); metrics.yml must be UTF-8`,
        ),
      ],
      { source, cause: error },
    );
  }
}

/**
 * Offset of the first byte that starts an ill-formed UTF-8 sequence (as the WHATWG decoder sees it:
 * no overlong forms, no surrogates, nothing above U+10FFFF), or -1 when every byte is well formed.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] as number;
    if (lead < 0x80) {
      index++;
      continue;
    }
    let trailing: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) trailing = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      trailing = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      trailing = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return index;
    for (let k = 1; k <= trailing; k++) {
      const byte = bytes[index + k];
      if (byte === undefined || byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) return index;
    }
    index += trailing + 1;
  }
  return -1;
}
