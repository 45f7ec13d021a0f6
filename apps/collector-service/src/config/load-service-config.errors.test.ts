import { chmodSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblems } from './config-problem.js';
import { loadServiceConfig } from './load-service-config.js';
import { ServiceConfigError } from './service-config-error.js';
import { confDir, METRICS_YML, problemsOf, SOURCE_CONF } from './testing/conf-dir.js';

const dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

const BASE = SOURCE_CONF;

/** The formatted problems of a configuration: `conf` is appended to BASE (later values win). */
async function linesFor(
  conf: string,
  options: { env?: NodeJS.ProcessEnv; metrics?: string; base?: string } = {},
): Promise<string[]> {
  const dir = confDir({
    'cloudkitty.conf': `${options.base ?? BASE}\n${conf}`,
    'metrics.yml': options.metrics ?? METRICS_YML,
  });
  dirs.push(dir);
  const problems = await problemsOf(
    loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: options.env ?? {} }),
  );
  const prefix = `${dir.dir}/`;
  return formatProblems(problems).map((line) => line.split(prefix).join(''));
}

describe('problems name the file, the section and the option', () => {
  it.each([
    [
      '[collect]\nperiod = 1h',
      'cloudkitty.conf [collect] period: expected a whole number of seconds, got "1h"',
    ],
    ['[collect]\nperiod = 0', 'cloudkitty.conf [collect] period: must be at least 1, got 0'],
    ['[collect]\nwait_periods = -1', 'cloudkitty.conf [collect] wait_periods: must be at least 0, got -1'],
    [
      '[collect]\ncollector = gnocchi',
      'cloudkitty.conf [collect] collector: expected one of prometheus, aetos, got "gnocchi" (a CloudKitty collector that kitty-collect does not implement)',
    ],
    [
      '[collect]\nscope_key = project-id',
      'cloudkitty.conf [collect] scope_key: expected a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*), got "project-id"',
    ],
    [
      '[collector_prometheus]\nprometheus_url = prometheus:9090',
      'cloudkitty.conf [collector_prometheus] prometheus_url: must use http or https',
    ],
    [
      '[collector_prometheus]\nprometheus_url = not a url',
      'cloudkitty.conf [collector_prometheus] prometheus_url: must be an absolute URL such as http://prometheus:9090/api/v1',
    ],
    [
      '[collector_prometheus]\nprometheus_url = http://prometheus:9090',
      'cloudkitty.conf [collector_prometheus] prometheus_url: is the server root: give the API base, e.g. http://prometheus:9090/api/v1',
    ],
    [
      '[collector_prometheus]\nprometheus_user = bob',
      'cloudkitty.conf [collector_prometheus] prometheus_password: is required when prometheus_user is set',
    ],
    [
      '[collector_prometheus]\nprometheus_password = pw',
      'cloudkitty.conf [collector_prometheus] prometheus_user: is required when prometheus_password is set',
    ],
    [
      '[collector_prometheus]\ninsecure = maybe',
      'cloudkitty.conf [collector_prometheus] insecure: expected true or false (also yes/no, on/off, 1/0), got "maybe"',
    ],
    [
      '[collector_prometheus]\ntimeout = 0',
      'cloudkitty.conf [collector_prometheus] timeout: must be a positive number of seconds, got "0"',
    ],
    [
      '[collector_prometheus]\ncafile = missing.pem',
      // The path is resolved against the config file's directory (stripped from the lines here).
      'cloudkitty.conf [collector_prometheus] cafile: cannot read missing.pem (ENOENT)',
    ],
    [
      '[fetcher]\nbackend = gnocchi',
      'cloudkitty.conf [fetcher] backend: expected one of keystone, prometheus, source, got "gnocchi" (a CloudKitty fetcher that kitty-collect does not implement)',
    ],
    [
      '[fetcher_source]\nsources = ,',
      'cloudkitty.conf [fetcher_source] sources: lists no scope: nothing would be rated',
    ],
    [
      '[kitty_collect]\nlisten = localhost',
      'cloudkitty.conf [kitty_collect] listen: expected host:port (e.g. 127.0.0.1:8889, [::1]:8889), got "localhost"',
    ],
    [
      '[kitty_collect]\nlisten = 127.0.0.1:70000',
      'cloudkitty.conf [kitty_collect] listen: expected host:port (e.g. 127.0.0.1:8889, [::1]:8889), got "127.0.0.1:70000"',
    ],
    [
      '[kitty_collect]\nconcurrency = 0',
      'cloudkitty.conf [kitty_collect] concurrency: must be at least 1, got 0',
    ],
    [
      '[kitty_collect]\nbatch = sometimes',
      'cloudkitty.conf [kitty_collect] batch: expected true or false (also yes/no, on/off, 1/0), got "sometimes"',
    ],
    [
      '[kitty_collect]\nbatch_size = 1',
      'cloudkitty.conf [kitty_collect] batch_size: must be at least 2, got 1',
    ],
    [
      '[kitty_collect]\nfirst_period = 2026-01-01T00:00:00',
      'cloudkitty.conf [kitty_collect] first_period: expected month, a date (2026-01-01) or an ISO 8601 instant (2026-01-01T00:00:00Z), got "2026-01-01T00:00:00" (give the offset: Z or +hh:mm)',
    ],
    [
      '[kitty_collect]\nfirst_period = 2026-02-30',
      'cloudkitty.conf [kitty_collect] first_period: expected month, a date (2026-01-01) or an ISO 8601 instant (2026-01-01T00:00:00Z), got "2026-02-30"',
    ],
    [
      '[kitty_collect]\nretry_initial_seconds = 60\nretry_max_seconds = 30',
      'cloudkitty.conf [kitty_collect] retry_max_seconds: must not be less than retry_initial_seconds',
    ],
    [
      '[kitty_collect]\nlog_level = verbose',
      'cloudkitty.conf [kitty_collect] log_level: expected one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
    ],
    [
      '[orchestrator]\nskip_datapoints_expression = lambda: True',
      "cloudkitty.conf [orchestrator] skip_datapoints_expression: unsupported construct 'lambda' at column 1",
    ],
    [
      "[orchestrator]\nskip_datapoints_expression = datapoint['vol']['qty'] * 2 > 1",
      "cloudkitty.conf [orchestrator] skip_datapoints_expression: unsupported construct 'arithmetic *' at column 25",
    ],
    [
      "[orchestrator]\nskip_datapoints_expression = datapoint.get('vol'",
      "cloudkitty.conf [orchestrator] skip_datapoints_expression: expected ')' at column 20",
    ],
    [
      '[kitty_collect]\nconcurency = 3',
      'cloudkitty.conf [kitty_collect] concurency: unknown option (did you mean concurrency?); [kitty_collect] has storage_path, listen, concurrency, batch, batch_size, first_period, retry_initial_seconds, retry_max_seconds, log_level, tls_cert_file, tls_key_file',
    ],
  ])('%s', async (conf, expected) => {
    const lines = await linesFor(conf);
    expect(lines).toEqual([expected]);
  });

  it('a missing option without a default', async () => {
    expect(
      await linesFor('', { base: BASE.replace('prometheus_url = http://127.0.0.1:9090/api/v1', '') }),
    ).toEqual([
      'cloudkitty.conf [collector_prometheus] prometheus_url: is required: the Prometheus API base, e.g. http://prometheus:9090/api/v1 (as CloudKitty)',
    ]);
    expect(await linesFor('', { base: BASE.replace('sources = a', '') })).toEqual([
      'cloudkitty.conf [fetcher_source] sources: is required with [fetcher] backend = source: the scope ids to rate, separated by commas',
    ]);
  });

  it('carries the line of the option', async () => {
    const dir = confDir({ 'cloudkitty.conf': '[collect]\n\nperiod = 1h\n', 'metrics.yml': METRICS_YML });
    dirs.push(dir);
    const problems = await problemsOf(
      loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} }),
    );
    expect(problems[0]).toEqual({
      file: dir.path('cloudkitty.conf'),
      section: 'collect',
      option: 'period',
      line: 3,
      message: 'expected a whole number of seconds, got "1h"',
    });
  });
});

