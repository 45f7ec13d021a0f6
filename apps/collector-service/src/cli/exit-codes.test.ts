import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT, EXIT_MEANINGS } from './exit-codes.js';
import { EXIT_HELP } from './program.js';

const docs = readFileSync(new URL('../../../../docs/service.md', import.meta.url), 'utf8');

describe('exit codes', () => {
  it('docs/service.md lists every code with the words of --help', () => {
    const section = docs.slice(docs.indexOf('### Exit codes'));
    const table = section.slice(section.indexOf('| code | meaning |'));
    const rows = [...table.matchAll(/^\| (\d+) \| (.+) \|$/gm)]
      .slice(0, EXIT_MEANINGS.length)
      .map(([, code, meaning]) => ({ code: Number(code), meaning }));
    expect(rows).toEqual(EXIT_MEANINGS);
    expect(EXIT_MEANINGS.map(({ code }) => code)).toEqual(Object.values(EXIT));
  });

  it('--help lists the same, one code per line', () => {
    for (const { code, meaning } of EXIT_MEANINGS) {
      expect(EXIT_HELP).toContain(`\n  ${String(code).padEnd(5)}${meaning}\n`);
    }
  });
});
