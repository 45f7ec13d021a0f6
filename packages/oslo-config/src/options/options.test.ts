import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OptionValueError } from '../errors/option-value-error.js';
import { parseIni } from '../ini/parse-ini.js';
import { thrown } from '../testing/thrown.js';
import { booleanValue } from '../values/boolean-value.js';
import { integerValue } from '../values/number-values.js';
import { required, textValue } from '../values/text-value.js';
import { closestName } from './closest-name.js';
import { readOption, readSection, sectionValues } from './read-section.js';
import { unknownOptions } from './unknown-options.js';

const ini = parseIni(
  '[collect]\nperiod = 1h\nwait_periods =\n\n[kitty_collect]\nconcurency = 3\nbatch = yes\n',
  'cloudkitty.conf',
).withOverrides([
  { section: 'collect', option: 'scope_key', value: '', variable: 'KITTY_COLLECT__COLLECT__SCOPE_KEY' },
  { section: 'fetcher', option: 'backend', value: 'x', variable: 'KITTY_COLLECT__FETCHER__BACKEND' },
]);

describe('sectionValues', () => {
  it('leaves empty values out: they mean "not set"', () => {
    expect(sectionValues(ini, 'collect')).toEqual({ period: '1h' });
    expect(sectionValues(ini, 'nowhere')).toEqual({});
  });
});

describe('readSection', () => {
  const collect = z.object({
    period: integerValue('a whole number of seconds', { min: 1 }).default(3600),
    wait_periods: integerValue('a whole number of periods').default(2),
    metrics_conf: required(textValue(), 'is required: the metrics file'),
  });

  it('every issue becomes a problem located at its line', () => {
    expect(readSection(ini, 'collect', collect)).toEqual({
      ok: false,
      problems: [
        {
          file: 'cloudkitty.conf',
          section: 'collect',
          option: 'period',
          line: 2,
          problem: 'expected a whole number of seconds, got "1h"',
        },
        {
          file: 'cloudkitty.conf',
          section: 'collect',
          option: 'metrics_conf',
          problem: 'is required: the metrics file',
        },
      ],
    });
    expect(readSection(ini, 'kitty_collect', z.object({ batch: booleanValue() }))).toEqual({
      ok: true,
      value: { batch: true },
    });
  });
});

describe('readOption', () => {
  it('the typed value, its default, or an OptionValueError with the parts as fields', () => {
    expect(readOption(ini, 'kitty_collect', 'batch', booleanValue().default(false))).toBe(true);
    expect(readOption(ini, 'collect', 'wait_periods', integerValue().default(2))).toBe(2);
    const error = thrown(OptionValueError, () => readOption(ini, 'collect', 'period', integerValue()));
    expect(error.message).toBe('cloudkitty.conf:2: [collect] period: expected an integer, got "1h"');
    expect(error).toMatchObject({
      name: 'OptionValueError',
      file: 'cloudkitty.conf',
      section: 'collect',
      option: 'period',
      line: 2,
      problem: 'expected an integer, got "1h"',
    });
    const overridden = thrown(OptionValueError, () => readOption(ini, 'fetcher', 'backend', integerValue()));
    expect(overridden.message).toBe(
      'environment variable KITTY_COLLECT__FETCHER__BACKEND: [fetcher] backend: expected an integer, got "x"',
    );
    expect(overridden.variable).toBe('KITTY_COLLECT__FETCHER__BACKEND');
    expect(overridden.line).toBeUndefined();
  });
});

describe('unknownOptions', () => {
  const known = ['storage_path', 'listen', 'concurrency', 'batch'];

  it('names each unknown option where it is written, with the closest known name', () => {
    expect(unknownOptions(ini, 'kitty_collect', known)).toEqual([
      {
        file: 'cloudkitty.conf',
        section: 'kitty_collect',
        option: 'concurency',
        suggestion: 'concurrency',
        line: 6,
        problem:
          'unknown option (did you mean concurrency?); [kitty_collect] has storage_path, listen, concurrency, batch',
      },
    ]);
    expect(unknownOptions(ini, 'nowhere', known)).toEqual([]);
  });

  it('suggests a name only when it is close', () => {
    expect(closestName('listen_address', known)).toBe('listen');
    expect(closestName('storage', known)).toBe('storage_path');
    expect(closestName('storage-path', known)).toBe('storage_path');
    expect(closestName('verbose', known)).toBeUndefined();
    expect(closestName('wait_period', ['collector', 'period', 'wait_periods', 'scope_key'])).toBe(
      'wait_periods',
    );
    expect(closestName('auth_sectoin', ['auth_type', 'auth_url', 'auth_section'])).toBe('auth_section');
  });
});
