import { ConfigFileError } from '../errors/config-file-error.js';
import { IniFile, type IniSection, type IniValue, normalizeSectionName } from './ini-file.js';

interface MutableSection {
  name: string;
  line: number;
  values: Map<string, IniValue[]>;
}

/**
 * Parses INI text exactly as oslo.config does (oslo_config/iniparser.py and cfg.py's ConfigParser):
 * - `[section]` headers; a header must end with `]` and name something;
 * - `key = value` or `key: value`, split at whichever of `=` and `:` comes first; key and value are
 *   stripped and one pair of matching quotes around the value is removed;
 * - full-line comments start with `#` or `;` in the first column; there are no inline comments
 *   (`password = a#b` is `a#b`);
 * - a line starting with a space or a tab continues the previous value (joined with `\n`); a blank line
 *   ends it; an indented line with no value before it is an error;
 * - an assignment before any section header is an error.
 * Errors carry the line number (and the column of a header's missing `]`) but never the line, which may
 * hold a password.
 */
export function parseIni(text: string, source = '<string>'): IniFile {
  const sections = new Map<string, MutableSection>();
  let section: MutableSection | undefined;
  let pending: { key: string; lines: string[]; line: number } | undefined;
  const fail = (line: number, problem: string, column?: number): never => {
    throw new ConfigFileError({ file: source, line, problem, ...(column === undefined ? {} : { column }) });
  };

  const flush = () => {
    if (pending === undefined) return;
    if (section === undefined) fail(pending.line, 'Section must be started before assignment');
    else {
      const values = section.values.get(pending.key) ?? [];
      values.push({ value: pending.lines.join('\n'), line: pending.line });
      section.values.set(pending.key, values);
    }
    pending = undefined;
  };

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = raw.trimEnd();
    if (line === '') {
      flush();
      return;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (pending === undefined) fail(lineNumber, 'Unexpected continuation line');
      else pending.lines.push(line.trimStart());
      return;
    }
    flush();
    if (line.startsWith('[')) {
      // The column is where the `]` is missing: just after the header's last character.
      if (!line.endsWith(']')) fail(lineNumber, 'Invalid section (must end with ])', line.length + 1);
      if (line.length <= 2) fail(lineNumber, 'Empty section name');
      const name = line.slice(1, -1);
      const key = normalizeSectionName(name);
      section = sections.get(key) ?? { name, line: lineNumber, values: new Map() };
      sections.set(key, section);
    } else if (line.startsWith('#') || line.startsWith(';')) {
      // A comment.
    } else {
      const { key, value } = splitAssignment(line, () =>
        fail(lineNumber, "No ':' or '=' found in assignment"),
      );
      if (key === '') fail(lineNumber, 'Key cannot be empty');
      pending = { key, lines: [value], line: lineNumber };
    }
  });
  flush();

  return new IniFile(source, new Map<string, IniSection>(sections));
}

function splitAssignment(line: string, noSeparator: () => never): { key: string; value: string } {
  const colon = line.indexOf(':');
  const equal = line.indexOf('=');
  if (colon < 0 && equal < 0) noSeparator();
  const at = colon < 0 || (equal >= 0 && equal < colon) ? equal : colon;
  let value = line.slice(at + 1).trim();
  // oslo's test exactly: a lone `"` also counts as a quoted (empty) value.
  if ((value.startsWith('"') || value.startsWith("'")) && value.endsWith(value.charAt(0))) {
    value = value.slice(1, -1);
  }
  return { key: line.slice(0, at).trim(), value };
}
