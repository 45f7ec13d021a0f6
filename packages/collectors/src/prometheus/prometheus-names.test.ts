import { InvalidConfiguration, parseMetricsConf, validateConf } from '@kitty-collect/collector-base';
import { PrometheusClient } from '@kitty-collect/prometheus-client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AetosCollector } from '../aetos/aetos-collector.js';
import { prometheusExtraArgsSchema } from './extra-args.js';
import { PrometheusCollector } from './prometheus-collector.js';
import { isPrometheusLabelName, isPrometheusMetricName, prometheusNameRules } from './prometheus-names.js';

const LABEL_START = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_'.split('');
const DIGITS = '0123456789'.split('');
const labelName = fc
  .tuple(
    fc.constantFrom(...LABEL_START),
    fc.array(fc.constantFrom(...LABEL_START, ...DIGITS), { maxLength: 20 }),
  )
  .map(([first, rest]) => first + rest.join(''));
const metricName = fc
  .tuple(
    fc.constantFrom(...LABEL_START, ':'),
    fc.array(fc.constantFrom(...LABEL_START, ...DIGITS, ':'), { maxLength: 20 }),
  )
  .map(([first, rest]) => first + rest.join(''));

const INJECTION = 'resource) or label_replace(vector(42),"project_id","p1","","") #';
const INJECTING_CONF = `metrics:
  ceilometer_cpu:
    - unit: s
      groupby: [resource_id, id, '${INJECTION}']
  'a"} or vector(1)':
    unit: u
  good:
    unit: u
    metadata: [a b]
`;
const EXPECTED = [
  `metrics.ceilometer_cpu[0].groupby[2]: expected a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*), got ${JSON.stringify(INJECTION)}`,
  'metrics["a\\"} or vector(1)"]: expected a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), got "a\\"} or vector(1)"',
  'metrics.good.metadata[0]: expected a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*), got "a b"',
];

/** The message of an InvalidConfiguration listing `lines` (no source: a collector's own check). */
const invalid = (lines: readonly string[]) =>
  lines.length === 1
    ? `Invalid configuration: ${lines[0]}`
    : [`Invalid configuration (${lines.length} problems):`, ...lines.map((line) => `  - ${line}`)].join('\n');

describe("Prometheus' name grammar", () => {
  it('accepts the names of the grammar (property)', () => {
    fc.assert(fc.property(labelName, (name) => isPrometheusLabelName(name) && isPrometheusMetricName(name)));
    fc.assert(fc.property(metricName, (name) => isPrometheusMetricName(name)));
  });

  it('refuses any name with a character outside it, or starting with a digit (property)', () => {
    const outside = fc.string({ minLength: 1, maxLength: 3 }).filter((text) => /[^a-zA-Z0-9_:]/.test(text));
    fc.assert(
      fc.property(labelName, outside, fc.nat(), (name, bad, at) => {
        const cut = at % (name.length + 1);
        const mixed = name.slice(0, cut) + bad + name.slice(cut);
        return !isPrometheusLabelName(mixed) && !isPrometheusMetricName(mixed);
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...DIGITS), labelName, (digit, name) => {
        return !isPrometheusLabelName(digit + name) && !isPrometheusMetricName(digit + name);
      }),
    );
    fc.assert(
      fc.property(
        metricName.filter((name) => name.includes(':')),
        (name) => !isPrometheusLabelName(name),
      ),
    );
    expect(isPrometheusLabelName('')).toBe(false);
    expect(isPrometheusMetricName('')).toBe(false);
    expect(isPrometheusLabelName('a\n')).toBe(false);
  });

  it('the strict validation with these rules accepts exactly the grammar (property)', () => {
    fc.assert(
      fc.property(fc.oneof(labelName, fc.string({ maxLength: 8 })), (name) => {
        const raw = { metrics: { cpu: { unit: 'u', groupby: [name] } } };
        const run = () =>
          validateConf(raw, { extraArgs: prometheusExtraArgsSchema, names: prometheusNameRules });
        if (isPrometheusLabelName(name)) expect(run().cpu?.groupby[0]).toBe(name);
        else expect(run).toThrow(InvalidConfiguration);
      }),
    );
  });
});

describe('Prometheus and Aetos collectors check names (issue 11, item 2)', () => {
  const client = () => new PrometheusClient({ url: 'http://127.0.0.1:9/api/v1' });

  it('the Prometheus collector refuses names that would rewrite its PromQL', () => {
    const conf = parseMetricsConf(INJECTING_CONF);
    expect(() => new PrometheusCollector({ period: 3600, conf, client: client() })).toThrow(
      invalid(EXPECTED),
    );
  });

  it('the Aetos collector too', () => {
    const conf = parseMetricsConf(INJECTING_CONF);
    expect(() => new AetosCollector({ period: 3600, conf, client: client() })).toThrow(invalid(EXPECTED));
  });

  it('and a scope key outside the label grammar', () => {
    const conf = parseMetricsConf('metrics: {cpu: {unit: u}}');
    const scopeKey = 'project-id';
    expect(() => new PrometheusCollector({ period: 3600, conf, scopeKey, client: client() })).toThrow(
      invalid(['scopeKey: expected a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*), got "project-id"']),
    );
  });
});
