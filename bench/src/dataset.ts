import type {
  MetricFamily,
  MetricType,
  OpenMetricsSample,
  OpenMetricsSeries,
} from '@kitty-collect/test-stack';
import { writeOpenMetrics } from '@kitty-collect/test-stack';

/**
 * The benchmark's deterministic cloud: N projects, each with 2–4 instances, 1–2 volumes, 0–2 images,
 * 0–2 floating IPs and one object-storage container; samples every 60 s from 10 minutes before the
 * collected period to its end. Instances are also seen by a libvirt exporter: one info series per
 * instance (its domain and project) and one vCPU count per domain, without any project label. Everything derives from the project's index (seeded PRNG), so the same N
 * always gives the same dataset, series and expected data points.
 */

/** The collected period: one hour (CloudKitty's default `[collect] period`). */
export const PERIOD_START = new Date('2026-01-04T01:00:00Z');
export const PERIOD_END = new Date('2026-01-04T02:00:00Z');
export const PERIOD_SECONDS = 3600;
export const STEP_SECONDS = 60;
/** Samples start this long before the period (a lead-in, so every range holds the whole hour). */
export const LEAD_SECONDS = 600;

const FIRST_SAMPLE = PERIOD_START.getTime() / 1000 - LEAD_SECONDS;
const LAST_SAMPLE = PERIOD_END.getTime() / 1000;
export const SAMPLES_PER_SERIES = (LAST_SAMPLE - FIRST_SAMPLE) / STEP_SECONDS + 1;

const FLAVORS = [
  { name: 'm1.tiny', id: '1', vcpus: 1, ramMiB: 512, diskGiB: 1, ephemeralGiB: 0 },
  { name: 'm1.small', id: '2', vcpus: 1, ramMiB: 2048, diskGiB: 20, ephemeralGiB: 0 },
  { name: 'm1.medium', id: '3', vcpus: 2, ramMiB: 4096, diskGiB: 40, ephemeralGiB: 10 },
  { name: 'm1.large', id: '4', vcpus: 4, ramMiB: 8192, diskGiB: 80, ephemeralGiB: 20 },
  { name: 'm1.xlarge', id: '5', vcpus: 8, ramMiB: 16384, diskGiB: 160, ephemeralGiB: 40 },
] as const;
const VOLUME_TYPES = ['standard', 'ssd', 'replicated'] as const;
const CONTAINER_FORMATS = ['bare', 'ova', 'docker'] as const;
const DISK_FORMATS = ['qcow2', 'raw', 'vmdk'] as const;
/** Nova power states as openstack-exporter reports them: mostly ACTIVE (1), some SHUTOFF (4), PAUSED (3). */
const STATUSES = [1, 1, 1, 1, 1, 1, 4, 3] as const;

type Flavor = (typeof FLAVORS)[number];

export interface Instance {
  id: string;
  /** Its libvirt domain, as Nova names it: `instance-` and the instance's database id in 8 hex digits. */
  domain: string;
  flavor: Flavor;
  status: number;
  /** CPU nanoseconds per second (vCPUs × utilisation). */
  cpuNsPerSecond: number;
  memoryMiB: number;
  netInBytesPerSecond: number;
  netOutBytesPerSecond: number;
}

export interface Project {
  id: string;
  instances: Instance[];
  volumes: { id: string; sizeGiB: number; type: string }[];
  images: { id: string; bytes: number; containerFormat: string; diskFormat: string }[];
  floatingIps: { id: string }[];
  container: { id: string; bytes: number };
}

