import { describe, expect, test } from 'vitest';
import {
  DATASET_END,
  DATASET_START,
  DATASET_STEP_SECONDS,
  defaultDataset,
  defaultDatasetFamilies,
  LAST_INDEX,
  PROJECTS,
} from './default-dataset.js';

const lines = () => [...defaultDataset()].join('').split('\n');

describe('default dataset', () => {
  test('time grid: 2026-01-04T00:00Z to 2026-01-05T00:00Z every 60 s, 1441 points', () => {
    expect(DATASET_START.getTime() / 1000).toBe(1767484800);
    expect(DATASET_START.getUTCDay()).toBe(0);
    expect(DATASET_END.getTime() / 1000).toBe(1767571200);
    expect(DATASET_STEP_SECONDS).toBe(60);
    expect(LAST_INDEX).toBe(1440);
  });

  test('the quirky project id really holds a quote and a backslash', () => {
    expect(PROJECTS.quirky).toHaveLength(14);
    expect([...PROJECTS.quirky].filter((c) => c === '"' || c === '\\')).toEqual(['"', '\\']);
  });

  test('families, series and sample counts', () => {
    const counts = defaultDatasetFamilies().map((family) => [
      family.sampleName ?? family.name,
      [...family.series].map((series) => [...series.samples].length),
    ]);
    expect(counts).toEqual([
      ['ceilometer_cpu', [1441, 1441, 1441, 361 + 721, 1441]],
      ['ceilometer_image_size', [1441, 1441]],
      ['linear_gauge', [1441, 1441]],
      ['openstack_instance_status', [1441, 1441, 1441]],
      ['http_requests_total', [1441, 1441, 1441]],
      ['tiny_values', Array(7).fill(1441)],
      ['flavor_vcpus', Array(4).fill(1441)],
      ['nonfinite_gauge', Array(4).fill(1441)],
    ]);
  });

  test('exact lines (escaping, label order, omitted labels, value formulas)', () => {
    const all = lines();
    expect(all).toContain('# TYPE ceilometer_cpu counter');
    expect(all).toContain(
      'ceilometer_cpu{project_id="8f9d4c8a3e0b4f6c9a1d2e3f4a5b6c7d",resource_id="vm-a1",flavor_name="m1.small",flavor_id="1"} 1800000000000 1767488400',
    );
    expect(all).toContain(
      'ceilometer_cpu{project_id="quirky\\"proj\\\\id",resource_id="vm-q1",flavor_name="m1.small",flavor_id="1"} 8640000000000 1767571200',
    );
    expect(all).toContain('# TYPE http_requests counter');
    expect(all).toContain(
      'http_requests_total{project_id="8f9d4c8a3e0b4f6c9a1d2e3f4a5b6c7d",code="200",instance="web-1:9100",foo="say \\"hi\\"",bar="back\\\\slash, ünïcødé"} 0 1767484800',
    );
    expect(all).toContain(
      'http_requests_total{project_id="8f9d4c8a3e0b4f6c9a1d2e3f4a5b6c7d",code="500",instance="web-1:9100"} 1440 1767571200',
    );
    expect(all).toContain(
      'ceilometer_image_size{project_id="8f9d4c8a3e0b4f6c9a1d2e3f4a5b6c7d",resource_id="img-a1",container_format="bare"} 1125899906842624 1767484800',
    );
    expect(all).toContain(
      'tiny_values{project_id="8f9d4c8a3e0b4f6c9a1d2e3f4a5b6c7d",sample="b"} 1e-7 1767484800',
    );
    expect(all).toContain(
      'nonfinite_gauge{project_id="8f9d4c8a3e0b4f6c9a1d2e3f4a5b6c7d",series="pinf"} +Inf 1767484800',
    );
    expect(all.at(-2)).toBe('# EOF');
    expect(all.at(-1)).toBe('');
  });

  test('the gappy VM has samples up to 06:00 and again from 12:00', () => {
    const gappy = lines().filter((line) => line.includes(PROJECTS.gappy));
    const times = gappy.map((line) => Number(line.split(' ').at(-1)));
    const sixAm = 1767484800 + 6 * 3600;
    const noon = 1767484800 + 12 * 3600;
    expect(times).toContain(sixAm);
    expect(times).toContain(noon);
    expect(times.filter((t) => t > sixAm && t < noon)).toEqual([]);
  });

  test('is deterministic and can be iterated more than once', () => {
    const dataset = defaultDataset();
    expect([...dataset].join('')).toBe([...dataset].join(''));
  });
});
