import { choiceValue, integerValue, textValue } from '@kitty-collect/oslo-config';
import { z } from 'zod';
import { labelNameValue } from '../prometheus-names.js';

export const COLLECT_SECTION = 'collect';

export const COLLECTORS = ['prometheus', 'aetos'] as const;
export type CollectorChoice = (typeof COLLECTORS)[number];

/** CloudKitty's default collector is gnocchi, which kitty-collect does not implement: ours is prometheus. */
export const DEFAULT_COLLECTOR: CollectorChoice = 'prometheus';
export const DEFAULT_METRICS_CONF = '/etc/cloudkitty/metrics.yml';

const OTHER_COLLECTORS = {
  gnocchi: 'a CloudKitty collector that kitty-collect does not implement',
  monasca: 'a CloudKitty collector that kitty-collect does not implement',
  fake: 'a CloudKitty test collector',
};

/** `[collect]` as CloudKitty registers it (cloudkitty/collector/__init__.py), camelCased. */
export const collectSectionSchema = z
  .object({
    collector: choiceValue(COLLECTORS, { notes: OTHER_COLLECTORS }).default(DEFAULT_COLLECTOR),
    period: integerValue('a whole number of seconds', { min: 1 }).default(3600),
    wait_periods: integerValue('a whole number of periods', { min: 0 }).default(2),
    /** As written; the loader resolves it against the config file's directory. */
    metrics_conf: textValue().default(DEFAULT_METRICS_CONF),
    scope_key: labelNameValue().default('project_id'),
  })
  .transform((section) => ({
    collector: section.collector,
    period: section.period,
    waitPeriods: section.wait_periods,
    metricsConf: section.metrics_conf,
    scopeKey: section.scope_key,
  }));

export type CollectSection = z.output<typeof collectSectionSchema>;
