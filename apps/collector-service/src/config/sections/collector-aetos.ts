import { choiceValue, textValue } from '@kitty-collect/oslo-config';
import { z } from 'zod';

export const COLLECTOR_AETOS_SECTION = 'collector_aetos';

export const AETOS_INTERFACES = ['public', 'internal', 'admin'] as const;

/**
 * The collector's own options of `[collector_aetos]` (cloudkitty/collector/aetos.py): which catalog
 * endpoint of `metric-storage` to use. The keystoneauth options of the section (or of its
 * `auth_section`) are read by keystone-auth's loader.
 */
export const collectorAetosSectionSchema = z
  .object({
    interface: choiceValue(AETOS_INTERFACES).default('public'),
    region_name: textValue().optional(),
  })
  .transform((section) => ({ interface: section.interface, regionName: section.region_name }));

export type CollectorAetosSection = z.output<typeof collectorAetosSectionSchema>;