/** mulberry32: a tiny, fast, seeded PRNG (period 2^32), plenty for a synthetic dataset. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hex(random: () => number, digits: number): string {
  let out = '';
  while (out.length < digits)
    out += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, digits);
}

/** A UUID-shaped id (resource ids are UUIDs in OpenStack). */
function uuid(random: () => number): string {
  const h = hex(random, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function between(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T;
}

/** At most this many instances per project (domain ids are allotted by project index, never reused). */
const MAX_INSTANCES = 4;

/** Project `index` of the dataset (0-based); the same for every N. */
export function project(index: number): Project {
  const random = prng(0x9e3779b1 ^ Math.imul(index + 1, 0x85ebca6b));
  const id = hex(random, 32); // Keystone project ids: 32 hex digits
  const instances = Array.from({ length: between(random, 2, MAX_INSTANCES) }, (_, i): Instance => {
    const flavor = pick(random, FLAVORS);
    return {
      id: uuid(random),
      // derived from the indexes, not drawn: the other values stay those of the dataset without domains
      domain: `instance-${(index * MAX_INSTANCES + i + 1).toString(16).padStart(8, '0')}`,
      flavor,
      status: pick(random, STATUSES),
      cpuNsPerSecond: Math.round(flavor.vcpus * 1e9 * (0.05 + 0.9 * random())),
      memoryMiB: Math.round(flavor.ramMiB * (0.3 + 0.6 * random())),
      netInBytesPerSecond: between(random, 1_000, 5_000_000),
      netOutBytesPerSecond: between(random, 1_000, 2_000_000),
    };
  });
  const volumes = Array.from({ length: between(random, 1, 2) }, () => ({
    id: uuid(random),
    sizeGiB: pick(random, [1, 5, 10, 20, 50, 100, 500]),
    type: pick(random, VOLUME_TYPES),
  }));
  const images = Array.from({ length: between(random, 0, 2) }, () => ({
    id: uuid(random),
    bytes: between(random, 10, 8_000) * 1_048_576 + between(random, 0, 1_048_575),
    containerFormat: pick(random, CONTAINER_FORMATS),
    diskFormat: pick(random, DISK_FORMATS),
  }));
  const floatingIps = Array.from({ length: between(random, 0, 2) }, () => ({ id: uuid(random) }));
  const container = { id: `${id.slice(0, 8)}-backups`, bytes: between(random, 0, 2 ** 40) };
  return { id, instances, volumes, images, floatingIps, container };
}

export function projects(count: number): Project[] {
  return Array.from({ length: count }, (_, index) => project(index));
}

function* timestamps(): Generator<number> {
  for (let t = FIRST_SAMPLE; t <= LAST_SAMPLE; t += STEP_SECONDS) yield t;
}

function* constant(value: number): Generator<OpenMetricsSample> {
  for (const t of timestamps()) yield [t, value];
}

/** A counter growing at `perSecond`, starting from an offset (counters rarely start at 0). */
function* counter(perSecond: number, offset: number): Generator<OpenMetricsSample> {
  for (const t of timestamps()) yield [t, offset + perSecond * (t - FIRST_SAMPLE)];
}

/** A gauge wandering deterministically around `base` (±10 %). */
function* wandering(base: number, phase: number): Generator<OpenMetricsSample> {
  let i = 0;
  for (const t of timestamps()) {
    yield [t, Math.round(base * (1 + 0.1 * Math.sin(phase + i / 7)))];
    i += 1;
  }
}

interface FamilySpec {
  name: string;
  type: MetricType;
  help: string;
  series: (project: Project) => Iterable<OpenMetricsSeries>;
}

const instanceLabels = (p: Project, vm: Instance) => ({
  project_id: p.id,
  resource_id: vm.id,
  flavor_name: vm.flavor.name,
  flavor_id: vm.flavor.id,
});

/** The metric families, in the order they are written; each is one series per resource (or domain). */
export const FAMILIES: readonly FamilySpec[] = [
  {
    name: 'ceilometer_cpu',
    type: 'counter',
    help: 'CPU time used (ns)',
    series: (p) =>
      p.instances.map((vm, i) => ({
        labels: instanceLabels(p, vm),
        samples: counter(vm.cpuNsPerSecond, 1e12 * (i + 1)),
      })),
  },
  {
    name: 'openstack_instance_status',
    type: 'gauge',
    help: 'Nova power state',
    series: (p) => p.instances.map((vm) => ({ labels: instanceLabels(p, vm), samples: constant(vm.status) })),
  },
  {
    name: 'ceilometer_memory_usage',
    type: 'gauge',
    help: 'Memory used (MiB)',
    series: (p) =>
      p.instances.map((vm, i) => ({ labels: instanceLabels(p, vm), samples: wandering(vm.memoryMiB, i) })),
  },
  {
    name: 'ceilometer_disk_root_size',
    type: 'gauge',
    help: 'Root disk size (GiB)',
    series: (p) =>
      p.instances.map((vm) => ({ labels: instanceLabels(p, vm), samples: constant(vm.flavor.diskGiB) })),
  },
  {
    name: 'ceilometer_disk_ephemeral_size',
    type: 'gauge',
    help: 'Ephemeral disk size (GiB)',
    series: (p) =>
      p.instances.map((vm) => ({ labels: instanceLabels(p, vm), samples: constant(vm.flavor.ephemeralGiB) })),
  },
  {
    name: 'ceilometer_network_incoming_bytes',
    type: 'counter',
    help: 'Bytes received',
    series: (p) =>
      p.instances.map((vm) => ({
        labels: { project_id: p.id, resource_id: vm.id },
        samples: counter(vm.netInBytesPerSecond, 4096),
      })),
  },
  {
    name: 'ceilometer_network_outgoing_bytes',
    type: 'counter',
    help: 'Bytes sent',
    series: (p) =>
      p.instances.map((vm) => ({
        labels: { project_id: p.id, resource_id: vm.id },
        samples: counter(vm.netOutBytesPerSecond, 2048),
      })),
  },
  {
    name: 'ceilometer_volume_size',
    type: 'gauge',
    help: 'Volume size (GiB)',
    series: (p) =>
      p.volumes.map((v) => ({
        labels: { project_id: p.id, resource_id: v.id, volume_type: v.type },
        samples: constant(v.sizeGiB),
      })),
  },
  {
    name: 'ceilometer_image_size',
    type: 'gauge',
    help: 'Image size (bytes)',
    series: (p) =>
      p.images.map((img) => ({
        labels: {
          project_id: p.id,
          resource_id: img.id,
          container_format: img.containerFormat,
          disk_format: img.diskFormat,
        },
        samples: constant(img.bytes),
      })),
  },
  {
    name: 'ceilometer_ip_floating',
    type: 'gauge',
    help: 'Floating IP allocated',
    series: (p) =>
      p.floatingIps.map((ip) => ({ labels: { project_id: p.id, resource_id: ip.id }, samples: constant(1) })),
  },
  {
    name: 'ceilometer_storage_objects_size',
    type: 'gauge',
    help: 'Object storage used (bytes)',
    series: (p) => [
      {
        labels: { project_id: p.id, resource_id: p.container.id },
        samples: constant(p.container.bytes),
      },
    ],
  },
  {
    // The libvirt exporter's OpenStack info (labels renamed to the dataset's by relabelling): 1 per domain.
    name: 'libvirt_domain_openstack_info',
    type: 'gauge',
    help: 'OpenStack instance of the libvirt domain',
    series: (p) =>
      p.instances.map((vm) => ({
        labels: { project_id: p.id, resource_id: vm.id, domain: vm.domain, flavor_name: vm.flavor.name },
        samples: constant(1),
      })),
  },
  {
    // Info-style: one series per domain, no project label; joined to the instances `on (domain)`.
    name: 'libvirt_domain_vcpu_maximum',
    type: 'gauge',
    help: 'Maximum number of virtual CPUs of the domain',
    series: (p) =>
      p.instances.map((vm) => ({ labels: { domain: vm.domain }, samples: constant(vm.flavor.vcpus) })),
  },
];

/** Series of each family for these projects (one per resource). */
export function seriesCounts(all: readonly Project[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const family of FAMILIES) {
    let n = 0;
    for (const p of all) for (const _ of family.series(p)) n += 1;
    counts.set(family.name, n);
  }
  return counts;
}

/** The dataset as lazily generated OpenMetrics chunks (for `startPrometheus({ dataset })`). */
export function openMetricsDataset(all: readonly Project[]): Iterable<string> {
  const families = (): Generator<MetricFamily> =>
    (function* () {
      for (const spec of FAMILIES) {
        yield {
          name: spec.name,
          type: spec.type,
          help: spec.help,
          series: (function* () {
            for (const p of all) yield* spec.series(p);
          })(),
        };
      }
    })();
  return { [Symbol.iterator]: () => writeOpenMetrics(families()) };
}
