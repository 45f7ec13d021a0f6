import { type AetosClientOptions, TIME_PARAMETERS, type TimeParameter } from '@kitty-collect/aetos-client';
import { InvalidConfiguration } from '@kitty-collect/collector-base';
import { loadFromConfSection, Session } from '@kitty-collect/keystone-auth';
import type { IniFile } from '@kitty-collect/oslo-config';

export interface AetosConf {
  session: Session;
  aetos: AetosClientOptions;
}

/**
 * `[collector_aetos]` of a cloudkitty.conf: `interface`, `region_name`, and the keystoneauth options
 * (directly, or through `auth_section`), as CloudKitty's aetos collector reads them; and kitty-collect's
 * `time_parameter` (`auto`, `query` or `at-modifier`).
 */
export function aetosConfFromIni(ini: IniFile, section = 'collector_aetos'): AetosConf {
  const loaded = loadFromConfSection(ini, section);
  const { interface: iface, regionName, serviceType, endpointOverride } = loaded.adapterOptions;
  const aetos: AetosClientOptions = {
    // valid_interfaces may list several; Aetos is reached through the preferred one.
    ...(iface === undefined ? {} : { interface: typeof iface === 'string' ? iface : (iface[0] ?? 'public') }),
    ...(regionName === undefined ? {} : { regionName }),
    ...(serviceType === undefined ? {} : { serviceType }),
    ...(endpointOverride === undefined ? {} : { endpointOverride }),
  };
  const timeParameter = ini.get(section, 'time_parameter');
  if (timeParameter !== undefined) aetos.timeParameter = timeParameterOf(timeParameter, section);
  return { session: new Session({ auth: loaded.auth, ...loaded.sessionOptions }), aetos };
}

function timeParameterOf(value: string, section: string): TimeParameter {
  const choice = TIME_PARAMETERS.find((candidate) => candidate === value.trim());
  if (choice !== undefined) return choice;
  throw new InvalidConfiguration(
    [
      {
        path: `${section}.time_parameter`,
        message: `expected one of ${TIME_PARAMETERS.join(', ')}, got ${JSON.stringify(value)}`,
      },
    ],
    { source: `[${section}]` },
  );
}
