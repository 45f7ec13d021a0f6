import { readCloud } from './clouds-yaml.js';
import type { Environment } from './clouds-yaml-files.js';
import { environmentOptionSet } from './environment.js';
import { optionSetFromRecord } from './load-from-options.js';
import { type LoadedConfig, resolveOptionSet } from './loaded-config.js';
import { applyDomainShortcut } from './openstacksdk-domain.js';
import { mergeOptionSets, type OptionSet } from './option-set.js';

export interface LoadAuthOptions {
  /** Explicit keystoneauth options (as for loadAuthFromOptions); they win over everything else. */
  options?: Readonly<Record<string, unknown>>;
  /** What to call `options` in errors and `sources` (default `options`). */
  optionsSource?: string;
  /** `OS_*` variables (default `process.env`); also where `OS_CLOUD` and the clouds.yaml search path come from. */
  env?: Environment;
  /** A clouds.yaml cloud; default `OS_CLOUD`. Without either, clouds.yaml is not read. */
  cloud?: string;
  /** clouds files to try, instead of openstacksdk's search path. */
  cloudsYamlPaths?: readonly string[];
  /** secure files to try (default `secure.*` beside the clouds files, or on the search path). */
  secureYamlPaths?: readonly string[];
  /** The directory clouds.yaml is searched in first (default `process.cwd()`). */
  cwd?: string;
}

/**
 * One configuration from up to three sources, merged option by option before the plugin is built, with
 * python-openstackclient's precedence: explicit options > `OS_*` variables > the clouds.yaml cloud chosen
 * by `cloud` or `OS_CLOUD`. (openstackclient gets there by making each `--os-*` option default to its
 * `OS_*` variable and passing the result over the cloud's settings.) An explicit or `OS_REGION_NAME`
 * region also picks the cloud's region. `sources` says where each option came from.
 */
export function loadAuth(options: LoadAuthOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const sets: OptionSet[] = [];
  if (options.options !== undefined) sets.push(optionSetFromRecord(options.options, options.optionsSource));
  const environment = environmentOptionSet(env);
  sets.push(environment.set);

  const cloud = options.cloud ?? (env.OS_CLOUD || undefined);
  if (cloud !== undefined) {
    const regionName = regionOf(sets);
    const fromCloud = readCloud({
      cloud,
      env,
      ...(options.cloudsYamlPaths === undefined ? {} : { paths: options.cloudsYamlPaths }),
      ...(options.secureYamlPaths === undefined ? {} : { securePaths: options.secureYamlPaths }),
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      ...(regionName === undefined ? {} : { regionName }),
    });
    sets.push(fromCloud.set);
  }

  const merged = mergeOptionSets(sets);
  // openstacksdk's domain shorthand applies to what came from OS_* or clouds.yaml, judged on the merged result.
  applyDomainShortcut(merged.entries, (entry) => entry.origin !== 'options');
  return resolveOptionSet(merged);
}

function regionOf(sets: readonly OptionSet[]): string | undefined {
  for (const set of sets) {
    const value = set.entries.get('region_name')?.value;
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
