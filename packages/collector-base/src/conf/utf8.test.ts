import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidConfiguration } from '../errors/invalid-configuration.js';
import { decodeUtf8, firstInvalidUtf8 } from './utf8.js';

const fatal = new TextDecoder('utf-8', { fatal: true });
const decodes = (bytes: Uint8Array) => {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** Bytes that are mostly UTF-8 text, sometimes with a stray byte: where the interesting cases are. */
const mostlyText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 4 }).map((text) => [...Buffer.from(text)]),
      fc.integer({ min: 0, max: 255 }).map((byte) => [byte]),
      fc.constant([0x0a]),
    ),
    { maxLength: 30 },
  )
  .map((parts) => Uint8Array.from(parts.flat()));

describe('firstInvalidUtf8', () => {
  it('agrees with the WHATWG decoder on which byte sequences are UTF-8 (property)', () => {
    fc.assert(
      fc.property(fc.oneof(mostlyText, fc.uint8Array({ maxLength: 12 })), (bytes) => {
        const offset = firstInvalidUtf8(bytes);
        expect(offset === -1).toBe(decodes(bytes));
        if (offset !== -1) {
          // Everything before it is UTF-8; the sequence starting there is not.
          expect(decodes(bytes.subarray(0, offset))).toBe(true);
          expect(decodes(bytes.subarray(0, firstSequenceEnd(bytes, offset)))).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('names line and column of the first bad byte (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: 'grapheme', maxLength: 8 }).filter((line) => !line.includes('\n')),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        fc.nat(),
        fc.integer({ min: 0xf8, max: 0xff }),
        (lines, at, bad) => {
          const line = at % lines.length;
          const prefix = Buffer.from(`${lines.slice(0, line + 1).join('\n')}`);
          const bytes = Buffer.concat([prefix, Buffer.from([bad]), Buffer.from('\nrest')]);
          try {
            decodeUtf8(bytes, 'm.yml');
            expect.unreachable();
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidConfiguration);
            const issue = (error as InvalidConfiguration).issues[0];
            expect(issue?.line).toBe(line + 1);
            expect(issue?.column).toBe((lines[line] ?? '').length + 1);
          }
        },
      ),
    );
  });
});

/** The end of the (at most 4-byte) sequence that starts at `offset`, for the property above. */
function firstSequenceEnd(bytes: Uint8Array, offset: number): number {
  let end = offset + 1;
  while (end < bytes.length && end - offset < 4 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end++;
  return end;
}
