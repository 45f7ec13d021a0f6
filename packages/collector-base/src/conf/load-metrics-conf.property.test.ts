import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidConfiguration } from '../errors/invalid-configuration.js';
import { parseMetricsConf } from './load-metrics-conf.js';
import { validateConf } from './validate-metrics-conf.js';

/** Pieces of YAML, glued at random: mostly near-YAML, where a parser's corner cases are. */
const FRAGMENTS = [
  'metrics:',
  '\n',
  '  ',
  '- ',
  ': ',
  '? ',
  ', ',
  '[',
  ']',
  '{',
  '}',
  '&a ',
  '*a',
  '*b',
  '!!str ',
  '!!int ',
  '!!map ',
  '!!binary ',
  '!x ',
  '%TAG ! tag:x:\n',
  '%YAML 1.2\n',
  '---\n',
  '...\n',
  '"\\ud800"',
  '"\\0"',
  '"\\x00"',
  "'q'",
  '|\n  block\n',
  '# c\n',
  'cpu',
  'unit',
  'groupby',
  '1/0',
  '\t',
  '\u0000',
  '\ufeff',
  'é',
];
const yamlish = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(''));

/** Runs the loader and the strict validation; returns the issues, or [] when accepted. */
function outcome(input: string | Uint8Array): readonly { path: string; message: string }[] {
  try {
    validateConf(parseMetricsConf(input));
    return [];
  } catch (error) {
    if (error instanceof InvalidConfiguration) return error.issues;
    throw error;
  }
}

describe('parseMetricsConf on any input (property)', () => {
  it('either returns a mapping or throws InvalidConfiguration with located, short issues', () => {
    fc.assert(
      fc.property(
        fc.oneof(yamlish, fc.string({ maxLength: 60 }), fc.uint8Array({ maxLength: 60 })),
        (input) => {
          const issues = outcome(input);
          for (const issue of issues) {
            expect(issue.message.length).toBeGreaterThan(0);
            expect(issue.message.length).toBeLessThan(400);
            expect(issue.message).not.toMatch(/\n|\bat .*\.js:\d+/);
            if ('line' in issue) {
              expect(issue.path).toBe(`line ${issue.line}, column ${(issue as { column?: number }).column}`);
            }
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('accepts what it returns again: parsing is deterministic (property)', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        let first: unknown;
        try {
          first = parseMetricsConf(text);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidConfiguration);
          return;
        }
        expect(parseMetricsConf(text)).toEqual(first);
        expect(typeof first).toBe('object');
      }),
      { numRuns: 1000 },
    );
  });
});
