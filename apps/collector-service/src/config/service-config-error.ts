import { type ConfigProblem, formatProblems } from './config-problem.js';

/** The configuration is invalid: every problem found in cloudkitty.conf, the environment and metrics.yml. */
export class ServiceConfigError extends Error {
  override name = 'ServiceConfigError';
  readonly problems: readonly ConfigProblem[];
  /** Found along the problems; not in the message (they are not why it failed), printed apart. */
  readonly warnings: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], warnings: readonly ConfigProblem[] = []) {
    const lines = formatProblems(problems);
    super(
      lines.length === 1
        ? `Invalid configuration: ${lines[0]}`
        : `Invalid configuration (${lines.length} problems):\n${lines.map((line) => `  - ${line}`).join('\n')}`,
    );
    this.problems = problems;
    this.warnings = warnings;
  }
}
