import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigFileError } from '../errors/config-file-error.js';
import { parseIni } from './parse-ini.js';

const SECRET = 'Zq7-hunter2';
const SOURCE = '/etc/cloudkitty/cloudkitty.conf';

/** Lines that exercise every rule: headers, comments, assignments, continuations, blanks, junk. */
const anyLine = fc
  .tuple(
    fc.constantFrom('', ' ', '\t', '[', '[]', '[s]', '#', ';', 'key = ', 'key: ', 'key', '= ', ':', '"', "'"),
    fc.string({ maxLength: 12 }),
    fc.boolean(),
  )
  .map(([start, middle, secret]) => `${start}${middle}${secret ? SECRET : ''}`);

const anyText = fc
  .tuple(fc.array(anyLine, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'))
  .map(([lines, end]) => lines.join(end));

const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
/** A value as written after `=`: one line, no surrounding blanks, not wrapped in quotes. */
const value = fc
  .string({ maxLength: 16 })
  .map((text) => text.replace(/[\r\n]/g, '').trim())
  .filter((text) => !/^(["']).*\1$/s.test(text) && text !== '"' && text !== "'");

const model = fc.array(
  fc.record({
    section: fc.oneof(name, fc.constant('DEFAULT')),
    entries: fc.array(fc.tuple(name, value), { maxLength: 5 }),
  }),
  { maxLength: 6 },
);

type Model = { section: string; entries: [string, string][] }[];

function render(sections: Model, separator = ' = '): string {
  return sections
    .map(({ section, entries }) =>
      [`[${section}]`, ...entries.map(([key, text]) => `${key}${separator}${text}`)].join('\n'),
    )
    .join('\n');
}

/** What oslo keeps: every value of each key, in file order, sections of one name merged. */
function valuesOf(sections: Model): Map<string, Map<string, string[]>> {
  const result = new Map<string, Map<string, string[]>>();
  for (const { section, entries } of sections) {
    const keys = result.get(section) ?? new Map<string, string[]>();
    for (const [key, text] of entries) keys.set(key, [...(keys.get(key) ?? []), text]);
    result.set(section, keys);
  }
  return result;
}

describe('parseIni, for any input', () => {
  it('parses, or fails with a ConfigFileError whose line is in range and whose message never holds the line', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        let error: unknown;
        try {
          parseIni(text, SOURCE);
          return;
        } catch (thrown) {
          error = thrown;
        }
        expect(error).toBeInstanceOf(ConfigFileError);
        const { line, column, message, file } = error as ConfigFileError;
        expect(file).toBe(SOURCE);
        const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
        expect(line).toBeGreaterThanOrEqual(1);
        expect(line).toBeLessThanOrEqual(lines.length);
        // A column, when given, is on the line or just past its last character.
        const lineLength = (lines[(line ?? 1) - 1] ?? '').trimEnd().length;
        if (column !== undefined) expect(column).toBeGreaterThanOrEqual(1);
        if (column !== undefined) expect(column).toBeLessThanOrEqual(lineLength + 1);
        const where = column === undefined ? `${SOURCE}:${line}` : `${SOURCE}:${line}:${column}`;
        expect(message.startsWith(`${where}: `)).toBe(true);
        expect(message).not.toContain(SECRET);
      }),
    );
  });
});

describe('parseIni, for well-formed files', () => {
  it('keeps every value of a key in file order, the last one winning; [DEFAULT] stays in its section', () => {
    fc.assert(
      fc.property(model, fc.constantFrom(' = ', '=', ': ', ':'), (sections, separator) => {
        const ini = parseIni(render(sections, separator));
        const expected = valuesOf(sections);
        const names = [...new Set(sections.map(({ section }) => section))];
        for (const section of names) {
          const keys = expected.get(section) ?? new Map<string, string[]>();
          expect(ini.toRecord(section)).toEqual(
            Object.fromEntries([...keys].map(([key, values]) => [key, values.at(-1)])),
          );
          for (const other of names) {
            for (const key of expected.get(other)?.keys() ?? []) {
              expect(ini.getAll(section, key)).toEqual(keys.get(key) ?? []);
            }
          }
        }
      }),
    );
  });

  it('finds a section by any case of its name, except DEFAULT', () => {
    fc.assert(
      fc.property(
        name
          .filter((section) => section !== 'default')
          .chain((section) => fc.tuple(fc.constant(section), fc.mixedCase(fc.constant(section)))),
        ([section, variant]) => {
          const ini = parseIni(`[${section}]\nkey = 1\n[DEFAULT]\nkey = 2\n`);
          expect(ini.get(variant, 'key')).toBe('1');
          expect(ini.get('DEFAULT', 'key')).toBe('2');
          expect(ini.has('default')).toBe(false);
        },
      ),
    );
  });

  it('is unchanged by comment lines, blank lines between entries and CRLF line ends', () => {
    const noise = fc.oneof(
      fc.constant(''),
      fc.string({ maxLength: 10 }).map((text) => `#${text.replace(/[\r\n]/g, '')}`),
      fc.string({ maxLength: 10 }).map((text) => `;${text.replace(/[\r\n]/g, '')}`),
    );
    fc.assert(
      fc.property(model, fc.infiniteStream(noise), (sections, extra) => {
        const plain = parseIni(render(sections));
        const lines = render(sections)
          .split('\n')
          .flatMap((line) => [extra.next().value, line]);
        const noisy = parseIni(lines.join('\r\n'));
        for (const { section, entries } of sections) {
          expect(noisy.toRecord(section)).toEqual(plain.toRecord(section));
          for (const [key] of entries) expect(noisy.getAll(section, key)).toEqual(plain.getAll(section, key));
        }
      }),
    );
  });

  it('joins continuation lines with newlines', () => {
    const piece = value.filter((text) => text !== '');
    fc.assert(
      fc.property(
        piece,
        fc.array(piece, { maxLength: 4 }),
        fc.constantFrom(' ', '\t', '   '),
        (first, rest, indent) => {
          const text = `[s]\nkey = ${first}\n${rest.map((line) => `${indent}${line}`).join('\n')}\n`;
          expect(parseIni(text).get('s', 'key')).toBe([first, ...rest].join('\n'));
        },
      ),
    );
  });
});

describe('an unterminated section header, for any name', () => {
  it('is located at the column just past its last character', () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1, maxLength: 30 })
          .filter((name) => !/[\r\n\]]/.test(name) && name.trimEnd() === name),
        fc.nat({ max: 5 }),
        (name, before) => {
          const text = `${'[ok]\n'.repeat(before)}[${name}\n`;
          let error: unknown;
          try {
            parseIni(text, SOURCE);
          } catch (thrown) {
            error = thrown;
          }
          expect(error).toBeInstanceOf(ConfigFileError);
          const { line, column, problem } = error as ConfigFileError;
          expect([line, column, problem]).toEqual([
            before + 1,
            name.length + 2,
            'Invalid section (must end with ])',
          ]);
        },
      ),
    );
  });
});
