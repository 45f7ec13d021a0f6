/**
 * A PromQL double-quoted string literal. CloudKitty interpolates scope ids raw; escaping changes
 * nothing for ordinary ids and keeps a quote or backslash from breaking (or rewriting) the query.
 */
export function promqlString(value: string): string {
  return `"${value.replace(/[\\"\n\r]/g, (char) => ESCAPES[char] ?? char)}"`;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r' };
