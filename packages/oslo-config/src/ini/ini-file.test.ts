import { describe, expect, it } from 'vitest';
import { parseIni } from './parse-ini.js';

describe('IniFile.withOverrides', () => {
  const ini = parseIni('[Collect]\nperiod = 3600\nperiod = 1800\nwait_periods = 1\n', 'cloudkitty.conf');
  const overlaid = ini.withOverrides([
    { section: 'collect', option: 'period', value: '60', variable: 'KITTY_COLLECT__COLLECT__PERIOD' },
    { section: 'fetcher', option: 'backend', value: 'source', variable: 'KITTY_COLLECT__FETCHER__BACKEND' },
  ]);

  it('replaces every value of the option, adds missing sections, leaves the file as it was', () => {
    expect(overlaid.toRecord('collect')).toEqual({ period: '60', wait_periods: '1' });
    expect(overlaid.getAll('collect', 'period')).toEqual(['60']);
    expect(overlaid.get('fetcher', 'backend')).toBe('source');
    expect(overlaid.sectionNames).toEqual(['Collect', 'fetcher']);
    expect(ini.getAll('collect', 'period')).toEqual(['3600', '1800']);
    expect(ini.has('fetcher')).toBe(false);
  });

  it('each value keeps its origin: a line of the file, or the variable', () => {
    expect(overlaid.entry('collect', 'period')).toEqual({
      value: '60',
      variable: 'KITTY_COLLECT__COLLECT__PERIOD',
    });
    expect(overlaid.entry('collect', 'wait_periods')).toEqual({ value: '1', line: 4 });
    expect(overlaid.section('fetcher')?.line).toBeUndefined();
  });

  it('locate names the line or the variable, and the header line for a section', () => {
    expect(overlaid.locate('collect', 'wait_periods')).toEqual({
      file: 'cloudkitty.conf',
      section: 'collect',
      option: 'wait_periods',
      line: 4,
    });
    expect(overlaid.locate('collect', 'period')).toEqual({
      file: 'cloudkitty.conf',
      section: 'collect',
      option: 'period',
      variable: 'KITTY_COLLECT__COLLECT__PERIOD',
    });
    expect(overlaid.locate('collect')).toEqual({ file: 'cloudkitty.conf', section: 'collect', line: 1 });
    expect(overlaid.locate('fetcher')).toEqual({ file: 'cloudkitty.conf', section: 'fetcher' });
    expect(overlaid.locate('collect', 'missing')).toEqual({
      file: 'cloudkitty.conf',
      section: 'collect',
      option: 'missing',
    });
  });
});
