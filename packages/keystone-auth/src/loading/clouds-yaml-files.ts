import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { CloudsYamlError } from '../errors/clouds-yaml-error.js';

export type Environment = Readonly<Record<string, string | undefined>>;

const SUFFIXES = ['.yaml', '.yml', '.json'] as const;

/**
 * openstacksdk's search path (openstack/config/loader.py CONFIG_SEARCH_PATH): the current directory, the
 * user config dir (`$XDG_CONFIG_HOME/openstack`, else `~/.config/openstack`), `~/.config/openstack`, the
 * site config dir (first `$XDG_CONFIG_DIRS` entry, else `/etc/xdg`, + `/openstack`), `/etc/openstack`.
 */
export function configDirectories(env: Environment, cwd: string): string[] {
  const home = env.HOME || homedir();
  const xdgHome = env.XDG_CONFIG_HOME?.trim();
  const xdgSite = env.XDG_CONFIG_DIRS?.split(':').find((dir) => dir.trim() !== '') ?? '/etc/xdg';
  const dirs = [
    cwd,
    xdgHome ? join(xdgHome, 'openstack') : join(home, '.config', 'openstack'),
    join(home, '.config', 'openstack'),
    join(xdgSite, 'openstack'),
    '/etc/openstack',
  ];
  return [...new Set(dirs)];
}

/** `clouds.yaml`, `clouds.yml`, `clouds.json` (or `secure.*`) in each directory, in that order. */
export function candidateFiles(dirs: readonly string[], base: 'clouds' | 'secure'): string[] {
  return dirs.flatMap((dir) => SUFFIXES.map((suffix) => join(dir, `${base}${suffix}`)));
}

export interface CloudsFileSearch {
  /** Explicit clouds files, replacing the default search path. */
  paths?: readonly string[];
  /** Explicit secure files; default `secure.*` next to `paths`, or on the default search path. */
  securePaths?: readonly string[];
  env: Environment;
  cwd: string;
}

/** Where to look, in order. OS_CLIENT_CONFIG_FILE / OS_CLIENT_SECURE_FILE go first, as openstacksdk inserts them. */
export function searchLists(search: CloudsFileSearch): { clouds: string[]; secure: string[] } {
  const dirs =
    search.paths === undefined
      ? configDirectories(search.env, search.cwd)
      : [...new Set(search.paths.map((path) => dirname(path)))];
  const clouds = search.paths === undefined ? candidateFiles(dirs, 'clouds') : [...search.paths];
  const secure = search.securePaths === undefined ? candidateFiles(dirs, 'secure') : [...search.securePaths];
  const cloudsOverride = search.env.OS_CLIENT_CONFIG_FILE;
  const secureOverride = search.env.OS_CLIENT_SECURE_FILE;
  return {
    clouds: cloudsOverride ? [cloudsOverride, ...clouds] : clouds,
    secure: secureOverride ? [secureOverride, ...secure] : secure,
  };
}

export interface FoundFile {
  path: string;
  content: unknown;
}

/**
 * The first file of the list that exists, parsed. openstacksdk takes the first existing file, not the
 * first holding the wanted cloud, and skips files it may not read; unlike openstacksdk, which skips an
 * unparsable file with a warning, a broken file here is an error: it is the one the operator meant.
 */
export function readFirstFile(paths: readonly string[]): FoundFile | undefined {
  for (const path of paths) {
    let text: string;
    try {
      if (!statSync(path).isFile()) continue;
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? error.code : undefined;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EPERM') continue;
      throw new CloudsYamlError(
        { file: path, problem: `cannot read the file (${String(code ?? 'unreadable')})` },
        { cause: error },
      );
    }
    return { path, content: parseConfigText(text, path) };
  }
  return undefined;
}

const NUMBER_TAGS: ReadonlySet<string> = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);

/**
 * YAML (1.2 core schema) with integers and floats kept as text: `password: 0123` or a numeric project id
 * must reach Keystone exactly as written, not as 123 or 1.2e+22. Booleans and null keep their meaning.
 * Error messages carry line and column only: the parser's excerpt would show the line, maybe a secret.
 */
export function parseConfigText(text: string, path: string): unknown {
  if (path.endsWith('.json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new CloudsYamlError({ file: path, problem: 'not valid JSON' });
    }
  }
  try {
    return parseYaml(text, {
      customTags: (tags) => tags.filter((tag) => typeof tag === 'string' || !NUMBER_TAGS.has(tag.tag)),
    }) as unknown;
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const position = error.linePos?.[0];
      const column = position === undefined ? '' : `, column ${position.col}`;
      throw new CloudsYamlError({
        file: path,
        ...(position === undefined ? {} : { line: position.line }),
        problem: `invalid YAML (${error.code}${column})`,
      });
    }
    throw error;
  }
}

export type Mapping = Record<string, unknown>;

export function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** openstacksdk's `normalize_keys`: dashes become underscores in every mapping key. */
export function normalizeKeys(value: unknown): unknown {
  if (!isMapping(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key.replace(/-/g, '_'), normalizeKeys(item)]),
  );
}

/** openstacksdk's `merge_clouds`: nested mappings merge, anything else (lists included) is replaced. */
export function deepMerge(base: Mapping, over: Mapping): Mapping {
  const keys = new Set([...Object.keys(base), ...Object.keys(over)]);
  // fromEntries, not assignment: a `__proto__` key stays a key.
  return Object.fromEntries(
    [...keys].map((key) => {
      const previous = Object.hasOwn(base, key) ? base[key] : undefined;
      if (!Object.hasOwn(over, key)) return [key, previous];
      const value = over[key];
      return [key, isMapping(value) && isMapping(previous) ? deepMerge(previous, value) : value];
    }),
  );
}
