import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PasswordAuth } from '@kitty-collect/keystone-auth';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServiceConfig } from './load-service-config.js';
import { confDir, METRICS_YML } from './testing/conf-dir.js';

const dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

function setUp(conf: string, extra: Record<string, string> = {}) {
  const dir = confDir({ 'cloudkitty.conf': conf, 'metrics.yml': METRICS_YML, ...extra });
  dirs.push(dir);
  return dir;
}

const PROMETHEUS_AND_SOURCE = `
[collect]
metrics_conf = metrics.yml

[collector_prometheus]
prometheus_url = http://127.0.0.1:9090/api/v1

[fetcher]
backend = source

[fetcher_source]
sources = a, b, a
`;

describe('loadServiceConfig: defaults', () => {
  it('applies CloudKitty defaults, prometheus as the collector, and kitty-collect defaults', async () => {
    const dir = setUp(PROMETHEUS_AND_SOURCE);
    const config = await loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} });
    expect(config.configFile).toBe(dir.path('cloudkitty.conf'));
    expect(config.collect).toEqual({
      collector: 'prometheus',
      period: 3600,
      waitPeriods: 2,
      metricsConf: dir.path('metrics.yml'),
      scopeKey: 'project_id',
    });
    expect(config.collector).toEqual({
      via: 'prometheus',
      prometheus: { url: 'http://127.0.0.1:9090/api/v1', insecure: false, timeout: 60 },
    });
    expect(config.fetcher).toEqual({ backend: 'source', sources: ['a', 'b', 'a'] });
    expect(config.kittyCollect).toEqual({
      storagePath: resolve('kitty-collect.sqlite'),
      listen: { host: '127.0.0.1', port: 8889 },
      concurrency: 4,
      batch: true,
      batchSize: 200,
      firstPeriod: 'month',
      retryInitialSeconds: 10,
      retryMaxSeconds: 600,
      logLevel: 'info',
    });
    expect(config.orchestrator.skipDatapointsExpression.text).toBe('False');
  });

  it('validates metrics.yml with the scope key and keeps the raw document for the collectors', async () => {
    const dir = setUp(`${PROMETHEUS_AND_SOURCE}\n[collect]\nscope_key = tenant_id\n`);
    const config = await loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} });
    expect(config.collect.scopeKey).toBe('tenant_id');
    expect(config.metrics.path).toBe(dir.path('metrics.yml'));
    expect(config.metrics.raw).toHaveProperty('metrics.ceilometer_cpu.unit', 'instance');
    expect(config.metrics.ratingTypes.ceilometer_cpu?.groupby).toEqual(['resource_id', 'tenant_id']);
    expect(config.metrics.ratingTypes.ceilometer_cpu?.extra_args).toEqual({
      aggregation_method: 'max',
      query_prefix: '',
      query_suffix: '',
    });
  });

  it('defaults the metrics file to /etc/cloudkitty/metrics.yml, which --metrics replaces', async () => {
    const dir = setUp(PROMETHEUS_AND_SOURCE.replace('metrics_conf = metrics.yml', ''));
    const config = await loadServiceConfig({
      configFile: dir.path('cloudkitty.conf'),
      metricsFile: dir.path('metrics.yml'),
      env: {},
    });
    expect(config.collect.metricsConf).toBe(dir.path('metrics.yml'));
  });
});

