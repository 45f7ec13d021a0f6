import { listValue, textValue } from '@kitty-collect/oslo-config';
import { z } from 'zod';
import { normalizeInterface } from '../access/interface.js';
import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { checkedUrl } from '../identity/checked-url.js';
import type { AdapterOptions } from '../session/adapter-options.js';
import { ADAPTER_OPTION_NAMES } from './option-names.js';
import type { OptionSet } from './option-set.js';
import { sourced } from './option-source.js';
import { parseOptions } from './parse-options.js';

/** keystoneauth's adapter conf options (loading/adapter.py `get_conf_options`) that endpoint selection uses. */
export const adapterConfSchema = z.object({
  interface: textValue().optional(),
  valid_interfaces: listValue().optional(),
  region_name: textValue().optional(),
  service_type: textValue().optional(),
  service_name: textValue().optional(),
  endpoint_override: textValue().optional(),
});

export type AdapterConf = z.infer<typeof adapterConfSchema>;

/** Adapter options as far as configuration gives them; the caller supplies at least `serviceType`. */
export type LoadedAdapterOptions = Partial<AdapterOptions>;

export function resolveAdapterOptions(set: OptionSet): LoadedAdapterOptions {
  const conf = parseOptions(adapterConfSchema, ADAPTER_OPTION_NAMES, set);
  return sourced(set, () => {
    const options: LoadedAdapterOptions = {};
    const interfaces = resolveInterfaces(conf);
    if (interfaces !== undefined) options.interface = interfaces;
    if (conf.region_name !== undefined) options.regionName = conf.region_name;
    if (conf.service_type !== undefined) options.serviceType = conf.service_type;
    if (conf.service_name !== undefined) options.serviceName = conf.service_name;
    if (conf.endpoint_override !== undefined) {
      options.endpointOverride = checkedUrl('endpoint_override', conf.endpoint_override);
    }
    return options;
  });
}

/** As keystoneauth's Adapter loader: `interface` and `valid_interfaces` exclude each other; the list keeps its order of preference. */
function resolveInterfaces(conf: AdapterConf): string | string[] | undefined {
  if (conf.interface !== undefined && conf.valid_interfaces !== undefined) {
    throw new KeystoneConfigError(
      'valid_interfaces',
      'interface and valid_interfaces are mutually exclusive: use valid_interfaces',
    );
  }
  if (conf.interface !== undefined) return normalizeInterface(conf.interface);
  if (conf.valid_interfaces === undefined || conf.valid_interfaces.length === 0) return undefined;
  const list = conf.valid_interfaces.map((value) => {
    try {
      return normalizeInterface(value);
    } catch (error) {
      if (error instanceof KeystoneConfigError) {
        throw new KeystoneConfigError(
          'valid_interfaces',
          `expected public, internal or admin, got ${JSON.stringify(value)}`,
        );
      }
      throw error;
    }
  });
  return list.length === 1 ? list[0] : list;
}
