import { describe, expect, it } from 'vitest';
import { formatProblems } from './config-problem.js';
import { ServiceConfigError } from './service-config-error.js';

describe('formatProblems', () => {
  it('writes file, [section], option or path, then the message', () => {
    expect(
      formatProblems([
        {
          file: 'cloudkitty.conf',
          section: 'collect',
          option: 'period',
          line: 3,
          message: 'expected a whole number of seconds, got "1h"',
        },
        { file: 'metrics.yml', path: 'metrics.cpu[1].mutate', message: 'expected one of NONE' },
        { file: 'cloudkitty.conf', section: 'collector_aetos', message: 'section is missing' },
        { file: 'metrics.yml', path: '', message: 'cannot read the file (ENOENT)' },
      ]),
    ).toEqual([
      'cloudkitty.conf [collect] period: expected a whole number of seconds, got "1h"',
      'metrics.yml metrics.cpu[1].mutate: expected one of NONE',
      'cloudkitty.conf [collector_aetos]: section is missing',
      'metrics.yml: cannot read the file (ENOENT)',
    ]);
  });

  it('ServiceConfigError lists every problem in its message', () => {
    const one = new ServiceConfigError([{ file: 'a.conf', message: 'broken' }]);
    expect(one.message).toBe('Invalid configuration: a.conf: broken');
    const two = new ServiceConfigError([
      { file: 'a.conf', message: 'broken' },
      { file: 'b.yml', path: 'metrics', message: 'is required' },
    ]);
    expect(two.message).toBe(
      'Invalid configuration (2 problems):\n  - a.conf: broken\n  - b.yml metrics: is required',
    );
    expect(two.name).toBe('ServiceConfigError');
  });
});
