import { parseIni } from '@kitty-collect/oslo-config';
import { describe, expect, it } from 'vitest';
import { readEnvOverrides } from './environment.js';

describe('KITTY_COLLECT__<SECTION>__<OPTION>', () => {
  it('reads sections and options lower-cased, sorted, skipping empty and foreign variables', () => {
    const { overrides, problems } = readEnvOverrides({
      KITTY_COLLECT__KITTY_COLLECT__STORAGE_PATH: '/data/x.sqlite',
      KITTY_COLLECT__COLLECT__PERIOD: '600',
      KITTY_COLLECT__COLLECT__WAIT_PERIODS: '',
      KITTY_COLLECTOR: 'x',
      PATH: '/usr/bin',
    });
    expect(problems).toEqual([]);
    expect(overrides).toEqual([
      { variable: 'KITTY_COLLECT__COLLECT__PERIOD', section: 'collect', option: 'period', value: '600' },
      {
        variable: 'KITTY_COLLECT__KITTY_COLLECT__STORAGE_PATH',
        section: 'kitty_collect',
        option: 'storage_path',
        value: '/data/x.sqlite',
      },
    ]);
    expect(
      parseIni('', 'cloudkitty.conf').withOverrides(overrides).entry('Collect', 'period')?.variable,
    ).toBe('KITTY_COLLECT__COLLECT__PERIOD');
  });

  it('reports names that are not <SECTION>__<OPTION>', () => {
    const { problems } = readEnvOverrides({
      KITTY_COLLECT__A__B__C: '1',
      KITTY_COLLECT__A: '1',
      KITTY_COLLECT____B: '1',
    });
    expect(problems.map((problem) => problem.file)).toEqual([
      '$KITTY_COLLECT__A',
      '$KITTY_COLLECT__A__B__C',
      '$KITTY_COLLECT____B',
    ]);
  });

  it('overlays the file without changing it, adding missing sections', () => {
    const ini = parseIni('[Collect]\nperiod = 3600\nwait_periods = 1\n', 'cloudkitty.conf');
    const { overrides } = readEnvOverrides({
      KITTY_COLLECT__COLLECT__PERIOD: '60',
      KITTY_COLLECT__FETCHER__BACKEND: 'source',
    });
    const overlaid = ini.withOverrides(overrides);
    expect(overlaid.toRecord('collect')).toEqual({ period: '60', wait_periods: '1' });
    expect(overlaid.get('fetcher', 'backend')).toBe('source');
    expect(overlaid.entry('collect', 'wait_periods')?.line).toBe(3);
    expect(ini.get('collect', 'period')).toBe('3600');
    expect(ini.has('fetcher')).toBe(false);
  });
});
