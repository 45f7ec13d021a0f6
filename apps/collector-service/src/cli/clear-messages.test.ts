import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from './exit-codes.js';
import { cli, workspace } from './testing/in-process-cli.js';
import { serviceConf } from './testing/service-conf.js';

/**
 * Issue 12, "Clear messages": what a newcomer's mistakes print, exactly, and how the command ends. Nothing
 * here needs a server: Prometheus is a refused port.
 */

const METRICS = 'metrics:\n  cpu:\n    unit: instance\n    groupby: [id]\n';
const REFUSED = 'http://127.0.0.1:1/api/v1';

async function dirWith(conf: string, metrics = METRICS): Promise<string> {
  return workspace({ 'cloudkitty.conf': conf, 'metrics.yml': metrics });
}

const QUERY = [
  '--metric',
  'cpu',
  '--scope',
  'a',
  '--begin',
  '2026-01-01T00:00:00Z',
  '--end',
  '2026-01-01T01:00:00Z',
];

const base = (sources: readonly string[] = ['a']) =>
  serviceConf({ collector: { prometheusUrl: REFUSED }, fetcher: { sources } });

describe('an unknown option of [collect] (wait_period for wait_periods): a warning, or --strict refuses it', () => {
  const conf = base().replace('wait_periods = 0\n', 'wait_period = 0\n');
  const warning = (dir: string) =>
    `kitty-collect: warning: ${join(dir, 'cloudkitty.conf')} [collect] wait_period: unknown option (did you mean wait_periods?); CloudKitty ignores it, so does kitty-collect`;

  it('config check: exit 0, the warning on stderr and under the summary', async () => {
    const dir = await dirWith(conf);
    const file = join(dir, 'cloudkitty.conf');
    const result = await cli(['config', 'check', '-c', file]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.err).toBe(`${warning(dir)}\n`);
    expect(result.out).toBe(
      [
        `${file}: valid (1 warning)`,
        '  collector: prometheus, period 3600 s, wait_periods 2, scope_key project_id',
        '  fetcher: source',
        `  metrics: ${join(dir, 'metrics.yml')} (1 rating types: cpu)`,
        `  storage: ${join(dir, 'store.sqlite')}`,
        '  warnings:',
        `    ${file} [collect] wait_period: unknown option (did you mean wait_periods?); CloudKitty ignores it, so does kitty-collect`,
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['config', 'check'],
    ['serve', '--once'],
    ['collect', '--begin', '2026-01-01T00:00:00Z', '--end', '2026-01-01T01:00:00Z'],
    ['query', ...QUERY],
    ['summary'],
  ])('%s --strict: exit 1, the same option refused', async (...args) => {
    const dir = await dirWith(conf);
    const file = join(dir, 'cloudkitty.conf');
    const result = await cli([...args, '-c', file, '--strict']);
    expect(result.code).toBe(EXIT.invalidConfiguration);
    expect(result.err).toBe(
      `Invalid configuration (1 problem):\n  ${file} [collect] wait_period: unknown option (did you mean wait_periods?); CloudKitty ignores it; --strict refuses it\n`,
    );
    expect(result.out).toBe('');
  });

  it('query: the warning comes first, on stderr; the command runs', async () => {
    const dir = await dirWith(conf);
    const result = await cli(['query', '-c', join(dir, 'cloudkitty.conf'), ...QUERY]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.err).toBe(`${warning(dir)}\n`);
    expect(result.out).toContain('max(max_over_time(cpu{project_id="a"}[3600s]))');
  });
});

describe('auth_sectoin for auth_section', () => {
  it('config check: a warning for the typo, and the missing auth_type names auth_section and the typo (exit 1)', async () => {
    const conf = base().replace(
      /\[fetcher\][\s\S]*?(\[kitty_collect\])/,
      '[fetcher]\nbackend = keystone\n\n[fetcher_keystone]\nauth_sectoin = keystone_authtoken\n\n[keystone_authtoken]\nauth_type = password\nmemcached_servers = m:11211\n\n$1',
    );
    const dir = await dirWith(conf);
    const file = join(dir, 'cloudkitty.conf');
    const result = await cli(['config', 'check', '-c', file]);
    expect(result.code).toBe(EXIT.invalidConfiguration);
    expect(result.err).toBe(
      [
        `kitty-collect: warning: ${file} [fetcher_keystone] auth_sectoin: unknown option (did you mean auth_section?); CloudKitty ignores it, so does kitty-collect`,
        'Invalid configuration (1 problem):',
        `  ${file} [fetcher_keystone] auth_type: is not set, and neither is auth_section (keystoneauth loads no auth plugin without one): set auth_type (password, v3password, v3applicationcredential, token or v3token), or auth_section to the section that has it; auth_sectoin (line 17): did you mean auth_section?`,
        '',
      ].join('\n'),
    );
  });
});

describe('an INI syntax error names the file, the line and the column once', () => {
  it('[collect without its ]: exit 1', async () => {
    const dir = await dirWith('[DEFAULT]\ndebug = true\n\n[collect\nperiod = 3600\n');
    const file = join(dir, 'cloudkitty.conf');
    const result = await cli(['config', 'check', '-c', file]);
    expect(result.code).toBe(EXIT.invalidConfiguration);
    expect(result.err).toBe(
      `Invalid configuration (1 problem):\n  ${file} line 4, column 9: Invalid section (must end with ])\n`,
    );
  });
});

describe('a YAML error of metrics.yml: its position once, no dangling colon', () => {
  const yaml = 'metrics:\n  cpu:\n    unit: instance\n   groupby: [id]\n';

  it('validate: exit 1', async () => {
    const dir = await dirWith(base(), yaml);
    const result = await cli(['validate', join(dir, 'metrics.yml')]);
    expect(result.code).toBe(EXIT.invalidConfiguration);
    expect(result.err).toBe(
      `${join(dir, 'metrics.yml')}: line 4, column 1: YAML syntax: All mapping items must start at the same column\n`,
    );
  });

  it('config check: exit 1', async () => {
    const dir = await dirWith(base(), yaml);
    const result = await cli(['config', 'check', '-c', join(dir, 'cloudkitty.conf')]);
    expect(result.code).toBe(EXIT.invalidConfiguration);
    expect(result.err).toBe(
      `Invalid configuration (1 problem):\n  ${join(dir, 'metrics.yml')} line 4, column 1: YAML syntax: All mapping items must start at the same column\n`,
    );
  });
});

describe('a failed batched collection names its query once', () => {
  it('serve --once over two scopes, Prometheus refusing: exit 2', async () => {
    const dir = await dirWith(base(['a', 'b']));
    const result = await cli([
      'serve',
      '--once',
      '-c',
      join(dir, 'cloudkitty.conf'),
      '--since',
      '2026-01-01T00:00:00Z',
      '--until',
      '2026-01-01T01:00:00Z',
    ]);
    expect(result.code).toBe(EXIT.collectionFailed);
    const query = "'max(max_over_time(cpu[3600s])) by (id, project_id)'";
    expect(result.err.split(query).length - 1).toBe(1);
    expect(result.err).toContain(
      `prometheus batched collection of 'cpu' for 2 scopes failed: Cannot get a response from Prometheus at http://127.0.0.1:1/api/v1/query (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1) for query ${query}`,
    );
  });
});
