import type { OptionLocation } from '../location.js';

/** A value written in the file: `key = value` (continuation lines already joined with `\n`). */
export interface IniFileValue {
  readonly value: string;
  /** 1-based line of the key. */
  readonly line: number;
  readonly variable?: never;
}

/** A value an environment variable gave instead of the file's. */
export interface IniOverrideValue {
  readonly value: string;
  /** The variable's name. */
  readonly variable: string;
  readonly line?: never;
}

/** One value of a key and where it came from. */
export type IniValue = IniFileValue | IniOverrideValue;

export interface IniSection {
  /** As first written in the file (`[Keystone_AuthToken]`), or as an override named it. */
  readonly name: string;
  /** Line of its first header; absent for a section that only overrides created. */
  readonly line?: number;
  /** Every value of each key, in file order (oslo keeps them all for MultiStrOpt). */
  readonly values: ReadonlyMap<string, readonly IniValue[]>;
}

/** `[section] option = value` set from outside the file; `variable` is where, for problems. */
export interface IniOverride {
  readonly section: string;
  readonly option: string;
  readonly value: string;
  readonly variable: string;
}

/**
 * oslo.config looks sections up by lowercased name, except `DEFAULT` (cfg.py `_normalize_group_name`), so
 * `[Keystone_AuthToken]` is the `keystone_authtoken` group while `[default]` is not `[DEFAULT]`.
 */
export function normalizeSectionName(name: string): string {
  return name === 'DEFAULT' ? name : name.toLowerCase();
}

/**
 * A parsed oslo.config-style INI file. Keys are case-sensitive; a key given twice keeps every value and
 * `get` returns the last, as oslo does for single-valued options. `[DEFAULT]` is a section like the others:
 * oslo reads a group's options from that group's section only, never from `[DEFAULT]`.
 */
export class IniFile {
  /** The file path, or what the text was called when parsed. */
  readonly source: string;
  readonly #sections: ReadonlyMap<string, IniSection>;

  /** `sections` is keyed by `normalizeSectionName` of each name. */
  constructor(source: string, sections: ReadonlyMap<string, IniSection>) {
    this.source = source;
    this.#sections = sections;
  }

  /** Section names as written, in file order (sections added by overrides last). */
  get sectionNames(): string[] {
    return [...this.#sections.values()].map((section) => section.name);
  }

  has(section: string): boolean {
    return this.#sections.has(normalizeSectionName(section));
  }

  section(name: string): IniSection | undefined {
    return this.#sections.get(normalizeSectionName(name));
  }

  /** The last value of `key` in `section`, with where it came from. */
  entry(section: string, key: string): IniValue | undefined {
    return this.section(section)?.values.get(key)?.at(-1);
  }

  /** The last value of `key` in `section`. */
  get(section: string, key: string): string | undefined {
    return this.entry(section, key)?.value;
  }

  /** Every value of a repeated key (oslo's MultiStrOpt), in file order. */
  getAll(section: string, key: string): string[] {
    return (this.section(section)?.values.get(key) ?? []).map((entry) => entry.value);
  }

  /** `key → last value` for one section, or undefined when the file has no such section. */
  toRecord(section: string): Record<string, string> | undefined {
    const found = this.section(section);
    if (found === undefined) return undefined;
    return Object.fromEntries(
      [...found.values].flatMap(([key, entries]) => {
        const last = entries.at(-1);
        return last === undefined ? [] : [[key, last.value]];
      }),
    );
  }

  /** Where `[section] option` was given (its line or variable), or the section's header without `option`. */
  locate(section: string, option?: string): OptionLocation {
    const location: OptionLocation = { file: this.source, section };
    if (option === undefined) {
      const line = this.section(section)?.line;
      if (line !== undefined) location.line = line;
      return location;
    }
    location.option = option;
    const entry = this.entry(section, option);
    if (entry?.line !== undefined) location.line = entry.line;
    if (entry?.variable !== undefined) location.variable = entry.variable;
    return location;
  }

  /**
   * A copy where each override replaces every value of its option (adding the section when the file has
   * none); the values keep their variable as their origin. This file is not changed.
   */
  withOverrides(overrides: readonly IniOverride[]): IniFile {
    const sections = new Map<string, { name: string; line?: number; values: Map<string, IniValue[]> }>();
    for (const [key, section] of this.#sections) {
      sections.set(key, { ...section, values: new Map([...section.values].map(([k, v]) => [k, [...v]])) });
    }
    for (const override of overrides) {
      const key = normalizeSectionName(override.section);
      const section = sections.get(key) ?? { name: override.section, values: new Map<string, IniValue[]>() };
      section.values.set(override.option, [{ value: override.value, variable: override.variable }]);
      sections.set(key, section);
    }
    return new IniFile(this.source, sections);
  }
}
