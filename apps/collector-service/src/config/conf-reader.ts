import type { IniFile } from '@kitty-collect/keystone-auth';
import type { z } from 'zod';
import type { ConfigProblem } from './config-problem.js';
import { ENV_LINE, type EnvOverrides } from './environment.js';
import { closestName } from './suggest.js';

/**
 * cloudkitty.conf (with the environment's overrides applied) as the section schemas read it, and the
 * one place that turns a section and an option into a located problem: the file and line, or the
 * environment variable that set the value.
 */
export class ConfReader {
  readonly ini: IniFile;
  /** The config file as the caller named it, for problems. */
  readonly file: string;
  readonly overrides: EnvOverrides;
  readonly problems: ConfigProblem[] = [];

  constructor(ini: IniFile, file: string, overrides: EnvOverrides) {
    this.ini = ini;
    this.file = file;
    this.overrides = overrides;
  }

  /** `option → value` of a section; empty values are left out, as "not set" (oslo's IntOpt reads them as None). */
  record(section: string): Record<string, string> {
    const record = this.ini.toRecord(section) ?? {};
    return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== ''));
  }

  has(section: string): boolean {
    return this.ini.has(section);
  }

  /** Whether the value of `[section] option` came from an environment variable rather than the file. */
  fromEnvironment(section: string, option: string): boolean {
    return this.overrides.variableFor(section, option) !== undefined;
  }

  report(section: string, option: string | undefined, message: string): void {
    this.problems.push(this.locate(section, option, message));
  }

  locate(section: string, option: string | undefined, message: string): ConfigProblem {
    const variable = option === undefined ? undefined : this.overrides.variableFor(section, option);
    if (variable !== undefined) return { file: `$${variable}`, section, option, message };
    const line =
      option === undefined ? this.ini.section(section)?.line : this.ini.entry(section, option)?.line;
    const problem: ConfigProblem = { file: this.file, section, message };
    if (option !== undefined) problem.option = option;
    if (line !== undefined && line !== ENV_LINE) problem.line = line;
    return problem;
  }

  /** Validates a section with its schema; every issue becomes a problem and the result is then undefined. */
  parse<Schema extends z.ZodType>(section: string, schema: Schema): z.output<Schema> | undefined {
    const parsed = schema.safeParse(this.record(section));
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const option = typeof issue.path[0] === 'string' ? issue.path[0] : undefined;
      this.report(section, option, issue.message);
    }
    return undefined;
  }

  /** For kitty-collect's own sections: an option nobody reads is a typo, not another library's option. */
  rejectUnknown(section: string, known: readonly string[]): void {
    for (const option of Object.keys(this.ini.toRecord(section) ?? {})) {
      if (known.includes(option)) continue;
      const suggestion = closestName(option, known);
      this.report(
        section,
        option,
        `unknown option${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}; [${section}] has ${known.join(', ')}`,
      );
    }
  }
}
