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

function files(conf: string) {
  const dir = confDir({ 'cloudkitty.conf': `${BASE}\n${conf}`, 'metrics.yml': METRICS_YML });
  dirs.push(dir);
  return dir;
}

/** The formatted warnings of a valid configuration, the directory removed from the paths. */
async function warningsFor(conf: string): Promise<string[]> {
  const dir = files(conf);
  const config = await loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} });
  return formatProblems(config.warnings).map((line) => line.split(`${dir.dir}/`).join(''));
}

describe('unknown options of the CloudKitty sections kitty-collect reads: warnings', () => {
  it('[collect] wait_period, a typo of wait_periods: the default applies, with a warning at its line', async () => {
    const dir = files('[collect]\nwait_period = 0\n');
    const config = await loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} });
    expect(config.collect.waitPeriods).toBe(2);
    expect(config.warnings).toEqual([
      {
        file: dir.path('cloudkitty.conf'),
        section: 'collect',
        option: 'wait_period',
        line: 15,
        message: 'unknown option (did you mean wait_periods?); CloudKitty ignores it, so does kitty-collect',
      },
    ]);
  });

  it.each([
    [
      '[collector_prometheus]\nprometheus_usr = bob',
      'cloudkitty.conf [collector_prometheus] prometheus_usr: unknown option (did you mean prometheus_user?); CloudKitty ignores it, so does kitty-collect',
    ],
    [
      '[fetcher]\nbackends = source',
      'cloudkitty.conf [fetcher] backends: unknown option (did you mean backend?); CloudKitty ignores it, so does kitty-collect',
    ],
    [
      '[fetcher_source]\nsource = b',
      'cloudkitty.conf [fetcher_source] source: unknown option (did you mean sources?); CloudKitty ignores it, so does kitty-collect',
    ],
    // Not the chosen fetcher, still CloudKitty's section: a typo there is a typo.
    [
      '[fetcher_prometheus]\nmetric = up\nscope_atribute = tenant',
      'cloudkitty.conf [fetcher_prometheus] scope_atribute: unknown option (did you mean scope_attribute?); CloudKitty ignores it, so does kitty-collect',
    ],
    [
      '[orchestrator]\nskip_datapoint_expression = False',
      'cloudkitty.conf [orchestrator] skip_datapoint_expression: unknown option (did you mean skip_datapoints_expression?); CloudKitty ignores it, so does kitty-collect',
    ],
    [
      '[collect]\nfrobnicate = 1',
      'cloudkitty.conf [collect] frobnicate: unknown option; CloudKitty ignores it, so does kitty-collect',
    ],
  ])('%j', async (conf, line) => {
    expect(await warningsFor(conf)).toEqual([line]);
  });

  it('keystoneauth options of a Keystone section are known, auth_sectoin is not', async () => {
    const conf = [
      '[collector_aetos]',
      'auth_type = password',
      'auth-url = http://k/v3',
      'connect_retries = 3',
      'split_loggers = false',
      'tenant_name = svc',
      'interface = internal',
      'auth_sectoin = keystone_authtoken',
    ].join('\n');
    expect(await warningsFor(conf)).toEqual([
      'cloudkitty.conf [collector_aetos] auth_sectoin: unknown option (did you mean auth_section?); CloudKitty ignores it, so does kitty-collect',
    ]);
  });

  it('sections other libraries share are not checked: [DEFAULT], [keystone_authtoken], an auth_section target, [oslo_*]', async () => {
    const conf = [
      '[DEFAULT]',
      'debug = true',
      'transport_url = rabbit://',
      '[keystone_authtoken]',
      'memcached_servers = m:11211',
      'www_authenticate_uri = http://k',
      '[ks]',
      'service_token_roles_required = true',
      '[oslo_messaging_notifications]',
      'driver = noop',
      '[storage_influxdb]',
      'host = influx.example',
    ].join('\n');
    expect(await warningsFor(conf)).toEqual([]);
  });
});

describe('strict: unknown options are problems (exit 1)', () => {
  it('the same line, saying --strict refuses it', async () => {
    const dir = files('[collect]\nwait_period = 0\n');
    const problems = await problemsOf(
      loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {}, strict: true }),
    );
    expect(formatProblems(problems).map((line) => line.split(`${dir.dir}/`).join(''))).toEqual([
      'cloudkitty.conf [collect] wait_period: unknown option (did you mean wait_periods?); CloudKitty ignores it; --strict refuses it',
    ]);
  });

  it('without --strict, an invalid configuration still carries its warnings, apart from its problems', async () => {
    const dir = files('[collect]\nwait_period = 0\nperiod = 1h\n');
    const error = await loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ServiceConfigError);
    const { problems, warnings } = error as ServiceConfigError;
    expect(problems.map((p) => p.option)).toEqual(['period']);
    expect(warnings.map((w) => w.option)).toEqual(['wait_period']);
    expect((error as ServiceConfigError).message).not.toContain('wait_period');
  });

  it('[kitty_collect], kitty-collect’s own section, refuses unknown options with or without --strict', async () => {
    const dir = files('[kitty_collect]\nconcurency = 3\n');
    const problems = await problemsOf(
      loadServiceConfig({ configFile: dir.path('cloudkitty.conf'), env: {} }),
    );
    expect(problems.map((p) => [p.section, p.option])).toEqual([['kitty_collect', 'concurency']]);
  });
});
