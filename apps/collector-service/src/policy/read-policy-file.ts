import { readFileSync, statSync } from 'node:fs';
import { isAlias, isMap, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import { PolicyFileError } from './errors/policy-file-error.js';
import { POLICY_LIMITS } from './limits.js';
import type { PolicyRuleSource } from './policy.js';

/**
 * oslo.policy's file format: one YAML (or JSON, which YAML reads) mapping of rule name to rule string,
 * each rule with its line. Throws PolicyFileError for a file that cannot be read, is larger than
 * POLICY_LIMITS.maxFileBytes, is not UTF-8 or YAML, or is not such a mapping; a name written twice is
 * refused too (oslo's YAML loader keeps the last one silently). An empty file has no rules.
 */
export function readPolicyFile(file: string): PolicyRuleSource[] {
  const text = readText(file);
  const lines = new LineCounter();
  const lineOf = (node: Node | null | undefined): number | undefined =>
    node?.range === undefined || node.range === null ? undefined : lines.linePos(node.range[0]).line;
  checkFlowNesting(file, text);
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const problem = document.errors[0];
  if (problem !== undefined) {
    throw new PolicyFileError(file, `not YAML or JSON: ${problem.message.split('\n')[0]}`, {
      line: lines.linePos(problem.pos[0]).line,
    });
  }
  const contents = document.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return [];
  if (!isMap(contents)) {
    throw withLine(file, 'expected a mapping of rule name to rule string', lineOf(contents));
  }
  return contents.items.map((pair): PolicyRuleSource => {
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
    const line = lineOf(key);
    if (!isScalar(key) || typeof key.value !== 'string') {
      throw withLine(file, 'a rule name must be a string', line);
    }
    const name = key.value;
    if (isAlias(value)) throw withLine(file, 'a rule must be written out, not an alias', line, name);
    if (!isScalar(value) || typeof value.value !== 'string') {
      throw withLine(file, 'the rule is not a string (write "" for everyone, "!" for no one)', line, name);
    }
    return { name, expression: value.value, file, line: line ?? 1 };
  });
}

/** `[` and `{` nested deeper than this are not a policy file (it is flat): refused before parsing. */
const MAX_FLOW_NESTING = 8;

/**
 * The yaml library runs out of memory on a file of nothing but `[[[[…` (a 1 MiB one took the process
 * down): brackets outside quotes and comments are counted first. A `[` inside an unquoted rule counts
 * too, which a rule nested eight deep in brackets would need to be refused for.
 */
function checkFlowNesting(file: string, text: string): void {
  let depth = 0;
  let line = 1;
  let quote: string | undefined;
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\n') {
      line++;
      comment = false;
    } else if (comment) {
    } else if (quote !== undefined) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      comment = true;
    } else if (char === '[' || char === '{') {
      if (++depth > MAX_FLOW_NESTING) {
        throw new PolicyFileError(file, `nested deeper than ${MAX_FLOW_NESTING} [ and {: not a policy file`, {
          line,
        });
      }
    } else if (char === ']' || char === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
}

function withLine(file: string, reason: string, line: number | undefined, rule?: string): PolicyFileError {
  const options: { line?: number; rule?: string } = {};
  if (line !== undefined) options.line = line;
  if (rule !== undefined) options.rule = rule;
  return new PolicyFileError(file, reason, options);
}

function readText(file: string): string {
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > POLICY_LIMITS.maxFileBytes) {
      throw new PolicyFileError(file, `larger than ${POLICY_LIMITS.maxFileBytes} bytes (${size})`);
    }
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof PolicyFileError) throw error;
    const code = errorCode(error);
    throw new PolicyFileError(file, `cannot be read (${code})`, { code });
  }
  // Checked again: the file may have grown between stat and read.
  if (bytes.length > POLICY_LIMITS.maxFileBytes) {
    throw new PolicyFileError(file, `larger than ${POLICY_LIMITS.maxFileBytes} bytes`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PolicyFileError(file, 'not UTF-8 text');
  }
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
}
