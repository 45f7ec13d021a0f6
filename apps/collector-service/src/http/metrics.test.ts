import { beforeEach, describe, expect, it } from 'vitest';
import { ServiceMetrics } from './metrics.js';

let metrics: ServiceMetrics;

/** The value of one sample line of the exposition, e.g. `kitty_collect_replicas`; undefined without one. */
async function sample(series: string): Promise<number | undefined> {
  const line = (await metrics.exposition())
    .split('\n')
    .find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

beforeEach(() => {
  metrics = new ServiceMetrics({ processMetrics: false });
});

describe('ServiceMetrics: replicas and leases', () => {
  it('exposes the gauges and counters at 0 from the start, every known storage operation included', async () => {
    const text = await metrics.exposition();
    expect(text).toContain('# TYPE kitty_collect_scopes_held gauge');
    expect(text).toContain('# TYPE kitty_collect_replicas gauge');
    expect(text).toContain('# TYPE kitty_collect_lease_takeovers_total counter');
    expect(text).toContain('# TYPE kitty_collect_storage_errors_total counter');
    expect(await sample('kitty_collect_scopes_held')).toBe(0);
    expect(await sample('kitty_collect_replicas')).toBe(0);
    expect(await sample('kitty_collect_lease_takeovers_total')).toBe(0);
    for (const operation of ['commit', 'record-failure', 'lease', 'ping', 'read']) {
      expect(await sample(`kitty_collect_storage_errors_total{operation="${operation}"}`)).toBe(0);
    }
  });

  it('gauges follow the last value set; counters add up', async () => {
    metrics.setScopesHeld(12);
    metrics.setScopesHeld(7);
    metrics.setReplicas(3);
    metrics.leaseTakenOver();
    metrics.leaseTakenOver(4);
    metrics.storageFailed('commit');
    metrics.storageFailed('commit');
    metrics.storageFailed('vacuum');
    expect(await sample('kitty_collect_scopes_held')).toBe(7);
    expect(await sample('kitty_collect_replicas')).toBe(3);
    expect(await sample('kitty_collect_lease_takeovers_total')).toBe(5);
    expect(await sample('kitty_collect_storage_errors_total{operation="commit"}')).toBe(2);
    expect(await sample('kitty_collect_storage_errors_total{operation="vacuum"}')).toBe(1);
    metrics.setScopesHeld(0);
    expect(await sample('kitty_collect_scopes_held')).toBe(0);
  });

  it('ignores impossible values rather than throw', async () => {
    metrics.setScopesHeld(4);
    metrics.setReplicas(2);
    for (const impossible of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      metrics.setScopesHeld(impossible);
      metrics.setReplicas(impossible);
      metrics.leaseTakenOver(impossible);
    }
    expect(await sample('kitty_collect_scopes_held')).toBe(4);
    expect(await sample('kitty_collect_replicas')).toBe(2);
    expect(await sample('kitty_collect_lease_takeovers_total')).toBe(0);
  });

  it('redacts the operation label', async () => {
    metrics.storageFailed('connect postgresql://u:secret@db/kitty?password=secret');
    const text = await metrics.exposition();
    expect(text).not.toContain('secret');
    expect(
      await sample('kitty_collect_storage_errors_total{operation="connect postgresql://db/kitty"}'),
    ).toBe(1);
  });
});
