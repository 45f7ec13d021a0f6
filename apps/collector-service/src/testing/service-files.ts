/** metrics.yml over the test dataset: CPU seconds per VM and a linear gauge. */
export const CPU_AND_GAUGE_METRICS = `
metrics:
  ceilometer_cpu:
    unit: second
    factor: 1e-9
    groupby: [resource_id]
  linear_gauge:
    unit: u
`;

/** CPU_AND_GAUGE_METRICS whose CPU rating type has this `skip_datapoints_expression` (the gauge has none). */
export function cpuSkippingMetrics(expression: string): string {
  // JSON is YAML 1.2: a double-quoted scalar whatever the expression holds.
  return CPU_AND_GAUGE_METRICS.replace(
    '    groupby: [resource_id]\n',
    `    groupby: [resource_id]\n    skip_datapoints_expression: ${JSON.stringify(expression)}\n`,
  );
}

export interface KeystonePasswordAuth {
  authUrl: string;
  username: string;
  password: string;
  projectName: string;
}

/** `[<section>]` with keystoneauth's password options, as `[keystone_authtoken]` holds them in deployments. */
export function keystonePasswordSection(section: string, auth: KeystonePasswordAuth): string {
  return `[${section}]
auth_type = password
auth_url = ${auth.authUrl}
username = ${auth.username}
user_domain_name = Default
password = ${auth.password}
project_name = ${auth.projectName}
project_domain_name = Default
`;
}

/** `[fetcher] backend = keystone`, its `[fetcher_keystone]` pointing at `[keystone_authtoken]`. */
export function keystoneFetcherSections(auth: KeystonePasswordAuth): string {
  return `[fetcher]
backend = keystone

[fetcher_keystone]
keystone_version = 3
auth_section = keystone_authtoken

${keystonePasswordSection('keystone_authtoken', auth)}`;
}

/** CPU_AND_GAUGE_METRICS with the flavor name as metadata of the CPU points. */
export const CPU_FLAVOR_AND_GAUGE_METRICS = CPU_AND_GAUGE_METRICS.replace(
  '    groupby: [resource_id]\n',
  '    groupby: [resource_id]\n    metadata: [flavor_name]\n',
);
