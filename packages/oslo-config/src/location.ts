/**
 * Where the value of `[section] option` was given: a line of the file, or the environment variable that
 * overrode it. Without `option`, the section itself (its first header, when the file has one).
 */
export interface OptionLocation {
  /** The file as it was named when read. */
  file: string;
  /** As the caller asked for it (`collect`), or as written for a section the file names (`auth_section`). */
  section: string;
  option?: string;
  /** 1-based line of the value (or of the section's header); absent for overrides and missing options. */
  line?: number;
  /** The environment variable whose value replaced the file's. */
  variable?: string;
}

/** One thing wrong with an option (or a section), located; `problem` never quotes a secret. */
export interface OptionProblem extends OptionLocation {
  problem: string;
}
