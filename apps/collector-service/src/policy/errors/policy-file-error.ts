/**
 * The policy file cannot be used as a whole: it cannot be read, is too large, is not YAML/JSON, or is not
 * a mapping of rule name to rule string. A problem of one rule's expression is a PolicyRuleError.
 */
export class PolicyFileError extends Error {
  override name = 'PolicyFileError';
  readonly file: string;
  /** 1-based, when the problem has a place in the file. */
  readonly line: number | undefined;
  /** The rule whose value is wrong (not a string), when there is one. */
  readonly rule: string | undefined;
  readonly reason: string;
  /** The system's code (`ENOENT`, `EACCES`) when the file cannot be read. */
  readonly code: string | undefined;
  /** The message without the file and line: what a configuration problem says. */
  readonly problem: string;

  constructor(file: string, reason: string, options: { line?: number; rule?: string; code?: string } = {}) {
    const line = options.line === undefined ? '' : ` line ${options.line}`;
    const rule = options.rule === undefined ? '' : ` policy rule "${options.rule}"`;
    super(`${file}${line}:${rule === '' ? '' : `${rule}:`} ${reason}`);
    this.problem = rule === '' ? reason : `${rule.trim()}: ${reason}`;
    this.file = file;
    this.line = options.line;
    this.rule = options.rule;
    this.reason = reason;
    this.code = options.code;
  }
}
