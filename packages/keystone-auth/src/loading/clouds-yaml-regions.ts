import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { isMapping, type Mapping, normalizeKeys } from './clouds-yaml-files.js';
import { isAbsent, type OptionPlace } from './option-set.js';

export interface ChosenRegion {
  name: string;
  /** Position in `regions`, for sources. */
  index: number;
  /** Settings that override the cloud's in this region. */
  values?: Mapping;
  /** Where the name came from. */
  place: OptionPlace;
}

/**
 * openstacksdk's `_get_region`: the cloud's `regions` (names or `{name, values}`), else its `region_name`
 * (a deprecated comma-separated list is accepted). A requested region must be one of them (names are
 * case-sensitive); without a request, the first one.
 */
export function chooseRegion(
  cloud: Mapping,
  wanted: string | undefined,
  where: (path: readonly string[]) => OptionPlace,
): ChosenRegion | undefined {
  const requested =
    wanted === undefined ? undefined : { name: wanted, index: 0, place: { source: 'regionName option' } };
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
      where([key]),
    );
  }
  return { ...region, index, place: requested?.place ?? listedPlace(where([key]), key, index) };
}

/** `regions[1]` in a `regions` list; a `region_name` is the key itself. */
function listedPlace(place: OptionPlace, key: string, index: number): OptionPlace {
  if (key !== 'regions') return place;
  return { ...place, source: `${place.source}[${index}]`, key: `${place.key ?? key}[${index}]` };
}

function expandRegions(raw: unknown, place: OptionPlace): Array<{ name: string; values?: Mapping }> {
  if (typeof raw === 'string') return raw.split(',').map((name) => ({ name: name.trim() }));
  if (!Array.isArray(raw)) {
    throw new KeystoneConfigError('regions', 'expected a list of region names', place);
  }
  return raw.map((item: unknown) => {
    if (typeof item === 'string') return { name: item };
    const valid =
      isMapping(item) && Object.keys(item).every((key) => key === 'name' || key === 'values')
        ? item
        : undefined;
    const name = valid?.name;
    if (valid === undefined || typeof name !== 'string') {
      throw new KeystoneConfigError(
        'regions',
        'each region is a name, or a mapping of name and values',
        place,
      );
    }
    const values = normalizeKeys(valid.values ?? {});
    if (!isMapping(values)) {
      throw new KeystoneConfigError('regions', `the values of region ${name} must be a mapping`, place);
    }
    return { name, values };
  });
}
