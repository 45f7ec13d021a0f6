import { closestName, type IniFile, type IniSection, type IniValue } from '@kitty-collect/oslo-config';
import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { type LoadedConfig, resolveOptionSet } from './loaded-config.js';
import {
  ADAPTER_OPTION_NAMES,
  CONF_SECTION_OPTION_NAMES,
  type OptionName,
  SESSION_OPTION_NAMES,
} from './option-names.js';
import { collectOptions, type OptionEntry, type OptionPlace, type OptionSet } from './option-set.js';

export interface ConfSectionOptions {
  /** How to call the file in errors and `sources` (default: the path it was read from). */
  source?: string;
}

/** The loaded options plus which section the auth options were read from (after `auth_section`). */
export interface ConfSectionConfig extends LoadedConfig {
  authSection: string;
}

/**
 * Auth plugin, session and adapter options from one section of an oslo.config file, as keystoneauth's
 * `load_auth_from_conf_options`, `load_session_from_conf_options` and `load_adapter_from_conf_options`
 * read them. When the section has `auth_section`, the auth plugin options (auth_type included) come from
 * that section instead; the session options (cafile, insecure, timeout, …) and the adapter options
 * (interface, region_name, …) stay in the section itself (keystoneauth1/loading/conf.py, session.py).
 * Unlike keystoneauth, which then loads no plugin at all, a missing auth_type is an error.
 */
export function loadFromConfSection(
  ini: IniFile,
  section: string,
  options: ConfSectionOptions = {},
): ConfSectionConfig {
  const label = options.source ?? ini.source;
  const group = ini.section(section);
  if (group === undefined) {
    throw new KeystoneConfigError('auth_type', `there is no [${section}] section`, {
      source: label,
      file: label,
    });
  }
  const authGroup = authSectionOf(ini, group, label);
  const own = sectionEntries(group, label);
  const auth = authGroup === group ? own : sectionEntries(authGroup, label);
  if (!auth.has('auth_type')) {
    throw new KeystoneConfigError(
      'auth_type',
      authTypeMissing(group, authGroup),
      sectionPlace(label, authGroup),
    );
  }
  // Auth options only from the auth section, everything else only from the section itself.
  const entries = new Map<OptionName, OptionEntry>();
  for (const [option, entry] of auth) if (isAuthSide(option)) entries.set(option, entry);
  for (const [option, entry] of own) if (!isAuthSide(option)) entries.set(option, entry);
  const set: OptionSet = {
    entries,
    whereMissing: (option) => sectionPlace(label, isAuthSide(option) ? authGroup : group),
  };
  return { ...resolveOptionSet(set), authSection: authGroup.name };
}

const AUTH_TYPE_CHOICES = 'password, v3password, v3applicationcredential, token or v3token';

/**
 * Why no auth plugin can be loaded: in the auth section named by `auth_section`, or in the section itself
 * when it has no `auth_section` — then either may be what was meant, and an unknown option close to one
 * of them (`auth_sectoin`) is named as the likely typo.
 */
function authTypeMissing(group: IniSection, authGroup: IniSection): string {
  if (authGroup !== group) {
    return `is not set in [${authGroup.name}], the auth_section of [${group.name}] (keystoneauth loads no auth plugin without it): use ${AUTH_TYPE_CHOICES}`;
  }
  const typos = [...group.values.keys()].flatMap((key) => {
    if (CONF_SECTION_OPTION_NAMES.includes(key.replace(/-/g, '_'))) return [];
    const meant = closestName(key, ['auth_type', 'auth_section', 'auth_plugin']);
    const line = group.values.get(key)?.at(-1)?.line;
    return meant === undefined
      ? []
      : [`${key}${line === undefined ? '' : ` (line ${line})`}: did you mean ${meant}?`];
  });
  const typo = typos.length === 0 ? '' : `; ${typos.join('; ')}`;
  return `is not set, and neither is auth_section (keystoneauth loads no auth plugin without one): set auth_type (${AUTH_TYPE_CHOICES}), or auth_section to the section that has it${typo}`;
}

function authSectionOf(ini: IniFile, group: IniSection, label: string): IniSection {
  const pointer = group.values.get('auth_section')?.at(-1);
  if (pointer === undefined || pointer.value === '') return group;
  const target = ini.section(pointer.value);
  if (target === undefined) {
    throw new KeystoneConfigError(
      'auth_section',
      `names section [${pointer.value}], which the file does not have (it has ${ini.sectionNames.map((name) => `[${name}]`).join(', ')})`,
      valuePlace(label, group, pointer),
    );
  }
  return target;
}

function sectionEntries(section: IniSection, label: string): Map<OptionName, OptionEntry> {
  const record: Record<string, string> = {};
  const places = new Map<string, OptionPlace>();
  for (const [key, values] of section.values) {
    const last = values.at(-1);
    if (last === undefined) continue;
    record[key] = last.value;
    places.set(key, valuePlace(label, section, last));
  }
  return collectOptions(record, 'conf', (key, option) => {
    const place = places.get(key) ?? sectionPlace(label, section);
    return key === option ? place : { ...place, source: `${place.source}, as ${key}` };
  });
}

function sectionPlace(label: string, section: IniSection): OptionPlace {
  return { source: `${label} [${section.name}]`, file: label, section: section.name };
}

/** `ck.conf [a] line 6`, or the variable that overrode the file's value. */
function valuePlace(label: string, section: IniSection, value: IniValue): OptionPlace {
  const { source } = sectionPlace(label, section);
  if (value.variable !== undefined) {
    return {
      source: `${source} from environment variable ${value.variable}`,
      file: label,
      section: section.name,
      variable: value.variable,
    };
  }
  return { source: `${source} line ${value.line}`, file: label, section: section.name, line: value.line };
}

const SESSION_OR_ADAPTER: ReadonlySet<string> = new Set([...SESSION_OPTION_NAMES, ...ADAPTER_OPTION_NAMES]);

function isAuthSide(option: string): boolean {
  return !SESSION_OR_ADAPTER.has(option);
}
