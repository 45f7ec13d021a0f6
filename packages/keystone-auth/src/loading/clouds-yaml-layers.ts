import { deepMerge, isMapping, type Mapping } from './clouds-yaml-files.js';
import type { OptionPlace } from './option-set.js';

interface Layer {
  data: Mapping;
  file: string;
  /** How the key path is written in that file, e.g. `regions[1].values.`. */
  prefix: string;
}

/**
 * A cloud entry built from layers (clouds file, secure file over it, the region's `values` over both)
 * that remembers which layer gave each key, so `sources` and errors name the right file.
 */
export class CloudLayers {
  readonly cloudName: string;
  readonly #fallbackFile: string;
  readonly #layers: Layer[] = [];
  #merged: Mapping = {};

  constructor(cloudName: string, fallbackFile: string) {
    this.cloudName = cloudName;
    this.#fallbackFile = fallbackFile;
  }

  get merged(): Mapping {
    return this.#merged;
  }

  /** openstacksdk's `merge_clouds`: the secure file's mappings merge into the clouds file's. */
  addMerged(data: Mapping, file: string): void {
    this.#layers.push({ data, file, prefix: '' });
    this.#merged = deepMerge(this.#merged, data);
  }

  /** openstacksdk's `_auth_update` for a region's values: `auth` merges, any other key replaces. */
  addRegionValues(data: Mapping, index: number): void {
    const file = this.fileOf(['regions']);
    this.#layers.push({ data, file, prefix: `regions[${index}].values.` });
    const merged: Mapping = { ...this.#merged };
    for (const [key, value] of Object.entries(data)) {
      const previous = merged[key];
      merged[key] =
        key === 'auth' && isMapping(previous) && isMapping(value) ? { ...previous, ...value } : value;
    }
    this.#merged = merged;
  }

  /** `clouds.yaml, cloud 'ck', auth.password`: where the key path was last set. */
  where(path: readonly string[]): OptionPlace {
    const layer = this.#last(path) ?? this.#layers[0];
    const file = layer?.file ?? this.#fallbackFile;
    const key = `${layer?.prefix ?? ''}${path.join('.')}`;
    return { source: `${file}, cloud '${this.cloudName}', ${key}`, file, cloud: this.cloudName, key };
  }

  fileOf(path: readonly string[]): string {
    return this.#last(path)?.file ?? this.#fallbackFile;
  }

  #last(path: readonly string[]): Layer | undefined {
    return [...this.#layers].reverse().find((layer) => hasPath(layer.data, path));
  }
}

function hasPath(data: Mapping, path: readonly string[]): boolean {
  let current: unknown = data;
  for (const key of path) {
    if (!isMapping(current) || !Object.hasOwn(current, key)) return false;
    current = current[key];
  }
  return true;
}
