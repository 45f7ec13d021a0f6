import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMetricsConf } from './load-metrics-conf.js';
import type { NameRules } from './name-rules.js';
import { issuesOf } from './testing/issues-of.js';
import { validateConf, validateMetricsConf } from './validate-metrics-conf.js';

/** Rules as a collector supplies them (the Prometheus ones live in @kitty-collect/collectors). */
const RULES: NameRules = {
  metricName: { pattern: /^[a-z_][a-z0-9_]*$/, expected: 'a test metric name ([a-z_][a-z0-9_]*)' },
  labelName: { pattern: /^[a-z_][a-z0-9_]*$/, expected: 'a test label name ([a-z_][a-z0-9_]*)' },
};

describe('name rules supplied by the collector (issue 11, item 2)', () => {
  it('checks metric names, groupby and metadata entries, with the path of each', () => {
    const raw = parseMetricsConf(`
metrics:
  'a"} or vector(1)':
    unit: u
  cpu:
    - unit: u
      groupby: [id, "9abc", "a b", 'resource) or label_replace(vector(42),"project_id","p1","","") #']
      metadata: [a-b, ok]
`);
    expect(issuesOf(() => validateConf(raw, { names: RULES }))).toEqual([
      'metrics["a\\"} or vector(1)"]: expected a test metric name ([a-z_][a-z0-9_]*), got "a\\"} or vector(1)"',
      'metrics.cpu[0].groupby[1]: expected a test label name ([a-z_][a-z0-9_]*), got "9abc"',
      'metrics.cpu[0].groupby[2]: expected a test label name ([a-z_][a-z0-9_]*), got "a b"',
      'metrics.cpu[0].groupby[3]: expected a test label name ([a-z_][a-z0-9_]*), got "resource) or label_replace(vector(42),\\"project_id\\",\\"p1\\",\\"\\",\\"\\") #"',
      'metrics.cpu[0].metadata[0]: expected a test label name ([a-z_][a-z0-9_]*), got "a-b"',
    ]);
    // Without rules (collector-agnostic), any non-empty name is kept as CloudKitty's schema does.
    expect(Object.keys(validateMetricsConf(raw))).toEqual(['a"} or vector(1)', 'cpu']);
  });

  it('checks the scope key', () => {
    expect(
      issuesOf(() => validateMetricsConf({ metrics: {} }, { names: RULES, scopeKey: 'project id' })),
    ).toEqual(['scopeKey: expected a test label name ([a-z_][a-z0-9_]*), got "project id"']);
  });

  it('truncates a long name in the message', () => {
    const long = `x-${'y'.repeat(10_000)}`;
    expect(
      issuesOf(() =>
        validateMetricsConf({ metrics: { cpu: { unit: 'u', groupby: [long] } } }, { names: RULES }),
      ),
    ).toEqual([
      `metrics.cpu.groupby[0]: expected a test label name ([a-z_][a-z0-9_]*), got "x-${'y'.repeat(62)}"… (10,002 characters)`,
    ]);
  });

  it('accepts every name that matches, rejects every one that does not (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (metric, label) => {
        const ok = (name: string) => RULES.labelName?.pattern.test(name) === true;
        const run = () =>
          validateConf({ metrics: { [metric]: { unit: 'u', metadata: [label] } } }, { names: RULES });
        if (ok(metric) && ok(label) && label !== 'project_id') {
          expect(Object.keys(run())).toEqual([metric]);
        } else {
          const issues = issuesOf(run);
          expect(issues.length).toBeGreaterThan(0);
          if (!ok(metric)) expect(issues.some((line) => line.includes('metric name'))).toBe(true);
          if (!ok(label)) {
            const about = (line: string) => line.includes('label name') || line.endsWith('must not be empty');
            expect(issues.some((line) => line.startsWith('metrics') && about(line))).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
