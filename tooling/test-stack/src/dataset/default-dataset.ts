import {
  type MetricFamily,
  type OpenMetricsSample,
  type OpenMetricsSeries,
  writeOpenMetrics,
} from './openmetrics.js';

/** 2026-01-04T00:00:00Z (unix 1767484800), a Sunday. */
export const DATASET_START = new Date('2026-01-04T00:00:00Z');
/** 2026-01-05T00:00:00Z; the last sample is exactly here. */
export const DATASET_END = new Date('2026-01-05T00:00:00Z');
export const DATASET_STEP_SECONDS = 60;

export const PROJECTS = {
  alpha: '8f9d4c8a3e0b4f6c9a1d2e3f4a5b6c7d',
  beta: '2c1b0a9f8e7d4c6b5a4f3e2d1c0b9a8f',
  gappy: '5e0c2a7b9d1f4e3c8b6a0d2f4e6c8a1b',
  // A double quote and a backslash, so clients must escape PromQL label matchers properly.
  quirky: 'quirky"proj\\id',
} as const;

const START_SECONDS = DATASET_START.getTime() / 1000;
/** Highest sample index: samples are at START + 60·i for i = 0..LAST_INDEX. */
export const LAST_INDEX = (DATASET_END.getTime() - DATASET_START.getTime()) / 1000 / DATASET_STEP_SECONDS;

/** Indexes 360 and 720 are 06:00 and 12:00: the gappy VM has samples up to 06:00 and again from 12:00. */
const GAPPY_INDEXES = { until: 360, resumeAt: 720 } as const;

function* samples(value: (i: number) => number, keep: (i: number) => boolean = () => true) {
  for (let i = 0; i <= LAST_INDEX; i++) {
    if (keep(i)) yield [START_SECONDS + DATASET_STEP_SECONDS * i, value(i)] as OpenMetricsSample;
  }
}

function series(labels: OpenMetricsSeries['labels'], value: (i: number) => number): OpenMetricsSeries {
  return { labels, samples: samples(value) };
}

const constant = (value: number) => () => value;

/** Families are recreated on every call because their sample generators can only be iterated once. */
export function defaultDatasetFamilies(): MetricFamily[] {
  const { alpha, beta, gappy, quirky } = PROJECTS;
  return [
    {
      name: 'ceilometer_cpu',
      type: 'counter',
      help: 'CPU time used by the instance, in nanoseconds',
      series: [
        series(
          { project_id: alpha, resource_id: 'vm-a1', flavor_name: 'm1.small', flavor_id: '1' },
          (i) => 30e9 * i,
        ),
        series(
          { project_id: alpha, resource_id: 'vm-a2', flavor_name: 'm1.large', flavor_id: '4' },
          (i) => 120e9 * i,
        ),
        series(
          { project_id: beta, resource_id: 'vm-b1', flavor_name: 'm1.small', flavor_id: '1' },
          (i) => 60e9 * i,
        ),
        {
          labels: { project_id: gappy, resource_id: 'vm-g1', flavor_name: 'm1.tiny', flavor_id: '0' },
          samples: samples(
            (i) => 60e9 * i,
            (i) => i <= GAPPY_INDEXES.until || i >= GAPPY_INDEXES.resumeAt,
          ),
        },
        series(
          { project_id: quirky, resource_id: 'vm-q1', flavor_name: 'm1.small', flavor_id: '1' },
          (i) => 6e9 * i,
        ),
      ],
    },
    {
      name: 'ceilometer_image_size',
      type: 'gauge',
      help: 'Size of the image, in bytes',
      series: [
        series({ project_id: alpha, resource_id: 'img-a1', container_format: 'bare' }, constant(2 ** 50)),
        series({ project_id: beta, resource_id: 'img-b1', container_format: 'ova' }, constant(1073741824)),
      ],
    },
    {
      name: 'linear_gauge',
      type: 'gauge',
      series: [
        series({ project_id: alpha, resource_id: 'lin-1' }, (i) => i),
        series({ project_id: beta, resource_id: 'lin-2' }, (i) => 2 * i),
      ],
    },
    {
      name: 'openstack_instance_status',
      type: 'gauge',
      series: [
        series({ project_id: alpha, resource_id: 'vm-a1' }, constant(1)),
        series({ project_id: alpha, resource_id: 'vm-a2' }, constant(4)),
        series({ project_id: beta, resource_id: 'vm-b1' }, constant(0)),
      ],
    },
    {
      // Strict OpenMetrics form: family without the suffix, samples with it.
      name: 'http_requests',
      sampleName: 'http_requests_total',
      type: 'counter',
      series: [
        series(
          {
            project_id: alpha,
            code: '200',
            instance: 'web-1:9100',
            foo: 'say "hi"',
            bar: 'back\\slash, ünïcødé',
          },
          (i) => 10 * i,
        ),
        series({ project_id: alpha, code: '500', instance: 'web-1:9100' }, (i) => i),
        series({ project_id: beta, code: '200', instance: 'web-2:9100', foo: 'x', bar: 'y' }, (i) => 5 * i),
      ],
    },
    {
      name: 'tiny_values',
      type: 'gauge',
      series: (
        [
          ['a', 0.00001],
          ['b', 1e-7],
          ['c', 1e21],
          ['d', 1.23456789012],
          ['e', 123456789.5],
          ['f', -2.5],
          ['g', 42],
        ] as const
      ).map(([sample, value]) => series({ project_id: alpha, sample }, constant(value))),
    },
    {
      // An info metric without a project label (as libvirt's per-domain gauges): joined with group_left.
      name: 'flavor_vcpus',
      type: 'gauge',
      series: (
        [
          ['m1.tiny', 1],
          ['m1.small', 1],
          ['m1.large', 4],
          ['m1.xlarge', 8],
        ] as const
      ).map(([flavor, vcpus]) => series({ flavor_name: flavor }, constant(vcpus))),
    },
    {
      name: 'nonfinite_gauge',
      type: 'gauge',
      series: (
        [
          ['nan', Number.NaN],
          ['pinf', Number.POSITIVE_INFINITY],
          ['ninf', Number.NEGATIVE_INFINITY],
          ['ok', 5],
        ] as const
      ).map(([name, value]) => series({ project_id: alpha, series: name }, constant(value))),
    },
  ];
}

/**
 * The deterministic dataset every integration test can rely on (see the package README for the table).
 * Each iteration regenerates the text, so the same value can be handed to several Prometheus instances.
 */
export function defaultDataset(): Iterable<string> {
  return { [Symbol.iterator]: () => writeOpenMetrics(defaultDatasetFamilies()) };
}