describe('fetchers', () => {
  const KEYSTONE = BASE.replace('backend = source', 'backend = keystone');

  it.each([
    [
      '[fetcher_keystone]\nkeystone_version = 2\nauth_type = password\nauth_url = http://k/v3\nuser_id = u\npassword = p',
      'cloudkitty.conf [fetcher_keystone] keystone_version: only 3 is supported, got "2" (the v2 API was removed from Keystone)',
    ],
    [
      '[fetcher_keystone]\nignore_rating_role = sometimes\nauth_type = password\nauth_url = http://k/v3\nuser_id = u\npassword = p',
      'cloudkitty.conf [fetcher_keystone] ignore_rating_role: expected true or false (also yes/no, on/off, 1/0), got "sometimes"',
    ],
    [
      '',
      'cloudkitty.conf [fetcher_keystone]: section is missing: give the Keystone options (auth_type, auth_url, username, …) or auth_section',
    ],
    [
      '[fetcher_keystone]\nauth_url = http://k/v3',
      'cloudkitty.conf [fetcher_keystone] auth_type: is not set, and neither is auth_section (keystoneauth loads no auth plugin without one): set auth_type (password, v3password, v3applicationcredential, token or v3token), or auth_section to the section that has it',
    ],
    [
      '[fetcher_keystone]\nauth_section = keystone_authtoken',
      'cloudkitty.conf [fetcher_keystone] auth_section: names section [keystone_authtoken], which the file does not have (it has [collect], [collector_prometheus], [fetcher], [fetcher_source], [fetcher_keystone])',
    ],
    [
      '[fetcher_keystone]\nauth_section = ks\n[ks]\nauth_type = password\nauth_url = http://k/v3\nusername = ck\nuser_domain_name = Default',
      'cloudkitty.conf [ks] password: is required',
    ],
    [
      '[fetcher_keystone]\nauth_type = kerberos\nauth_url = http://k/v3',
      'cloudkitty.conf [fetcher_keystone] auth_type: unsupported auth type "kerberos": use one of password, v3password, v3applicationcredential, token, v3token',
    ],
  ])('keystone: %s', async (conf, expected) => {
    expect(await linesFor(conf, { base: KEYSTONE })).toEqual([expected]);
  });

  const PROMETHEUS = BASE.replace('backend = source', 'backend = prometheus');

  it.each([
    [
      '[fetcher_prometheus]\nprometheus_url = http://p/api/v1',
      'cloudkitty.conf [fetcher_prometheus] metric: is required with [fetcher] backend = prometheus: the metric whose scope label lists the scopes',
    ],
    [
      '[fetcher_prometheus]\nmetric = up{job="x"}\nprometheus_url = http://p/api/v1',
      'cloudkitty.conf [fetcher_prometheus] metric: expected a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), got "up{job=\\"x\\"}" (put label matchers in filters)',
    ],
    [
      '[fetcher_prometheus]\nmetric = up\nfilters = flavor\nprometheus_url = http://p/api/v1',
      'cloudkitty.conf [fetcher_prometheus] filters: expected key:value pairs separated by commas, got "flavor"',
    ],
    [
      '[fetcher_prometheus]\nmetric = up\nfilters = flavor-name:x\nprometheus_url = http://p/api/v1',
      'cloudkitty.conf [fetcher_prometheus] filters: keys must be Prometheus label names ([a-zA-Z_][a-zA-Z0-9_]*), got "flavor-name"',
    ],
    [
      '[fetcher_prometheus]\nmetric = up\nscope_attribute = project id\nprometheus_url = http://p/api/v1',
      'cloudkitty.conf [fetcher_prometheus] scope_attribute: expected a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*), got "project id"',
    ],
    [
      '[fetcher_prometheus]\nmetric = up',
      'cloudkitty.conf [fetcher_prometheus] prometheus_url: is required: the Prometheus API base, e.g. http://prometheus:9090/api/v1 (as CloudKitty)',
    ],
    [
      '[fetcher_prometheus]\nmetric = up\nuse_aetos = true',
      'cloudkitty.conf [collector_aetos]: section is missing: give the Keystone options (auth_type, auth_url, username, …) or auth_section',
    ],
  ])('prometheus: %s', async (conf, expected) => {
    expect(await linesFor(conf, { base: PROMETHEUS })).toEqual([expected]);
  });

  it('checks the connection even when the section has other problems', async () => {
    expect(await linesFor('[fetcher_prometheus]\nuse_aetos = yes', { base: PROMETHEUS })).toEqual([
      'cloudkitty.conf [fetcher_prometheus] metric: is required with [fetcher] backend = prometheus: the metric whose scope label lists the scopes',
      'cloudkitty.conf [collector_aetos]: section is missing: give the Keystone options (auth_type, auth_url, username, …) or auth_section',
    ]);
  });
});