describe('loadServiceConfig: every section', () => {
  it('reads [collect], [collector_prometheus], [fetcher_keystone] through auth_section and [kitty_collect]', async () => {
    const dir = setUp(
      `
[DEFAULT]
debug = true

[collect]
collector = prometheus
period = 600
wait_periods = 0
metrics_conf = conf.d/metrics.yml
scope_key = project_id
# CloudKitty options kitty-collect does not use are ignored:
some_cloudkitty_option = 1

[collector_prometheus]
prometheus_url = https://prometheus.example:9090/api/v1/
prometheus_user = cloudkitty
prometheus_password = p@ss
cafile = ca.pem
insecure = True
timeout = 2.5

[fetcher]
backend = keystone

[fetcher_keystone]
keystone_version = v3
ignore_rating_role = yes
ignore_disabled_tenants = On
auth_section = keystone_authtoken
interface = internal
region_name = RegionOne
cafile = ca.pem

[keystone_authtoken]
auth_type = password
auth_url = http://127.0.0.1:5000/v3
username = cloudkitty
user_domain_name = Default
password = ks-secret
project_name = service
project_domain_name = Default
www_authenticate_uri = http://127.0.0.1:5000

[kitty_collect]
storage_path = data/frames.sqlite
listen = [::1]:0
concurrency = 8
batch = no
batch_size = 50
first_period = 2026-01-01
retry_initial_seconds = 1.5
retry_max_seconds = 30
log_level = debug
`,
      { 'ca.pem': 'not checked here, only read access' },
    );
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir.dir, 'conf.d'));
    writeFileSync(join(dir.dir, 'conf.d', 'metrics.yml'), METRICS_YML);

    const config = await loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} });
    expect(config.collect).toMatchObject({
      period: 600,
      waitPeriods: 0,
      metricsConf: join(dir.dir, 'conf.d', 'metrics.yml'),
    });
    expect(config.collector).toEqual({
      via: 'prometheus',
      prometheus: {
        url: 'https://prometheus.example:9090/api/v1/',
        username: 'cloudkitty',
        password: 'p@ss',
        caFile: dir.path('ca.pem'),
        // A CA file turns insecure off, as CloudKitty's `verify = cafile if cafile else not insecure`.
        insecure: false,
        timeout: 2.5,
      },
    });
    if (config.fetcher.backend !== 'keystone') throw new Error('expected the keystone fetcher');
    const { keystone } = config.fetcher;
    expect(keystone).toMatchObject({
      keystoneVersion: 3,
      ignoreRatingRole: true,
      ignoreDisabledTenants: true,
    });
    expect(keystone.connection.authSection).toBe('keystone_authtoken');
    expect(keystone.connection.auth).toBeInstanceOf(PasswordAuth);
    expect(keystone.connection.auth.authUrl).toBe('http://127.0.0.1:5000/v3');
    // Session and adapter options stay in the section itself, as keystoneauth reads them.
    expect(keystone.connection.sessionOptions).toEqual({ caFile: dir.path('ca.pem') });
    expect(keystone.connection.adapterOptions).toEqual({ interface: 'internal', regionName: 'RegionOne' });
    expect(config.kittyCollect).toEqual({
      storagePath: join(dir.dir, 'data', 'frames.sqlite'),
      listen: { host: '::1', port: 0 },
      concurrency: 8,
      batch: false,
      batchSize: 50,
      firstPeriod: new Date('2026-01-01T00:00:00Z'),
      retryInitialSeconds: 1.5,
      retryMaxSeconds: 30,
      logLevel: 'debug',
    });
  });

  it('reads [collector_aetos] once for the aetos collector and a prometheus fetcher with use_aetos', async () => {
    const dir = setUp(`
[collect]
collector = aetos
metrics_conf = metrics.yml

[collector_aetos]
interface = admin
region_name = RegionTwo
auth_type = v3applicationcredential
auth_url = http://127.0.0.1:5000
application_credential_id = 0123
application_credential_secret = app-secret
timeout = 20

[fetcher]
backend = prometheus

[fetcher_prometheus]
metric = ceilometer_cpu
scope_attribute = tenant
filters = flavor_name:m1.small, instance:web-1:9100,
use_aetos = true
# Ignored with use_aetos (a file shared with CloudKitty keeps them):
prometheus_url = http://127.0.0.1:9090/api/v1
`);
    const config = await loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} });
    if (config.collector.via !== 'aetos') throw new Error('expected aetos');
    expect(config.collector.aetos).toMatchObject({
      interface: 'admin',
      regionName: 'RegionTwo',
      timeParameter: 'auto',
    });
    expect(config.collector.aetos.keystone.sessionOptions).toEqual({ timeout: 20 });
    if (config.fetcher.backend !== 'prometheus') throw new Error('expected the prometheus fetcher');
    expect(config.fetcher.prometheus).toMatchObject({
      metric: 'ceilometer_cpu',
      scopeAttribute: 'tenant',
      filters: { flavor_name: 'm1.small', instance: 'web-1:9100' },
      useAetos: true,
    });
    expect(config.fetcher.prometheus.connection).toEqual(config.collector);
  });

  it.each(['auto', 'query', 'at-modifier'])('reads [collector_aetos] time_parameter = %s', async (value) => {
    const dir = setUp(`
[collect]
collector = aetos
metrics_conf = metrics.yml
[collector_aetos]
time_parameter = ${value}
auth_type = password
auth_url = http://127.0.0.1:5000/v3
username = cloudkitty
user_domain_name = Default
password = pw
project_name = service
project_domain_name = Default
[fetcher]
backend = source
[fetcher_source]
sources = a
`);
    const config = await loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} });
    if (config.collector.via !== 'aetos') throw new Error('expected aetos');
    expect(config.collector.aetos.timeParameter).toBe(value);
  });

  it('reads [fetcher_prometheus] own connection, defaults included', async () => {
    const dir = setUp(`
[collect]
metrics_conf = metrics.yml
[collector_prometheus]
prometheus_url = http://127.0.0.1:9090/api/v1
[fetcher]
backend = prometheus
[fetcher_prometheus]
metric = up
prometheus_url = http://127.0.0.1:9091/api/v1
insecure = yes
`);
    const config = await loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} });
    expect(config.fetcher).toEqual({
      backend: 'prometheus',
      prometheus: {
        metric: 'up',
        scopeAttribute: 'project_id',
        filters: {},
        useAetos: false,
        connection: {
          via: 'prometheus',
          prometheus: { url: 'http://127.0.0.1:9091/api/v1', insecure: true, timeout: 60 },
        },
      },
    });
  });

  it('accepts an instant with its offset as first_period, and an empty value as "not set"', async () => {
    const dir = setUp(`${PROMETHEUS_AND_SOURCE}
[kitty_collect]
first_period = 2026-01-04T06:00:00+02:00
concurrency =
`);
    const config = await loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} });
    expect(config.kittyCollect.firstPeriod).toEqual(new Date('2026-01-04T04:00:00Z'));
    expect(config.kittyCollect.concurrency).toBe(4);
  });
});

