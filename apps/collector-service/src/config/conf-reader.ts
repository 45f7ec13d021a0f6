import {
  type IniFile,
  type OptionLocation,
  readSection,
  sectionValues,
  unknownOptions,
} from '@kitty-collect/oslo-config';
import type { z } from 'zod';
import type { ConfigProblem } from './config-problem.js';

/**
 * cloudkitty.conf (with the environment's overrides applied) as the section schemas read it, and the
 * one place that turns a location into a problem: the file and line, or the environment variable that
 * set the value.
 */
export class ConfReader {
  readonly ini: IniFile;
  /** The config file as the caller named it, for problems. */
  readonly file: string;
  readonly problems: ConfigProblem[] = [];
  /** What CloudKitty ignores and kitty-collect too, but that is surely a mistake (unknown options). */
  readonly warnings: ConfigProblem[] = [];
  /** `--strict`: warnings are problems. */
  readonly strict: boolean;

  constructor(ini: IniFile, options: { strict?: boolean } = {}) {
    this.ini = ini;
    this.file = ini.source;
    this.strict = options.strict === true;
  }

  /** `option → value` of a section; empty values are left out, as "not set" (oslo's IntOpt reads them as None). */
  record(section: string): Record<string, string> {
    return sectionValues(this.ini, section);
  }

  has(section: string): boolean {
    return this.ini.has(section);
  }

  /** Whether the value of `[section] option` came from an environment variable rather than the file. */
  fromEnvironment(section: string, option: string): boolean {
    return this.ini.entry(section, option)?.variable !== undefined;
  }

  report(section: string, option: string | undefined, message: string): void {
    this.problems.push(this.locate(section, option, message));
  }

  /** What CloudKitty means otherwise and kitty-collect ignores: a warning, or with `--strict` a problem. */
  warn(section: string, option: string, message: string): void {
    const consequence = this.strict ? '; --strict refuses it' : '';
    (this.strict ? this.problems : this.warnings).push(
      this.locate(section, option, `${message}${consequence}`),
    );
  }

  locate(section: string, option: string | undefined, message: string): ConfigProblem {
    return this.problemAt(this.ini.locate(section, option), message);
  }

  /** A problem at a known place: a value set by a variable names the variable instead of the file. */
  problemAt(location: Omit<OptionLocation, 'file'>, message: string): ConfigProblem {
    const { section, option, line, variable } = location;
    const problem: ConfigProblem = {
      file: variable === undefined ? this.file : `$${variable}`,
      section,
      message,
    };
    if (option !== undefined) problem.option = option;
    if (variable !== undefined) return problem;
    if (line !== undefined) problem.line = line;
    return problem;
  }

  /** Validates a section with its schema; every issue becomes a problem and the result is then undefined. */
  parse<Schema extends z.ZodType>(section: string, schema: Schema): z.output<Schema> | undefined {
    const result = readSection(this.ini, section, schema);
    if (result.ok) return result.value;
    for (const problem of result.problems) this.problems.push(this.problemAt(problem, problem.problem));
    return undefined;
  }

  /**
   * For a CloudKitty section whose every option kitty-collect knows: an unknown option is a typo, which
   * CloudKitty ignores (oslo.config does), so kitty-collect warns, or with `--strict` refuses it.
   */
  warnUnknown(section: string, known: readonly string[]): void {
    for (const unknown of unknownOptions(this.ini, section, known)) {
      const hint = unknown.suggestion === undefined ? '' : ` (did you mean ${unknown.suggestion}?)`;
      const consequence = this.strict
        ? 'CloudKitty ignores it; --strict refuses it'
        : 'CloudKitty ignores it, so does kitty-collect';
      const problem = this.problemAt(unknown, `unknown option${hint}; ${consequence}`);
      (this.strict ? this.problems : this.warnings).push(problem);
    }
  }

  /** For kitty-collect's own sections: an option nobody reads is a typo, not another library's option. */
  rejectUnknown(section: string, known: readonly string[]): void {
    for (const problem of unknownOptions(this.ini, section, known)) {
      this.problems.push(this.problemAt(problem, problem.problem));
    }
  }
}
