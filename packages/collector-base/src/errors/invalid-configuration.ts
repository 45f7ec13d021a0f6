import { CollectorError } from './collector-error.js';

/**
 * One problem found in a configuration. `path` says where, as shown: a field path such as
 * `metrics.cpu[1].mutate`, `line 3, column 5` for a problem of the file's text (YAML syntax, encoding,
 * tags, aliases), or `''` for the whole file; `line` and `column` (1-based) are set when known.
 */
export interface ConfigurationIssue {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/**
 * The metrics configuration (or a collector's options) is invalid. Every problem found is listed,
 * so an operator can fix them all at once.
 */
export class InvalidConfiguration extends CollectorError {
  override name = 'InvalidConfiguration';
  readonly issues: readonly ConfigurationIssue[];
  readonly source: string | undefined;

  constructor(issues: readonly ConfigurationIssue[], options: { source?: string; cause?: unknown } = {}) {
    const where = options.source ? ` in ${options.source}` : '';
    const lines = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
    const message =
      lines.length === 1
        ? `Invalid configuration${where}: ${lines[0]}`
        : `Invalid configuration${where} (${lines.length} problems):\n${lines.map((line) => `  - ${line}`).join('\n')}`;
    super(message, { cause: options.cause });
    this.issues = issues;
    this.source = options.source;
  }
}
