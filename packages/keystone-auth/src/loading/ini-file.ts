/** One `key = value` assignment; continuation lines are already joined with `\n`. */
export interface IniValue {
  readonly value: string;
  /** 1-based line of the key. */
  readonly line: number;
}

export interface IniSection {
  /** As first written in the file (`[Keystone_AuthToken]`). */
  readonly name: string;
  /** Line of its first header. */
  readonly line: number;
  /** Every assignment of each key, in file order (oslo keeps them all for MultiStrOpt). */
  readonly values: ReadonlyMap<string, readonly IniValue[]>;
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

  constructor(source: string, sections: ReadonlyMap<string, IniSection>) {
    this.source = source;
    this.#sections = sections;
  }

  /** Section names as written, in file order. */
  get sectionNames(): string[] {
    return [...this.#sections.values()].map((section) => section.name);
  }

  has(section: string): boolean {
    return this.#sections.has(normalizeSectionName(section));
  }

  section(name: string): IniSection | undefined {
    return this.#sections.get(normalizeSectionName(name));
  }

  /** The last assignment of `key` in `section`, with its line. */
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
}
