import { cwd as processCwd } from 'node:process';
import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { cloudEntries, refuseUnsupported } from './clouds-yaml-entry.js';
import {
  type Environment,
  type FoundFile,
  isMapping,
  type Mapping,
  normalizeKeys,
  readFirstFile,
  searchLists,
} from './clouds-yaml-files.js';
import { CloudLayers } from './clouds-yaml-layers.js';
import { chooseRegion } from './clouds-yaml-regions.js';
import { type LoadedConfig, resolveOptionSet } from './loaded-config.js';
import { applyDomainShortcut } from './openstacksdk-domain.js';
import type { OptionName } from './option-names.js';
import type { OptionEntry, OptionPlace, OptionSet } from './option-set.js';

export interface CloudsYamlOptions {
  /** The cloud to use; default `OS_CLOUD`, else the only cloud of the file. */
  cloud?: string;
  /** clouds files to try in order, instead of openstacksdk's search path. */
  paths?: readonly string[];
  /** secure files to try in order; default `secure.yaml`/`.yml`/`.json` beside `paths` or on the search path. */
  securePaths?: readonly string[];
  /** Where `OS_CLOUD`, `OS_CLIENT_CONFIG_FILE`, `OS_CLIENT_SECURE_FILE`, `HOME`, `XDG_*` are read (default `process.env`). */
  env?: Environment;
  /** The directory searched first (default `process.cwd()`). */
  cwd?: string;
  /** Region to pick from the cloud's `regions` (default its `region_name`, else the first listed). */
  regionName?: string;
}

export interface CloudsYamlConfig extends LoadedConfig {
  cloudName: string;
  /** The clouds file the cloud was read from (or the secure file, when only that one exists). */
  source: string;
  /** The secure file merged over it, if any. */
  secureSource?: string;
}

/**
 * A cloud of clouds.yaml, as openstacksdk reads it: the first clouds file found, the first secure file
 * deep-merged over it, the chosen region's `values` over that; `auth: {...}` under keystoneauth's names,
 * `auth_type`, `region_name`/`regions`, `interface`, `cacert`, `cert`, `key`, `verify`, `insecure`,
 * `api_timeout`, `identity_api_version` (3 only). Vendor `profile`s are not supported.
 */
export function loadFromCloudsYaml(options: CloudsYamlOptions = {}): CloudsYamlConfig {
  const cloud = readCloud(options);
  applyDomainShortcut(cloud.entries, () => true);
  return {
    ...resolveOptionSet(cloud.set),
    cloudName: cloud.cloudName,
    source: cloud.source,
    ...(cloud.secureSource === undefined ? {} : { secureSource: cloud.secureSource }),
  };
}

export interface CloudOptions {
  set: OptionSet;
  /** The set's entries, still open to openstacksdk's domain shorthand. */
  entries: Map<OptionName, OptionEntry>;
  cloudName: string;
  source: string;
  secureSource?: string;
}

/** The chosen cloud's options under keystoneauth's names, each with file and key. */
export function readCloud(options: CloudsYamlOptions): CloudOptions {
  const env = options.env ?? process.env;
  const lists = searchLists({
    paths: options.paths,
    securePaths: options.securePaths,
    env,
    cwd: options.cwd ?? processCwd(),
  });
  const clouds = readFirstFile(lists.clouds);
  const secure = readFirstFile(lists.secure);
  const chosen = options.cloud ?? (env.OS_CLOUD || undefined);
  const chosenBy: OptionPlace =
    options.cloud !== undefined
      ? { source: 'cloud option' }
      : { source: 'environment variable OS_CLOUD', variable: 'OS_CLOUD' };
  if (clouds === undefined && secure === undefined) {
    throw new KeystoneConfigError(
      'cloud',
      `no clouds.yaml found; looked for ${lists.clouds.join(', ')}`,
      chosen === undefined ? { source: 'clouds.yaml' } : chosenBy,
    );
  }
  const source = clouds?.path ?? secure?.path ?? 'clouds.yaml';
  const files = [clouds, secure].flatMap((file) =>
    file === undefined ? [] : [{ file, map: cloudsOf(file) }],
  );
  const names = [...new Set(files.flatMap(({ map }) => Object.keys(map)))];
  const cloudName = chooseCloud(names, chosen, chosenBy, source);

  const layers = new CloudLayers(cloudName, source);
  for (const { file, map } of files) {
    const entry = entryOf(map, cloudName, file.path);
    if (entry !== undefined) layers.addMerged(entry, file.path);
  }
  const where = (path: readonly string[]) => layers.where(path);
  refuseUnsupported(layers.merged, where);
  const region = chooseRegion(layers.merged, options.regionName, where);
  if (region?.values !== undefined) layers.addRegionValues(region.values, region.index);

  const entries = cloudEntries(layers.merged, where);
  if (region !== undefined && region.name !== '') {
    entries.set('region_name', { value: region.name, place: region.place, origin: 'clouds.yaml' });
  }
  return {
    set: {
      entries,
      whereMissing: () => ({ source: `${source}, cloud '${cloudName}'`, file: source, cloud: cloudName }),
    },
    entries,
    cloudName,
    source,
    ...(secure === undefined || clouds === undefined ? {} : { secureSource: secure.path }),
  };
}

/** The named cloud; without a name, the only one (openstacksdk's rule); else an error listing them. */
function chooseCloud(
  names: readonly string[],
  chosen: string | undefined,
  chosenBy: OptionPlace,
  source: string,
): string {
  const listed = names.join(', ') || 'no clouds';
  if (chosen !== undefined) {
    if (names.includes(chosen)) return chosen;
    throw new KeystoneConfigError(
      'cloud',
      `cloud ${JSON.stringify(chosen)} is not in ${source} (it has ${listed})`,
      chosenBy,
    );
  }
  const only = names.length === 1 ? names[0] : undefined;
  if (only !== undefined) return only;
  throw new KeystoneConfigError('cloud', `choose one of ${listed} with the cloud option or OS_CLOUD`, {
    source,
    file: source,
  });
}

function cloudsOf(file: FoundFile): Mapping {
  if (!isMapping(file.content)) {
    throw new KeystoneConfigError('clouds', 'the file is empty or not a mapping', {
      source: file.path,
      file: file.path,
    });
  }
  const clouds = file.content.clouds;
  if (clouds === undefined || clouds === null) return {};
  if (!isMapping(clouds))
    throw new KeystoneConfigError('clouds', 'expected a mapping of clouds', {
      source: file.path,
      file: file.path,
    });
  return clouds;
}

function entryOf(clouds: Mapping, name: string, file: string): Mapping | undefined {
  if (!Object.hasOwn(clouds, name)) return undefined;
  const entry = normalizeKeys(clouds[name]);
  if (entry === null || entry === undefined) return {};
  if (!isMapping(entry))
    throw new KeystoneConfigError('clouds', `cloud '${name}' is not a mapping`, {
      source: file,
      file,
      cloud: name,
    });
  return entry;
}