describe('loadServiceConfig: [orchestrator]', () => {
  it('parses skip_datapoints_expression; CloudKitty’s other options are accepted and ignored', async () => {
    const dir = setUp(`${PROMETHEUS_AND_SOURCE}
[orchestrator]
skip_datapoints_expression = datapoint.get("vol", {}).get("qty", 0) == 0
coordination_url = redis://127.0.0.1:6379
max_workers = 4
max_workers_reprocessing = 2
max_threads = 20
collector_request_timeout = 60
`);
    const config = await loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} });
    expect(config.orchestrator.skipDatapointsExpression.text).toBe(
      'datapoint.get("vol", {}).get("qty", 0) == 0',
    );
    expect(config.orchestrator.skipDatapointsExpression.root.kind).toBe('compare');
    expect(config.warnings).toEqual([]);
  });

  it('an empty value is not set (the default False), and a variable wins over the file', async () => {
    const dir = setUp(`${PROMETHEUS_AND_SOURCE}
[orchestrator]
skip_datapoints_expression =
`);
    const config = await loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} });
    expect(config.orchestrator.skipDatapointsExpression.text).toBe('False');
    const overridden = await loadServiceConfig({
      configFile: dir.path('cloudkitty.conf'),
      env: { KITTY_COLLECT__ORCHESTRATOR__SKIP_DATAPOINTS_EXPRESSION: "datapoint['vol']['qty'] < 1" },
    });
    expect(overridden.orchestrator.skipDatapointsExpression.text).toBe("datapoint['vol']['qty'] < 1");
  });
});

describe('loadServiceConfig: environment overrides', () => {
  it('KITTY_COLLECT__<SECTION>__<OPTION> wins over the file, for any section', async () => {
    const dir = setUp(`${PROMETHEUS_AND_SOURCE}
[collect]
period = 3600
`);
    const config = await loadServiceConfig({
      configFile: dir.path('cloudkitty.conf'),
      env: {
        KITTY_COLLECT__COLLECT__PERIOD: '600',
        KITTY_COLLECT__COLLECTOR_PROMETHEUS__PROMETHEUS_URL: 'http://127.0.0.1:9999/api/v1',
        KITTY_COLLECT__FETCHER_SOURCE__SOURCES: 'x,y',
        KITTY_COLLECT__KITTY_COLLECT__LOG_LEVEL: 'warn',
        // Empty variables are ignored, other variables too.
        KITTY_COLLECT__COLLECT__WAIT_PERIODS: '',
        OS_PASSWORD: 'not ours',
      },
    });
    expect(config.collect.period).toBe(600);
    expect(config.collect.waitPeriods).toBe(2);
    expect(config.collector).toMatchObject({ prometheus: { url: 'http://127.0.0.1:9999/api/v1' } });
    expect(config.fetcher).toEqual({ backend: 'source', sources: ['x', 'y'] });
    expect(config.kittyCollect.logLevel).toBe('warn');
  });

  it('resolves relative paths from the environment against the current directory', async () => {
    const dir = setUp(PROMETHEUS_AND_SOURCE);
    const config = await loadServiceConfig({
      configFile: dir.path('cloudkitty.conf'),
      env: {
        KITTY_COLLECT__KITTY_COLLECT__STORAGE_PATH: 'here.sqlite',
        KITTY_COLLECT__COLLECT__METRICS_CONF: dir.path('metrics.yml'),
      },
    });
    expect(config.kittyCollect.storagePath).toBe(resolve('here.sqlite'));
    expect(dirname(config.collect.metricsConf)).toBe(dir.dir);
  });

  it('supplies a Keystone secret kept out of the file', async () => {
    const dir = setUp(`${PROMETHEUS_AND_SOURCE.replace('backend = source', 'backend = keystone')}
[fetcher_keystone]
auth_type = password
auth_url = http://127.0.0.1:5000/v3
username = cloudkitty
user_domain_id = default
project_id = 0123
`);
    const config = await loadServiceConfig({
      configFile: dir.path('cloudkitty.conf'),
      env: { KITTY_COLLECT__FETCHER_KEYSTONE__PASSWORD: 'from-the-environment' },
    });
    if (config.fetcher.backend !== 'keystone') throw new Error('expected the keystone fetcher');
    expect(config.fetcher.keystone.connection.auth).toBeInstanceOf(PasswordAuth);
  });
});