describe('the aetos collector', () => {
  const AETOS = BASE.replace('metrics_conf = metrics.yml', 'metrics_conf = metrics.yml\ncollector = aetos');

  it('reports its own options and the Keystone ones once each', async () => {
    const lines = await linesFor(
      '[collector_aetos]\ninterface = external\nauth_type = password\nauth_url = http://k/v3\nusername = ck\nuser_domain_name = Default\npassword = pw',
      { base: AETOS },
    );
    expect(lines).toEqual([
      'cloudkitty.conf [collector_aetos] interface: expected one of public, internal, admin, got "external"',
    ]);
  });

  it('refuses an unknown time_parameter, naming the choices', async () => {
    const lines = await linesFor(
      '[collector_aetos]\ntime_parameter = time\nauth_type = password\nauth_url = http://k/v3\nusername = ck\nuser_domain_name = Default\npassword = pw',
      { base: AETOS },
    );
    expect(lines).toEqual([
      'cloudkitty.conf [collector_aetos] time_parameter: expected one of auto, query, at-modifier, got "time"',
    ]);
  });

  it('checks the Keystone TLS files', async () => {
    const lines = await linesFor(
      '[collector_aetos]\nauth_type = password\nauth_url = http://k/v3\nuser_id = u\npassword = pw\ncafile = /nonexistent/ca.pem',
      { base: AETOS },
    );
    expect(lines).toEqual([
      'cloudkitty.conf [collector_aetos] cafile: cannot read /nonexistent/ca.pem (ENOENT)',
    ]);
  });

  it('does not read [collector_prometheus]', async () => {
    const lines = await linesFor('[collector_prometheus]\nprometheus_url = nonsense', { base: AETOS });
    expect(lines).toEqual([
      'cloudkitty.conf [collector_aetos]: section is missing: give the Keystone options (auth_type, auth_url, username, …) or auth_section',
    ]);
  });
});

