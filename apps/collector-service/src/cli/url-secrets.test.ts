import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, workspace } from './testing/in-process-cli.js';

/** issue 11, item 1: the operator's password, in the userinfo or the query string of a Keystone URL. */
const SECRET = 'Issue11-Secret-Pw';

const METRICS = 'metrics:\n  ceilometer_cpu:\n    unit: instance\n    groupby: [resource_id]\n';

/**
 * cloudkitty.conf with the Aetos collector: `keystone` goes into its auth section `[service_auth]`,
 * `adapter` (session and adapter options: endpoint_override) into `[collector_aetos]` itself.
 */
function aetosConf(keystone: string, adapter = ''): string {
  return `[collect]
collector = aetos
period = 3600
wait_periods = 0
metrics_conf = metrics.yml

[collector_aetos]
auth_section = service_auth
${adapter}

[service_auth]
auth_type = password
username = cloudkitty
user_domain_name = Default
password = ${SECRET}-password
project_name = service
project_domain_name = Default
${keystone}

[fetcher]
backend = source

[fetcher_source]
sources = p1

[kitty_collect]
storage_path = store.sqlite
log_level = debug
`;
}

const WINDOW = ['--begin', '2026-01-04T00:00:00Z', '--end', '2026-01-04T01:00:00Z'];
const SERVE_WINDOW = ['--since', '2026-01-04T00:00:00Z', '--until', '2026-01-04T01:00:00Z'];

/** Every command that reads the configuration, as the author ran them. */
async function runAll(conf: string) {
  const dir = await workspace({ 'metrics.yml': METRICS, 'cloudkitty.conf': conf });
  const config = join(dir, 'cloudkitty.conf');
  return {
    check: await cli(['config', 'check', '--config', config]),
    serve: await cli(['serve', '--once', '--config', config, ...SERVE_WINDOW]),
    collect: await cli(['collect', '--config', config, ...WINDOW, '--scope', 'p1']),
  };
}

describe('no secret of a Keystone URL in what the CLI prints (issue 11)', () => {
  it.each([
    ['userinfo', `http://cloudkitty:${SECRET}@[bad/v3`],
    ['query string', `http://[bad/v3?pw=${SECRET}`],
    ['both', `http://cloudkitty:${SECRET}@[bad/v3?pw=${SECRET}`],
  ])(
    'an auth_url that does not parse, with a password in its %s: exit 1, the URL redacted',
    async (_, url) => {
      const results = await runAll(aetosConf(`auth_url = ${url}`));
      for (const [command, result] of Object.entries(results)) {
        expect(result.code, command).toBe(1);
        expect(result.err, command).toContain(
          'cloudkitty.conf [service_auth] auth_url: not a URL: "http://[bad/v3"',
        );
        expect(`${result.out}${result.err}`, command).not.toContain(SECRET);
      }
    },
  );

  it('an endpoint_override that does not parse, and one set by a variable: the same', async () => {
    const results = await runAll(
      aetosConf(
        'auth_url = http://127.0.0.1:1/v3',
        `endpoint_override = http://aetos:${SECRET}@[bad?pw=${SECRET}`,
      ),
    );
    for (const [command, result] of Object.entries(results)) {
      expect(result.code, command).toBe(1);
      expect(result.err, command).toContain('endpoint_override: not a URL: "http://[bad"');
      expect(`${result.out}${result.err}`, command).not.toContain(SECRET);
    }
    const dir = await workspace({
      'metrics.yml': METRICS,
      'cloudkitty.conf': aetosConf('auth_url = http://k/v3'),
    });
    const env = { KITTY_COLLECT__SERVICE_AUTH__AUTH_URL: `http://cloudkitty:${SECRET}@[bad/v3` };
    const check = await cli(['config', 'check', '--config', join(dir, 'cloudkitty.conf')], env);
    expect(check.code).toBe(1);
    expect(check.err).toContain(
      '$KITTY_COLLECT__SERVICE_AUTH__AUTH_URL [service_auth] auth_url: not a URL: "http://[bad/v3"',
    );
    expect(check.err).not.toContain(SECRET);
  });

  it('a parsable auth_url with a password: refused as credentials, never shown', async () => {
    const results = await runAll(aetosConf(`auth_url = http://cloudkitty:1234/${SECRET}@keystone:5000/v3`));
    for (const [command, result] of Object.entries(results)) {
      expect(result.code, command).toBe(1);
      expect(result.err, command).toContain('auth_url: must not carry credentials (user:password@)');
      expect(`${result.out}${result.err}`, command).not.toContain(SECRET);
    }
  });

  it('a valid auth_url with a ?pw=: Keystone unreachable, the collection fails (exit 2) without the query', async () => {
    const { check, serve, collect } = await runAll(
      aetosConf(`auth_url = http://127.0.0.1:1/v3?pw=${SECRET}`),
    );
    expect(check.code).toBe(0);
    expect(serve.code).toBe(2);
    expect(serve.err).toContain('Keystone is unavailable at http://127.0.0.1:1/v3/auth/tokens');
    expect(collect.code).toBe(2);
    expect(collect.err).toContain('Keystone is unavailable at http://127.0.0.1:1/v3/auth/tokens');
    for (const result of [check, serve, collect]) expect(`${result.out}${result.err}`).not.toContain(SECRET);
  });
});
