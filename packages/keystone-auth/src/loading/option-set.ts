import { KeystoneConfigError, type KeystoneOptionLocation } from '../errors/keystone-config-error.js';
import { isOptionName, OPTION_ALIASES, type OptionName } from './option-names.js';

/** Which kind of source gave an option; openstacksdk's shortcuts apply to some kinds only. */
export type OptionOrigin = 'options' | 'conf' | 'environment' | 'clouds.yaml';

/** Where an option was read: its parts, and `source`, the same place for people (never the value). */
export interface OptionPlace extends KeystoneOptionLocation {
  /** e.g. `cloudkitty.conf [keystone_authtoken] line 12`, `environment variable OS_AUTH_URL`. */
  readonly source: string;
}

export interface OptionEntry {
  readonly value: unknown;
  readonly place: OptionPlace;
  readonly origin: OptionOrigin;
}

/** Options under keystoneauth's names, each with where it came from. */
export interface OptionSet {
  readonly entries: ReadonlyMap<OptionName, OptionEntry>;
  /** Where an option that was not given would have been read (`environment variable OS_PASSWORD`), for "is required" errors. */
  readonly whereMissing: (option: string) => OptionPlace;
}

/** INI and environment values are strings: an empty one means "not set", as keystoneauth's `if value:` tests do. */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * Picks keystoneauth options out of a record holding anything (conf sections share their keys with other
 * libraries' options, which are ignored). Accepts dashes for underscores and keystoneauth's deprecated
 * aliases; the same option written twice with different values is a contradiction, not a guess.
 */
export function collectOptions(
  record: Readonly<Record<string, unknown>>,
  origin: OptionOrigin,
  placeOf: (key: string, option: OptionName) => OptionPlace,
  extraAliases: Readonly<Record<string, OptionName>> = {},
): Map<OptionName, OptionEntry> {
  const found = new Map<OptionName, { key: string; rank: number; entry: OptionEntry }>();
  for (const [key, value] of Object.entries(record)) {
    if (isAbsent(value)) continue;
    const spelled = key.replace(/-/g, '_');
    const option = Object.hasOwn(extraAliases, spelled) ? extraAliases[spelled] : canonicalName(spelled);
    if (option === undefined) continue;
    // Preference when one option is written several ways with the same value: the canonical name, then dashes, then aliases.
    const rank = (spelled === option ? 0 : 2) + (spelled === key ? 0 : 1);
    const previous = found.get(option);
    if (previous !== undefined) {
      if (!sameValue(previous.entry.value, value)) {
        throw new KeystoneConfigError(
          option,
          `given twice with different values, as ${previous.key} and ${key}`,
          placeOf(key, option),
        );
      }
      if (previous.rank <= rank) continue;
    }
    found.set(option, { key, rank, entry: { value, place: placeOf(key, option), origin } });
  }
  return new Map([...found].map(([option, { entry }]) => [option, entry]));
}

export function canonicalName(spelled: string): OptionName | undefined {
  if (isOptionName(spelled)) return spelled;
  // hasOwn: a key such as `constructor` must not find Object.prototype's.
  return Object.hasOwn(OPTION_ALIASES, spelled) ? OPTION_ALIASES[spelled] : undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Per option, the first set that has it wins (sets in order of precedence). `interface` and
 * `valid_interfaces` are one choice: a higher source giving either replaces both from lower ones.
 */
export function mergeOptionSets(
  sets: readonly OptionSet[],
): OptionSet & { entries: Map<OptionName, OptionEntry> } {
  const entries = new Map<OptionName, OptionEntry>();
  for (const set of sets) {
    const interfaceTaken = entries.has('interface') || entries.has('valid_interfaces');
    for (const [option, entry] of set.entries) {
      if (entries.has(option)) continue;
      if ((option === 'interface' || option === 'valid_interfaces') && interfaceTaken) continue;
      entries.set(option, entry);
    }
  }
  const whereMissing = (option: string): OptionPlace => ({
    source: sets.map((set) => set.whereMissing(option).source).join('; ') || 'no source',
  });
  return { entries, whereMissing };
}
