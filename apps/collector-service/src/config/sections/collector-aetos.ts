import { choiceValue, textValue } from '@kitty-collect/oslo-config';
import { z } from 'zod';

export const COLLECTOR_AETOS_SECTION = 'collector_aetos';

export const AETOS_INTERFACES = ['public', 'internal', 'admin'] as const;

/** kitty-collect's: how queries carry their evaluation time (Aetos 1.0 takes no `time` parameter). */
export const AETOS_TIME_PARAMETERS = ['auto', 'query', 'at-modifier'] as const;

/**
 * The collector's own options of `[collector_aetos]` (cloudkitty/collector/aetos.py): which catalog
 * endpoint of `metric-storage` to use; kitty-collect adds `time_parameter` (`auto`: `time=` until Aetos 1.0
 * refuses it, then `@` pinning; `query`; `at-modifier`). The keystoneauth options of the section (or of its
 * `auth_section`) are read by keystone-auth's loader.
 */
export const collectorAetosSectionSchema = z
  .object({
    interface: choiceValue(AETOS_INTERFACES).default('public'),
    region_name: textValue().optional(),
    time_parameter: choiceValue(AETOS_TIME_PARAMETERS).default('auto'),
  })
  .transform((section) => ({
    interface: section.interface,
    regionName: section.region_name,
    timeParameter: section.time_parameter,
  }));

export type CollectorAetosSection = z.output<typeof collectorAetosSectionSchema>;
