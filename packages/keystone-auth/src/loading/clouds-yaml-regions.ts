import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { isMapping, type Mapping, normalizeKeys } from './clouds-yaml-files.js';
import { isAbsent } from './option-set.js';

export interface ChosenRegion {
  name: string;
  /** Position in `regions`, for sources. */
  index: number;
  /** Settings that override the cloud's in this region. */
  values?: Mapping;
  /** Where the name came from. */
  source: string;
}

/**
 * openstacksdk's `_get_region`: the cloud's `regions` (names or `{name, values}`), else its `region_name`
 * (a deprecated comma-separated list is accepted). A requested region must be one of them (names are
 * case-sensitive); without a request, the first one.
 */
export function chooseRegion(
  cloud: Mapping,
  wanted: string | undefined,
  where: (path: readonly string[]) => string,
): ChosenRegion | undefined {
  const requested =
    wanted === undefined ? undefined : { name: wanted, index: 0, source: 'regionName option' };
  const key = cloud.regions !== undefined && cloud.regions !== null ? 'regions' : 'region_name';
  const raw = cloud[key];
  if (isAbsent(raw)) return requested;
  const list = expandRegions(raw, where([key]));
  if (list.length === 0) return requested;
  const index = wanted === undefined ? 0 : list.findIndex((region) => region.name === wanted);
  const region = list[index];
  if (region === undefined) {
    const names = list.map((candidate) => candidate.name).join(', ');
    throw new KeystoneConfigError(
      'region_name',
      `${JSON.stringify(wanted)} is not a region of this cloud (it has ${names}; names are case-sensitive)`,
      { source: where([key]) },
    );
  }
  const source = requested?.source ?? `${where([key])}${key === 'regions' ? `[${index}]` : ''}`;
  return { ...region, index, source };
}

function expandRegions(raw: unknown, source: string): Array<{ name: string; values?: Mapping }> {
  if (typeof raw === 'string') return raw.split(',').map((name) => ({ name: name.trim() }));
  if (!Array.isArray(raw)) {
    throw new KeystoneConfigError('regions', 'expected a list of region names', { source });
  }
  return raw.map((item: unknown) => {
    if (typeof item === 'string') return { name: item };
    const valid =
      isMapping(item) && Object.keys(item).every((key) => key === 'name' || key === 'values')
        ? item
        : undefined;
    const name = valid?.name;
    if (valid === undefined || typeof name !== 'string') {
      throw new KeystoneConfigError('regions', 'each region is a name, or a mapping of name and values', {
        source,
      });
    }
    const values = normalizeKeys(valid.values ?? {});
    if (!isMapping(values)) {
      throw new KeystoneConfigError('regions', `the values of region ${name} must be a mapping`, { source });
    }
    return { name, values };
  });
}
