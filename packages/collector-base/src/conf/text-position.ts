import type { ConfigurationIssue } from '../errors/invalid-configuration.js';

/** An issue located in the file's text: `line 3, column 5`, with the numbers as fields. */
export function textIssue(line: number, column: number, message: string): ConfigurationIssue {
  return { path: `line ${line}, column ${column}`, line, column, message };
}

/** 1-based line and column (in UTF-16 code units, as the YAML parser counts) of `index` in `text`. */
export function lineColumnAt(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: index - lineStart + 1 };
}
