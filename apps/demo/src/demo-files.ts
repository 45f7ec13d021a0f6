import type { RunningAetosStack } from '@kitty-collect/test-stack';

/** A metrics.yml as an operator writes it, over the test stack's dataset. */
export const DEMO_METRICS_YML = `metrics:
  ceilometer_cpu:
    - unit: second
      alt_name: cpu_seconds
      factor: 1e-9
      groupby: [resource_id]
      metadata: [flavor_name, flavor_id]
      description: CPU time per instance
    - unit: core
      alt_name: cpu_cores
      factor: 1e-9
      groupby: [resource_id]
      extra_args: {range_function: rate, aggregation_method: max}
  ceilometer_image_size:
    unit: GiB
    factor: 1/1073741824
    groupby: [resource_id]
    metadata: [container_format]
  openstack_instance_status:
    unit: instance
    alt_name: instance_active
    groupby: [resource_id]
    mutate: MAP
    mutate_map: {1: 1, 4: 0}
  http_requests_total:
    unit: request
    groupby: [code]
    metadata: [instance]
    extra_args: {aggregation_method: sum, range_function: delta}
`;

/** An unchanged-looking cloudkitty.conf: the Aetos collector, Keystone credentials via auth_section. */
export function demoCloudkittyConf(
  stack: RunningAetosStack,
  scopes: readonly string[],
  storagePath: string,
  kittyCollect: { concurrency?: number; logLevel?: string; listen?: string } = {},
): string {
  const user = stack.keystone.fixtures.users.cloudkitty;
  return `[DEFAULT]
debug = false
# CloudKitty's default: the API validates Keystone tokens with [keystone_authtoken]'s credentials.
auth_strategy = keystone

[collect]
collector = aetos
period = 3600
wait_periods = 0
metrics_conf = metrics.yml
scope_key = project_id

[collector_aetos]
auth_section = keystone_authtoken
interface = public
region_name = RegionOne

[keystone_authtoken]
auth_type = password
auth_url = ${stack.keystone.authUrl}
username = ${user.name}
password = ${user.password}
user_domain_name = Default
project_name = service
project_domain_name = Default
www_authenticate_uri = ${stack.keystone.baseUrl}
token_cache_time = 300

[fetcher]
backend = source

[fetcher_source]
sources = ${scopes.join(',')}

[kitty_collect]
storage_path = ${storagePath}
concurrency = ${kittyCollect.concurrency ?? 8}
log_level = ${kittyCollect.logLevel ?? 'warn'}
${kittyCollect.listen === undefined ? '' : `listen = ${kittyCollect.listen}\n`}`;
}
