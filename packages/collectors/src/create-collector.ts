import { InvalidConfiguration } from '@kitty-collect/collector-base';
import { AetosCollector, type AetosCollectorOptions } from './aetos/aetos-collector.js';
import { PrometheusCollector, type PrometheusCollectorOptions } from './prometheus/prometheus-collector.js';

/** Options of each collector, by the name used in `[collect] collector`. */
export interface CollectorOptionsByName {
  prometheus: PrometheusCollectorOptions;
  aetos: AetosCollectorOptions;
}

export type CollectorName = keyof CollectorOptionsByName;

export interface CollectorByName {
  prometheus: PrometheusCollector;
  aetos: AetosCollector;
}

const COLLECTORS: {
  [Name in CollectorName]: new (
    options: CollectorOptionsByName[Name],
  ) => CollectorByName[Name];
} = {
  prometheus: PrometheusCollector,
  aetos: AetosCollector,
};

export const COLLECTOR_NAMES = Object.keys(COLLECTORS) as CollectorName[];

/** CloudKitty's `get_collector`: the collector named in `[collect] collector`. */
export function createCollector<Name extends CollectorName>(
  name: Name,
  options: CollectorOptionsByName[Name],
): CollectorByName[Name] {
  if (!Object.hasOwn(COLLECTORS, name)) {
    throw new InvalidConfiguration(
      [
        {
          path: 'collector',
          message: `unknown collector "${String(name)}" (expected one of ${COLLECTOR_NAMES.join(', ')})`,
        },
      ],
      { source: 'createCollector' },
    );
  }
  const Collector = COLLECTORS[name];
  return new Collector(options);
}
