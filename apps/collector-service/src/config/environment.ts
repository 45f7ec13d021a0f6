import { IniFile, type IniSection, type IniValue } from '@kitty-collect/keystone-auth';
import type { ConfigProblem } from './config-problem.js';

/** `KITTY_COLLECT__<SECTION>__<OPTION>=value` overrides `[section] option` of cloudkitty.conf. */
export const ENV_PREFIX = 'KITTY_COLLECT__';

/** Line number given to values that come from the environment: no line of the file holds them. */
export const ENV_LINE = 0;

export interface EnvOverride {
  /** The variable's name, e.g. `KITTY_COLLECT__COLLECT__PERIOD`. */
  variable: string;
  /** Lower-cased, as sections are looked up (`collect`, `fetcher_keystone`). */
  section: string;
  option: string;
  value: string;
}

/** Where each overridden option came from, to name the variable (not the file) in problems. */
export class EnvOverrides {
  readonly list: readonly EnvOverride[];
  readonly #byOption: ReadonlyMap<string, EnvOverride>;

  constructor(list: readonly EnvOverride[]) {
    this.list = list;
    this.#byOption = new Map(list.map((override) => [keyOf(override.section, override.option), override]));
  }

  variableFor(section: string, option: string): string | undefined {
    return this.#byOption.get(keyOf(normalizeSection(section), option))?.variable;
  }
}

function keyOf(section: string, option: string): string {
  return `${section}\u0000${option}`;
}

/** oslo.config's rule: sections are case-insensitive except `DEFAULT`. */
function normalizeSection(name: string): string {
  return name.toUpperCase() === 'DEFAULT' ? 'DEFAULT' : name.toLowerCase();
}

/**
 * The overrides set in `env`, sorted by name so the result does not depend on the environment's order.
 * Empty variables are ignored (shells and unit files often export empty ones); a name that does not
 * split into a section and an option is a problem rather than silently ignored, being surely a typo.
 */
export function readEnvOverrides(env: NodeJS.ProcessEnv): {
  overrides: EnvOverrides;
  problems: ConfigProblem[];
} {
  const list: EnvOverride[] = [];
  const problems: ConfigProblem[] = [];
  for (const variable of Object.keys(env).sort()) {
    const value = env[variable];
    if (!variable.startsWith(ENV_PREFIX) || value === undefined || value === '') continue;
    const parts = variable.slice(ENV_PREFIX.length).split('__');
    const [section, option] = parts;
    if (
      parts.length !== 2 ||
      section === undefined ||
      option === undefined ||
      section === '' ||
      option === ''
    ) {
      problems.push({
        file: `$${variable}`,
        message: `expected ${ENV_PREFIX}<SECTION>__<OPTION>, e.g. ${ENV_PREFIX}COLLECT__PERIOD`,
      });
      continue;
    }
    list.push({ variable, section: normalizeSection(section), option: option.toLowerCase(), value });
  }
  return { overrides: new EnvOverrides(list), problems };
}

/** A copy of `ini` where each override replaces (or adds) its option; the file itself is not touched. */
export function applyEnvOverrides(ini: IniFile, overrides: EnvOverrides): IniFile {
  const sections = new Map<string, { name: string; line: number; values: Map<string, IniValue[]> }>();
  for (const name of ini.sectionNames) {
    const section = ini.section(name);
    if (section === undefined) continue;
    sections.set(normalizeSection(name), {
      name: section.name,
      line: section.line,
      values: new Map([...section.values].map(([key, values]) => [key, [...values]])),
    });
  }
  for (const override of overrides.list) {
    const section = sections.get(override.section) ?? {
      name: override.section,
      line: ENV_LINE,
      values: new Map<string, IniValue[]>(),
    };
    section.values.set(override.option, [{ value: override.value, line: ENV_LINE }]);
    sections.set(override.section, section);
  }
  return new IniFile(ini.source, new Map<string, IniSection>(sections));
}