describe('the files themselves', () => {
  it('an unreadable config file, and still the metrics file given on the command line', async () => {
    const dir = confDir({ 'metrics.yml': 'metrics:\n  cpu:\n    unit: ""\n' });
    dirs.push(dir);
    const problems = await problemsOf(
      loadServiceConfig({ configFile: dir.path('nope.conf'), metricsFile: dir.path('metrics.yml'), env: {} }),
    );
    expect(problems).toEqual([
      { file: dir.path('nope.conf'), message: 'cannot read the file (ENOENT)' },
      { file: dir.path('metrics.yml'), path: 'metrics.cpu.unit', message: expect.any(String) },
    ]);
  });

  it('an INI syntax error, with its line and without the line', async () => {
    const dir = confDir({ 'cloudkitty.conf': '[collect]\nperiod = 60\nprometheus_password S3cret\n' });
    dirs.push(dir);
    const problems = await problemsOf(
      loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} }),
    );
    expect(problems).toEqual([
      { file: dir.path('cloudkitty.conf'), line: 3, message: "No ':' or '=' found in assignment" },
    ]);
  });

  it('a config file that cannot be read for lack of permission', async () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const dir = confDir({ 'cloudkitty.conf': BASE, 'metrics.yml': METRICS_YML });
    dirs.push(dir);
    chmodSync(dir.path('cloudkitty.conf'), 0o000);
    const problems = await problemsOf(
      loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} }),
    );
    expect(problems.map((problem) => problem.message)).toEqual(['cannot read the file (EACCES)']);
  });

  it('merges metrics.yml problems with the config file problems, each with its path', async () => {
    const lines = await linesFor('[collect]\nperiod = 1h', {
      metrics: `metrics:
  cpu:
    - unit: instance
    - unit: vcpus
      alt_name: vcpus
      mutate: SOMETIMES
      extra_args:
        aggregation_method: median
  ram:
    unit: MiB
    groupby: [host]
    metadata: [host]
`,
    });
    expect(lines).toEqual([
      'cloudkitty.conf [collect] period: expected a whole number of seconds, got "1h"',
      'metrics.yml metrics.cpu[1].mutate: expected one of NONE, NUMBOOL, NOTNUMBOOL, FLOOR, CEIL, MAP',
      'metrics.yml metrics.cpu[1].extra_args.aggregation_method: expected one of avg, count, max, min, stddev, stdvar, sum',
      'metrics.yml metrics.ram.metadata[0]: "host" is also in groupby',
    ]);
  });

  it('a skip_datapoints_expression refused in metrics.yml names its rating type, one in a variable its variable', async () => {
    const metrics = `metrics:
  cpu:
    unit: instance
    skip_datapoints_expression: "__import__('os').system('id')"
`;
    expect(await linesFor('', { metrics })).toEqual([
      "metrics.yml metrics.cpu.skip_datapoints_expression: unsupported construct 'call of __import__' at column 1: the only call is .get(key) or .get(key, default)",
    ]);
    expect(
      await linesFor('', {
        env: { KITTY_COLLECT__ORCHESTRATOR__SKIP_DATAPOINTS_EXPRESSION: 'datapoint is None' },
      }),
    ).toEqual([
      "$KITTY_COLLECT__ORCHESTRATOR__SKIP_DATAPOINTS_EXPRESSION [orchestrator] skip_datapoints_expression: unsupported construct 'is' at column 11",
    ]);
  });

  it('a refused [orchestrator] skip_datapoints_expression is located at its line', async () => {
    const dir = confDir({
      'cloudkitty.conf': `${BASE}\n[orchestrator]\nskip_datapoints_expression = f'{datapoint}'\n`,
      'metrics.yml': METRICS_YML,
    });
    dirs.push(dir);
    const problems = await problemsOf(
      loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} }),
    );
    expect(problems).toEqual([
      {
        file: dir.path('cloudkitty.conf'),
        section: 'orchestrator',
        option: 'skip_datapoints_expression',
        line: 15,
        message: "unsupported construct 'f-string' at column 1",
      },
    ]);
  });

  it('a missing metrics file and a YAML syntax error', async () => {
    expect(await linesFor('[collect]\nmetrics_conf = none.yml')).toEqual([
      'none.yml: cannot read the file (ENOENT)',
    ]);
    expect(await linesFor('', { metrics: 'metrics:\n  cpu: [\n' })).toEqual([
      expect.stringMatching(/^metrics\.yml line 3, column 1: YAML syntax: /),
    ]);
  });
});

