import { readFileSync } from 'node:fs';
import { ConfigFileError } from '../errors/config-file-error.js';
import type { IniFile } from './ini-file.js';
import { parseIni } from './parse-ini.js';

/** Reads and parses an INI file (cloudkitty.conf); errors name the file and the line. */
export function readIniFile(path: string): IniFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new ConfigFileError({ file: path, problem: `cannot read the file (${code})` }, { cause: error });
  }
  return parseIni(text, path);
}
