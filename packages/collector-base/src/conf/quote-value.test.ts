import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fraction } from '../decimal/fraction.js';
import { formatIssuePath } from './issue-path.js';
import { QUOTED_VALUE_MAX, quoteValue } from './quote-value.js';
import { issuesOf } from './testing/issues-of.js';
import { validateConf } from './validate-metrics-conf.js';

const HUGE = 'z'.repeat(5_000_000);
const HUGE_QUOTED = `"${'z'.repeat(64)}"… (5,000,000 characters)`;

describe('quoteValue', () => {
  it('quotes a short value whole, as JSON', () => {
    expect(quoteValue('abc')).toBe('"abc"');
    expect(quoteValue('a"b\n\u001b')).toBe('"a\\"b\\n\\u001b"');
    expect(quoteValue('x'.repeat(64))).toBe(`"${'x'.repeat(64)}"`);
  });

  it('truncates a long value and says how long it was', () => {
    expect(quoteValue('x'.repeat(65))).toBe(`"${'x'.repeat(64)}"… (65 characters)`);
    expect(quoteValue(HUGE)).toBe(HUGE_QUOTED);
  });

  it('never cuts a surrogate pair in two', () => {
    expect(quoteValue(`${'x'.repeat(63)}😀😀`)).toBe(`"${'x'.repeat(63)}"… (67 characters)`);
  });

  it('stays short and keeps the start of the value (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (value) => {
        const quoted = quoteValue(value);
        if (value.length <= QUOTED_VALUE_MAX) {
          expect(quoted).toBe(JSON.stringify(value));
        } else {
          const match = /^(".*")… \(([\d,]+) characters\)$/s.exec(quoted);
          expect(match).not.toBeNull();
          const kept = JSON.parse(match?.[1] ?? '""') as string;
          expect(value.startsWith(kept)).toBe(true);
          expect(kept.length).toBeGreaterThanOrEqual(QUOTED_VALUE_MAX - 1);
          expect(Number(match?.[2]?.replaceAll(',', ''))).toBe(value.length);
        }
        expect(quoted.length).toBeLessThanOrEqual(6 * QUOTED_VALUE_MAX + 40);
      }),
      { numRuns: 500 },
    );
  });
});

describe('metrics.yml messages quote user values truncated (issue 11, item 5)', () => {
  it('in Fraction syntax errors', () => {
    expect(() => Fraction.parse(`${HUGE}x`)).toThrow(
      `expected a number or a fraction such as "1/1048576", "0.5" or "1e-9", got "${'z'.repeat(64)}"… (5,000,001 characters)`,
    );
    expect(() => Fraction.parse(`1/${'0'.repeat(100)}`)).toThrow(
      `division by zero in "1/${'0'.repeat(62)}"… (102 characters)`,
    );
  });

  it('in every validation message that repeats what the file says', () => {
    const metricName = `m${'n'.repeat(200)}`;
    const raw = {
      metrics: {
        a: { unit: 'u', factor: HUGE, offset: HUGE },
        b: { unit: 'u', mutate: 'MAP', mutate_map: { [HUGE]: 1, 2: HUGE } },
        c: { unit: 'u', [HUGE]: 1 },
        d: { unit: HUGE, description: [HUGE], groupby: HUGE, alt_name: 5 },
        e: [
          { unit: 'u', alt_name: HUGE },
          { unit: 'u', alt_name: HUGE },
        ],
        f: { unit: 'u', groupby: [HUGE], metadata: [HUGE] },
        [metricName]: [{ unit: 'u' }, { unit: 'u' }],
      },
    };
    const issues = issuesOf(() => validateConf(raw));
    for (const line of issues) expect(line.length).toBeLessThan(400);
    expect(issues).toEqual([
      `metrics.a.factor: expected a number or a fraction such as "1/1048576", "0.5" or "1e-9", got ${HUGE_QUOTED}`,
      `metrics.a.offset: expected a number or a fraction such as "1/1048576", "0.5" or "1e-9", got ${HUGE_QUOTED}`,
      `metrics.b.mutate_map["2"]: expected a number, got the string ${HUGE_QUOTED}`,
      `metrics.b.mutate_map[${HUGE_QUOTED}]: key ${HUGE_QUOTED} is not a number`,
      `metrics.c: unknown option ${HUGE_QUOTED}`,
      `metrics.d.description: expected a string, got a list`,
      `metrics.d.alt_name: expected a non-empty string, got number 5`,
      `metrics.d.groupby: expected a list of label names, got the string ${HUGE_QUOTED}`,
      `metrics.e[1]: duplicate rating type "e@#${'z'.repeat(61)}"… (5,000,003 characters): give each rating type of a metric its own alt_name`,
      `metrics.f.metadata[0]: ${HUGE_QUOTED} is also in groupby`,
      `metrics["${metricName.slice(0, 64)}"… (201 characters)][1]: duplicate rating type "${metricName.slice(0, 64)}"… (201 characters): give each rating type of a metric its own alt_name`,
    ]);
  });

  it('in paths', () => {
    expect(formatIssuePath(['metrics', HUGE, 0])).toBe(`metrics[${HUGE_QUOTED}][0]`);
    expect(formatIssuePath(['metrics', 'x'.repeat(100)])).toBe(
      `metrics["${'x'.repeat(64)}"… (100 characters)]`,
    );
  });
});