describe('environment overrides in problems', () => {
  it('name the variable instead of the file, and reject malformed names', async () => {
    const lines = await linesFor('', {
      env: {
        KITTY_COLLECT__COLLECT__PERIOD: 'soon',
        KITTY_COLLECT__PERIOD: '60',
        KITTY_COLLECT__KITTY_COLLECT__LISTEN_ADDRESS: '127.0.0.1:1',
      },
    });
    expect(lines).toEqual([
      '$KITTY_COLLECT__PERIOD: expected KITTY_COLLECT__<SECTION>__<OPTION>, e.g. KITTY_COLLECT__COLLECT__PERIOD',
      '$KITTY_COLLECT__COLLECT__PERIOD [collect] period: expected a whole number of seconds, got "soon"',
      '$KITTY_COLLECT__KITTY_COLLECT__LISTEN_ADDRESS [kitty_collect] listen_address: unknown option (did you mean listen?); [kitty_collect] has storage_path, listen, concurrency, batch, batch_size, first_period, retry_initial_seconds, retry_max_seconds, log_level, tls_cert_file, tls_key_file',
    ]);
  });

  it('a Keystone option set by a variable', async () => {
    const lines = await linesFor(
      '[fetcher_keystone]\nauth_type = password\nauth_url = http://k/v3\nuser_id = u\npassword = pw',
      {
        base: BASE.replace('backend = source', 'backend = keystone'),
        env: { KITTY_COLLECT__FETCHER_KEYSTONE__AUTH_TYPE: 'saml2' },
      },
    );
    expect(lines).toEqual([
      '$KITTY_COLLECT__FETCHER_KEYSTONE__AUTH_TYPE [fetcher_keystone] auth_type: unsupported auth type "saml2": use one of password, v3password, v3applicationcredential, token, v3token',
    ]);
  });
});

