import { InvalidConfiguration } from '@kitty-collect/collector-base';
import { parseIni } from '@kitty-collect/oslo-config';
import { describe, expect, it } from 'vitest';
import { aetosConfFromIni } from './aetos-conf.js';

const SECTION = [
  '[collector_aetos]',
  'auth_type = password',
  'auth_url = http://127.0.0.1:5000/v3',
  'username = cloudkitty',
  'password = pw',
  'user_domain_name = Default',
  'project_name = service',
  'project_domain_name = Default',
];

describe('aetosConfFromIni: time_parameter', () => {
  it.each(['auto', 'query', 'at-modifier'] as const)('reads %s', async (value) => {
    const { session, aetos } = aetosConfFromIni(
      parseIni([...SECTION, `time_parameter = ${value}`].join('\n'), 'cloudkitty.conf'),
    );
    await session.close();
    expect(aetos).toEqual({ timeParameter: value });
  });

  it('leaves it to the client default when absent', async () => {
    const { session, aetos } = aetosConfFromIni(parseIni(SECTION.join('\n'), 'cloudkitty.conf'));
    await session.close();
    expect(aetos).toEqual({});
  });

  it('refuses another value, naming the option and the choices', () => {
    const ini = parseIni([...SECTION, 'time_parameter = time'].join('\n'), 'cloudkitty.conf');
    expect(() => aetosConfFromIni(ini)).toThrow(InvalidConfiguration);
    expect(() => aetosConfFromIni(ini)).toThrow(
      'collector_aetos.time_parameter: expected one of auto, query, at-modifier, got "time"',
    );
  });
});
