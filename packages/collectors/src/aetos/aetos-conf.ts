import type { AetosClientOptions } from '@kitty-collect/aetos-client';
import { loadFromConfSection, Session } from '@kitty-collect/keystone-auth';
import type { IniFile } from '@kitty-collect/oslo-config';

export interface AetosConf {
  session: Session;
  aetos: AetosClientOptions;
}

/**
 * `[collector_aetos]` of a cloudkitty.conf: `interface`, `region_name`, and the keystoneauth options
 * (directly, or through `auth_section`), as CloudKitty's aetos collector reads them.
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
  return { session: new Session({ auth: loaded.auth, ...loaded.sessionOptions }), aetos };
}
