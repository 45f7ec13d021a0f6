import { metricNameOf } from '@kitty-collect/collector-base';

/**
 * The benchmark's metrics.yml: 17 rating types over 12 of the dataset's 13 metrics, exercising what
 * CloudKitty configurations use — factors and offsets (two roundings), groupby and metadata, MAP /
 * NUMBOOL / CEIL mutators, `range_function` on counters, `query_function`, every usual aggregation, and
 * two `query_prefix`/`query_suffix` forms: a `label_replace` whose destination is not the scope key, and
 * a join `on (domain)` with an info-style metric that has no scope label (`libvirt_domain_vcpu_maximum`,
 * the 13th metric). Every rating type groups by `resource_id`, so each resource gives exactly one data
 * point per rating type.
 */
export const METRICS_YML = `# Written by bench/collect: 17 rating types over the benchmark dataset
metrics:
  ceilometer_cpu:
    - unit: second
      alt_name: cpu
      description: CPU seconds per hour
      factor: 3600/1000000000
      groupby: [resource_id]
      metadata: [flavor_name, flavor_id]
      extra_args: {aggregation_method: avg, range_function: rate}
    - unit: core
      alt_name: cpu_cores_peak
      factor: 1/1000000000
      groupby: [resource_id]
      extra_args: {aggregation_method: max, range_function: irate, query_function: ceil}
  openstack_instance_status:
    - unit: instance
      alt_name: instance
      groupby: [resource_id]
      metadata: [flavor_name, flavor_id]
      mutate: MAP
      mutate_map: {1: 1, 3: 1, 4: 0}
      extra_args: {aggregation_method: max}
    - unit: instance
      alt_name: instance_running
      groupby: [resource_id]
      mutate: NUMBOOL
      extra_args: {aggregation_method: min}
    - unit: instance
      alt_name: instance_flavor
      description: Instances by flavor, flavor_name copied to the flavor label that hashmap fields name
      groupby: [resource_id]
      metadata: [flavor_name, flavor]
      mutate: MAP
      mutate_map: {1: 1, 3: 1}
      extra_args:
        aggregation_method: max
        query_prefix: 'label_replace('
        query_suffix: ', "flavor", "$1", "flavor_name", "(.*)")'
  ceilometer_memory_usage:
    - unit: MiB
      alt_name: memory
      groupby: [resource_id]
      metadata: [flavor_name]
      extra_args: {aggregation_method: avg}
    - unit: GiB
      alt_name: memory_peak
      factor: 1/1024
      groupby: [resource_id]
      mutate: CEIL
      extra_args: {aggregation_method: max}
  ceilometer_disk_root_size:
    unit: GiB
    alt_name: disk_root
    groupby: [resource_id]
    metadata: [flavor_name]
    extra_args: {aggregation_method: max}
  ceilometer_disk_ephemeral_size:
    unit: GiB
    alt_name: disk_ephemeral
    groupby: [resource_id]
    extra_args: {aggregation_method: max}
  ceilometer_network_incoming_bytes:
    unit: MB
    alt_name: network_in
    factor: 3600/1000000
    groupby: [resource_id]
    extra_args: {aggregation_method: max, range_function: rate}
  ceilometer_network_outgoing_bytes:
    unit: MB
    alt_name: network_out
    factor: 3600/1000000
    groupby: [resource_id]
    extra_args: {aggregation_method: max, range_function: rate, query_function: round}
  ceilometer_volume_size:
    unit: GiB
    alt_name: volume
    groupby: [resource_id]
    metadata: [volume_type]
    extra_args: {aggregation_method: max}
  ceilometer_image_size:
    - unit: MiB
      alt_name: image
      factor: 1/1048576
      groupby: [resource_id]
      metadata: [container_format, disk_format]
      extra_args: {aggregation_method: max}
    - unit: GiB
      alt_name: image_gib
      factor: 1/1073741824
      offset: 1/4
      groupby: [resource_id]
      extra_args: {aggregation_method: min}
  ceilometer_ip_floating:
    unit: ip
    alt_name: ip_floating
    groupby: [resource_id]
    mutate: NUMBOOL
    extra_args: {aggregation_method: max}
  ceilometer_storage_objects_size:
    unit: GiB
    alt_name: storage
    factor: 1/1073741824
    groupby: [resource_id]
    extra_args: {aggregation_method: avg}
  libvirt_domain_openstack_info:
    unit: vcpu
    alt_name: vcpus
    description: vCPUs of each instance, its libvirt domain's maximum
    groupby: [resource_id]
    metadata: [domain, flavor_name]
    extra_args:
      aggregation_method: max
      query_suffix: '* on (domain) group_left() libvirt_domain_vcpu_maximum'
`;

/**
 * Data points one full collection must give: every rating type groups by resource_id, so it is the number
 * of series of its metric (keys of the validated conf, `name` or `name@#alt_name`).
 */
export function expectedPoints(
  ratingTypeKeys: readonly string[],
  seriesByMetric: Map<string, number>,
): number {
  let total = 0;
  for (const key of ratingTypeKeys) total += seriesByMetric.get(metricNameOf(key)) ?? 0;
  return total;
}
