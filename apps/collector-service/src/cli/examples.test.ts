import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseMetricsConf } from '@kitty-collect/collector-base';
import { PrometheusCollector } from '@kitty-collect/collectors';
import { describe, expect, it } from 'vitest';
import { cli } from './testing/in-process-cli.js';

/** The repository's examples/ folder: the sample files the README points newcomers to. */
const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const METRICS = `${EXAMPLES}metrics.yml`;

const RATING_TYPES = [
  'openstack_instance_status@#instance',
  'ceilometer_cpu@#cpu',
  'ceilometer_cpu@#instance_uptime',
  'ceilometer_image_size@#image.size',
  'ceilometer_volume_size@#volume.size',
  'ceilometer_network_outgoing_bytes@#network.outgoing.bytes',
].join(', ');

describe('examples/', () => {
  it('batched collection sends one query per rating type of examples/metrics.yml: none falls back', async () => {
    const conf = parseMetricsConf(await readFile(METRICS, 'utf8'));
    const collector = new PrometheusCollector({
      period: 3600,
      conf,
      prometheus: { url: 'http://127.0.0.1:9' },
    });
    const reasons = Object.keys(collector.conf).map((key) => [key, collector.batchFallbackReason(key)]);
    expect(reasons).toEqual(Object.keys(collector.conf).map((key) => [key, undefined]));
    expect(reasons).toHaveLength(6);
  });

  it('validate: examples/metrics.yml is valid, with its 6 rating types', async () => {
    const result = await cli(['validate', METRICS]);
    expect(result).toEqual({
      code: 0,
      out: `${METRICS}: valid, 6 rating types (${RATING_TYPES})\n`,
      err: '',
    });
  });

  it.each([
    ['cloudkitty-prometheus.conf', 'prometheus', 'source', []],
    // Its Keystone (controller:5000) does not resolve here: the token's roles stay unchecked.
    [
      'cloudkitty-aetos.conf',
      'aetos',
      'keystone',
      [
        expect.stringMatching(
          /^ {2}aetos access: not checked \(Keystone is unavailable at http:\/\/controller:5000\/v3\/auth\/tokens: .+\)$/,
        ),
      ],
    ],
  ])(
    'config check: examples/%s is valid; its relative paths are next to it',
    async (file, collector, fetcher, access) => {
      const result = await cli(['config', 'check', '--config', `${EXAMPLES}${file}`]);
      expect({ ...result, out: result.out.split('\n') }).toEqual({
        code: 0,
        out: [
          `${EXAMPLES}${file}: valid`,
          `  collector: ${collector}, period 3600 s, wait_periods 2, scope_key project_id`,
          `  fetcher: ${fetcher}`,
          `  metrics: ${METRICS} (6 rating types: ${RATING_TYPES})`,
          `  storage: ${EXAMPLES}kitty-collect.sqlite`,
          ...access,
          '',
        ],
        err: '',
      });
    },
  );

  const PROJECT = '8f9d4c8a3e0b4f6c9a1d2e3f4a5b6c7d';
  it.each([
    [
      'openstack_instance_status@#instance',
      `max(max_over_time(openstack_instance_status{project_id="${PROJECT}"}[3600s])) by (resource_id, project_id, flavor_name)` +
        ' * on (resource_id) group_left (flavor_name) count by (resource_id, flavor_name) (ceilometer_cpu)',
    ],
    [
      'ceilometer_cpu@#cpu',
      `label_replace( max(rate(ceilometer_cpu{project_id="${PROJECT}"}[3600s])) by (resource_id, project_id, flavor_name, flavor_family)` +
        ' , "flavor_family", "$1", "flavor_name", "([^.]+)\\\\..*")',
    ],
  ])('query %s: the PromQL of the example (group_left join, label_replace)', async (metric, promql) => {
    const result = await cli([
      'query',
      '--config',
      `${EXAMPLES}cloudkitty-prometheus.conf`,
      '--metric',
      metric,
      '--scope',
      PROJECT,
      '--begin',
      '2026-01-04T01:00:00Z',
      '--end',
      '2026-01-04T02:00:00Z',
    ]);
    expect(result).toEqual({ code: 0, out: `${promql}\n`, err: '' });
  });

  it('README.md shows examples/library.mjs as it is, and links nothing outside the repository', async () => {
    const readme = await readFile(new URL('../../../../README.md', import.meta.url), 'utf8');
    const library = await readFile(`${EXAMPLES}library.mjs`, 'utf8');
    expect(readme).toContain(`\`\`\`js\n${library.slice(library.indexOf('import '))}\`\`\`\n`);
    expect(readme).not.toMatch(/\.\.\/shared|\/work\//);
  });
});