describe('every problem at once, and never a secret', () => {
  const SECRETS = ['Pr0m-S3cret', 'Ks-S3cret', 'App-S3cret', 'Url-S3cret', 'Env-S3cret'];

  it('lists all problems of every section and keeps secrets out of them', async () => {
    const dir = confDir({
      'cloudkitty.conf': `
[collect]
collector = aetos
period = 1h
metrics_conf = metrics.yml

[collector_prometheus]
prometheus_url = http://cloudkitty:Url-S3cret@prometheus:9090/api/v1
prometheus_password = Pr0m-S3cret

[collector_aetos]
interface = outside
auth_section = keystone_authtoken

[keystone_authtoken]
auth_type = v3applicationcredential
auth_url = http://127.0.0.1:5000/v3
application_credential_secret = App-S3cret
project_name = service

[fetcher]
backend = prometheus

[fetcher_prometheus]
metric = ceilometer_cpu
filters = nokey
prometheus_url = http://ck:Url-S3cret@prometheus:9090/api/v1
prometheus_user = ck
prometheus_password = Pr0m-S3cret
insecure = perhaps

[fetcher_keystone]
password = Ks-S3cret

[kitty_collect]
concurrency = many
`,
      'metrics.yml': 'metrics:\n  cpu:\n    unit: instance\n    factor: 1/0\n',
    });
    dirs.push(dir);
    const error: unknown = await loadServiceConfig({
      configFile: dir.path('cloudkitty.conf'),
      env: { KITTY_COLLECT__FETCHER_PROMETHEUS__TIMEOUT: 'Env-S3cret' },
    }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ServiceConfigError);
    const { problems, message } = error as ServiceConfigError;
    const text = `${message}\n${JSON.stringify(problems)}`;
    for (const secret of SECRETS.filter((secret) => secret !== 'Env-S3cret'))
      expect(text).not.toContain(secret);
    const located = problems.map(
      (p) =>
        `${p.file === dir.path('cloudkitty.conf') ? 'conf' : p.file} [${p.section ?? ''}] ${p.option ?? p.path ?? ''}`,
    );
    expect(located).toEqual([
      'conf [collect] period',
      'conf [collector_aetos] interface',
      // An application credential is already scoped: Keystone would refuse project_name.
      'conf [keystone_authtoken] project_name',
      'conf [fetcher_prometheus] filters',
      'conf [fetcher_prometheus] prometheus_url',
      'conf [fetcher_prometheus] insecure',
      '$KITTY_COLLECT__FETCHER_PROMETHEUS__TIMEOUT [fetcher_prometheus] timeout',
      'conf [kitty_collect] concurrency',
      `${dir.path('metrics.yml')} [] metrics.cpu.factor`,
    ]);
  });
});
