import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PROJECTS } from '@kitty-collect/test-stack';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
/** The repository root: the README's commands run from there. */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const apiUrl = inject('prometheusApiUrl');
const { alpha, beta } = PROJECTS;

interface Point {
  vol: { unit: string; qty: string };
  groupby: Record<string, string>;
  metadata: Record<string, string>;
}

/** `<resource_id> <qty>` of each point of a rating type, sorted. */
function quantities(points: Point[] | undefined): string[] {
  return (points ?? []).map((point) => `${point.groupby.resource_id} ${point.vol.qty}`).sort();
}

describe("the README's examples against the sample data (real Prometheus)", () => {
  it('collect with examples/cloudkitty-prometheus.conf and examples/metrics.yml: one dataframe per scope and hour', async () => {
    // the README's command, from the repository root, the Prometheus URL from the environment
    const { stdout, stderr } = await run(
      process.execPath,
      [
        'apps/collector-service/dist/main.js',
        'collect',
        '--config',
        'examples/cloudkitty-prometheus.conf',
        '--begin',
        '2026-01-04T00:00:00Z',
        '--end',
        '2026-01-04T02:00:00Z',
      ],
      { cwd: ROOT, env: { ...process.env, KITTY_COLLECT__COLLECTOR_PROMETHEUS__PROMETHEUS_URL: apiUrl } },
    );
    expect(stderr).toBe('');
    const { dataframes } = JSON.parse(stdout) as {
      dataframes: { period: { begin: string }; usage: Record<string, Point[]> }[];
    };
    // by period, then in [fetcher_source]'s order
    expect(
      dataframes.map((frame) => `${frame.period.begin} ${frame.usage.cpu?.[0]?.groupby.project_id}`),
    ).toEqual([
      `2026-01-04T00:00:00+00:00 ${alpha}`,
      `2026-01-04T00:00:00+00:00 ${beta}`,
      `2026-01-04T01:00:00+00:00 ${alpha}`,
      `2026-01-04T01:00:00+00:00 ${beta}`,
    ]);
    const frame = dataframes.find(
      (f) => f.period.begin === '2026-01-04T01:00:00+00:00' && f.usage.cpu?.[0]?.groupby.project_id === alpha,
    );
    // the rating types without sample data (volume.size, network.outgoing.bytes) are left out
    expect(Object.keys(frame?.usage ?? {}).sort()).toEqual([
      'cpu',
      'image.size',
      'instance',
      'instance_uptime',
    ]);
    // MAP over the status; flavor_name joined from ceilometer_cpu (group_left)
    expect(quantities(frame?.usage.instance)).toEqual(['vm-a1 1', 'vm-a2 0']);
    expect(frame?.usage.instance?.map((point) => point.metadata.flavor_name).sort()).toEqual([
      'm1.large',
      'm1.small',
    ]);
    // rate() of nanoseconds × 1e-9: cores; flavor_family from label_replace
    expect(quantities(frame?.usage.cpu)).toEqual(['vm-a1 0.5', 'vm-a2 2']);
    expect(frame?.usage.cpu?.map((point) => point.metadata.flavor_family)).toEqual(['m1', 'm1']);
    expect(quantities(frame?.usage.instance_uptime)).toEqual(['vm-a1 1', 'vm-a2 1']);
    // 2^50 bytes × 1/1073741824
    expect(quantities(frame?.usage['image.size'])).toEqual(['img-a1 1048576']);
  });

  it('node examples/library.mjs, from the repository root: the points of every rating type', async () => {
    const { stdout, stderr } = await run(process.execPath, ['examples/library.mjs'], {
      cwd: ROOT,
      env: { ...process.env, PROMETHEUS_URL: apiUrl },
    });
    expect(stderr).toBe('');
    const counts = stdout.split('\n').filter((line) => !line.startsWith(' ') && line !== '');
    expect(counts).toEqual([
      'openstack_instance_status@#instance: 2 points',
      'ceilometer_cpu@#cpu: 2 points',
      'ceilometer_cpu@#instance_uptime: 2 points',
      'ceilometer_image_size@#image.size: 1 points',
      'ceilometer_volume_size@#volume.size: 0 points',
      'ceilometer_network_outgoing_bytes@#network.outgoing.bytes: 0 points',
    ]);
    expect(stdout).toContain('{"vol":{"unit":"GiB","qty":"1048576"},"rating":{"price":"0"},');
  });
});
