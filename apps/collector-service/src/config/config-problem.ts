/**
 * One thing wrong with the service's configuration, located as precisely as possible. `file` is the
 * config file, the metrics file, or `$VARIABLE` for a value set in the environment. Messages never
 * quote a secret (passwords, tokens, URLs that may hold credentials).
 */
export interface ConfigProblem {
  file: string;
  /** cloudkitty.conf section, as written (`collect`, `fetcher_keystone`). */
  section?: string;
  /** Option name in that section (`period`, `auth_url`). */
  option?: string;
  /** Location inside metrics.yml, e.g. `metrics.cpu[1].mutate`. */
  path?: string;
  /** 1-based line in `file`, when known. */
  line?: number;
  /** 1-based column in `line`, where it says more than the line (an unterminated section header). */
  column?: number;
  message: string;
}

/**
 * `cloudkitty.conf [collect] period: expected …` and `metrics.yml metrics.cpu[1].mutate: expected …`. A
 * section and option locate a problem of the file's values; a problem of the file's text (a syntax error)
 * has neither, so its line (and column) are written instead: `cloudkitty.conf line 3, column 9: …`.
 */
export function formatProblem(problem: ConfigProblem): string {
  const textual = problem.section === undefined && problem.path === undefined;
  const position =
    !textual || problem.line === undefined
      ? undefined
      : `line ${problem.line}${problem.column === undefined ? '' : `, column ${problem.column}`}`;
  const where = [
    problem.file,
    position,
    problem.section === undefined ? undefined : `[${problem.section}]`,
    problem.option,
    problem.path === undefined || problem.path === '' ? undefined : problem.path,
  ]
    .filter((part) => part !== undefined)
    .join(' ');
  return `${where}: ${problem.message}`;
}

export function formatProblems(problems: readonly ConfigProblem[]): string[] {
  return problems.map(formatProblem);
}
