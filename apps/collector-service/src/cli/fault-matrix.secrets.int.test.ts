import { join } from 'node:path';
import {
  PROJECTS,
  type RunningAetosStack,
  startAetosStack,
  TEST_STACK_SECRETS,
} from '@kitty-collect/test-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, workspace } from './testing/in-process-cli.js';
import { expectNoSecrets } from './testing/secret-scan.js';
import { freePort, runService, type ServiceExit, startService } from './testing/service-process.js';

/**
 * The secrets check of the fault matrix: real `kitty-collect` processes (dist/main.js) across every command,
 * against the real Keystone, Prometheus and Aetos-compatible gateway, in the configurations that used to
 * leak (a Keystone URL holding a password, a wrong password, Keystone or Prometheus unreachable…), all at
 * log level debug. No line they print, and no API answer, may hold a test password, an application
 * credential secret or a Keystone token.
 */

/** Secrets of these tests on top of the stack's: a wrong password and a Prometheus basic-auth password. */
const WRONG_PASSWORD = 'Wrong-Password-0042';
const PROMETHEUS_PASSWORD = 'Prometheus-Basic-Secret-0042';
const SECRETS = [...TEST_STACK_SECRETS, WRONG_PASSWORD, PROMETHEUS_PASSWORD];

const METRICS = `metrics:
  ceilometer_cpu:
    unit: second
    factor: 1e-9
    groupby: [resource_id]
    metadata: [flavor_name]
`;

const BEGIN = '2026-01-04T00:00:00Z';
const END = '2026-01-04T02:00:00Z';

let stack: RunningAetosStack;

/** A port nothing listens on: "Keystone stopped", "Prometheus unreachable". */
const closedPort = await freePort();

beforeAll(async () => {
  stack = await startAetosStack({ projectLabel: 'project_id' });
});

afterAll(async () => {
  await stack?.stop();
});

interface ConfOptions {
  collector?: 'aetos' | 'prometheus';
  fetcher?: 'source' | 'keystone';
  /** The Keystone options of `[keystone_authtoken]` (auth_type, auth_url, credentials). */
  keystone?: string;
  /** `[collector_prometheus]` options (prometheus_url…), for the direct collector. */
  prometheus?: string;
  listen?: string;
  /** More `[fetcher_keystone]` options (endpoint_override). */
  fetcherKeystone?: string;
}

/**
 * The Keystone options of the `cloudkitty` user on project service (or of `user` on `project`), as
 * `[keystone_authtoken]` holds them.
 */
function passwordAuth(
  overrides: {
    authUrl?: string;
    password?: string;
    user?: 'cloudkitty' | 'svcOnly' | 'readerDemo';
    project?: string;
  } = {},
): string {
  const user = stack.keystone.fixtures.users[overrides.user ?? 'cloudkitty'];
  return `auth_type = password
auth_url = ${overrides.authUrl ?? stack.keystone.authUrl}
username = ${user.name}
password = ${overrides.password ?? user.password}
user_domain_name = Default
project_name = ${overrides.project ?? 'service'}
project_domain_name = Default`;
}

function applicationCredentialAuth(): string {
  const credential = stack.keystone.fixtures.applicationCredential;
  return `auth_type = v3applicationcredential
auth_url = ${stack.keystone.authUrl}
application_credential_id = ${credential.id}
application_credential_secret = ${credential.secret}`;
}

/** A cloudkitty.conf as deployments write it: the collector's and the fetcher's sections share `[keystone_authtoken]`. */
function conf(options: ConfOptions = {}): string {
  const collector = options.collector ?? 'aetos';
  const fetcher = options.fetcher ?? 'source';
  return `[DEFAULT]
debug = true
auth_strategy = noauth

[collect]
collector = ${collector}
period = 3600
wait_periods = 0
metrics_conf = metrics.yml
scope_key = project_id

[collector_aetos]
auth_section = keystone_authtoken
interface = public
region_name = RegionOne

[collector_prometheus]
${options.prometheus ?? `prometheus_url = ${stack.prometheus.apiUrl}`}

[keystone_authtoken]
${options.keystone ?? passwordAuth()}

[fetcher]
backend = ${fetcher}

[fetcher_source]
sources = ${PROJECTS.alpha},${PROJECTS.beta}

[fetcher_keystone]
keystone_version = 3
auth_section = keystone_authtoken
${options.fetcherKeystone ?? ''}

[kitty_collect]
storage_path = store.sqlite
log_level = debug
${options.listen === undefined ? '' : `listen = ${options.listen}\n`}`;
}

/** Exit codes expected of the commands that read cloudkitty.conf. */
interface Expected {
  check: number;
  collect: number;
  query: number;
  serveOnce: number;
  summary: number;
  /** A text every failing command prints on stderr, so that the failure is the one meant. */
  says?: string;
}

/** Runs every command on one configuration; returns each command's exit, scanned for secrets. */
async function runCommands(confText: string): Promise<Record<keyof Omit<Expected, 'says'>, ServiceExit>> {
  const dir = await workspace({ 'metrics.yml': METRICS, 'cloudkitty.conf': confText });
  const config = join(dir, 'cloudkitty.conf');
  const options = { cwd: dir };
  // config check first: it authenticates too, and the test Keystone (SQLite) answers 500 now and then to
  // three concurrent refused password authentications.
  const check = await runService(['config', 'check', '--config', config], options);
  const [collect, query] = await Promise.all([
    runService(['collect', '--config', config, '--begin', BEGIN, '--end', END], options),
    runService(
      [
        'query',
        '--config',
        config,
        '--metric',
        'ceilometer_cpu',
        '--scope',
        PROJECTS.alpha,
        '--begin',
        BEGIN,
        '--end',
        '2026-01-04T01:00:00Z',
      ],
      options,
    ),
  ]);
  // summary reads what serve --once stored.
  const serveOnce = await runService(
    ['serve', '--once', '--config', config, '--since', BEGIN, '--until', END],
    options,
  );
  const summary = await runService(['summary', '--config', config], options);
  const exits = { check, collect, query, serveOnce, summary };
  for (const [command, exit] of Object.entries(exits)) expectNoSecrets(exit.lines, SECRETS, command);
  return exits;
}

function stderrOf(exit: ServiceExit): string {
  return exit.lines
    .filter((line) => line.stream === 'stderr')
    .map((line) => line.text)
    .join('\n');
}

const FAILS_TO_LOAD = { check: 1, collect: 1, query: 1, serveOnce: 1, summary: 1 };

/** The fault matrix: [name, configuration, expected exits]. */
const MATRIX: [string, () => string, Expected][] = [
  [
    'an auth_url with a password in its userinfo and query string that does not parse (issue 11)',
    () => {
      const { password } = stack.keystone.fixtures.users.cloudkitty;
      return conf({
        keystone: passwordAuth({ authUrl: `http://cloudkitty:${password}@[bad/v3?pw=${password}` }),
      });
    },
    { ...FAILS_TO_LOAD, says: '[keystone_authtoken] auth_url: not a URL: "http://[bad/v3"' },
  ],
  [
    'an auth_url with a password in its userinfo and query string that parses',
    () => {
      const { password } = stack.keystone.fixtures.users.cloudkitty;
      const authUrl = `${stack.keystone.authUrl.replace('//', `//cloudkitty:${password}@`)}?pw=${password}`;
      return conf({ keystone: passwordAuth({ authUrl }) });
    },
    { ...FAILS_TO_LOAD, says: 'auth_url: must not carry credentials (user:password@)' },
  ],
  [
    'a valid auth_url whose query string holds a secret (Keystone is reached without it)',
    () => {
      const { secret } = stack.keystone.fixtures.applicationCredential;
      return conf({ keystone: passwordAuth({ authUrl: `${stack.keystone.authUrl}?pw=${secret}` }) });
    },
    { check: 0, collect: 0, query: 0, serveOnce: 0, summary: 0 },
  ],
  [
    'a wrong password (Keystone refuses it)',
    () => conf({ keystone: passwordAuth({ password: WRONG_PASSWORD }) }),
    {
      check: 0,
      collect: 2,
      query: 0,
      serveOnce: 2,
      summary: 0,
      says: "Keystone refused password auth for user 'cloudkitty'",
    },
  ],
  [
    'application credentials, the Aetos collector',
    () => conf({ keystone: applicationCredentialAuth() }),
    { check: 0, collect: 0, query: 0, serveOnce: 0, summary: 0 },
  ],
  [
    'the Keystone scope fetcher with application credentials',
    () => conf({ fetcher: 'keystone', keystone: applicationCredentialAuth() }),
    { check: 0, collect: 0, query: 0, serveOnce: 0, summary: 0 },
  ],
  [
    'Keystone stopped (an auth_url where nothing listens), Aetos and the Keystone fetcher',
    () =>
      conf({ fetcher: 'keystone', keystone: passwordAuth({ authUrl: `http://127.0.0.1:${closedPort}/v3` }) }),
    {
      check: 0,
      collect: 2,
      query: 0,
      serveOnce: 2,
      summary: 0,
      says: `Keystone is unavailable at http://127.0.0.1:${closedPort}/v3/auth/tokens`,
    },
  ],
  [
    'a reader token, which Aetos would restrict to its own project',
    () => conf({ keystone: passwordAuth({ user: 'readerDemo', project: 'demo' }) }),
    {
      check: 1,
      collect: 2,
      query: 0,
      serveOnce: 2,
      summary: 0,
      says: "needs role 'admin' on a project-scoped token or role 'service'",
    },
  ],
  [
    'Prometheus unreachable, with basic-auth credentials',
    () =>
      conf({
        collector: 'prometheus',
        prometheus: `prometheus_url = http://127.0.0.1:${closedPort}/api/v1\nprometheus_user = kitty\nprometheus_password = ${PROMETHEUS_PASSWORD}\ntimeout = 2`,
      }),
    {
      check: 0,
      collect: 2,
      query: 0,
      serveOnce: 2,
      summary: 0,
      says: `Prometheus at http://127.0.0.1:${closedPort}/api/v1/query`,
    },
  ],
  [
    'a prometheus_url holding credentials and a query string',
    () =>
      conf({
        collector: 'prometheus',
        prometheus: `prometheus_url = http://kitty:${PROMETHEUS_PASSWORD}@127.0.0.1:${closedPort}/api/v1?pw=${PROMETHEUS_PASSWORD}`,
      }),
    { ...FAILS_TO_LOAD, says: '[collector_prometheus] prometheus_url:' },
  ],
];

describe('no secret in anything kitty-collect prints, across the fault matrix (real processes, log level debug)', () => {
  it.each(MATRIX)('%s', async (_, confText, expected) => {
    const exits = await runCommands(confText());
    const codes = Object.fromEntries(Object.entries(exits).map(([command, exit]) => [command, exit.code]));
    const { says, ...wanted } = expected;
    expect(codes, Object.values(exits).map(stderrOf).join('\n---\n')).toEqual(wanted);
    for (const [command, exit] of Object.entries(exits)) {
      if (exit.code !== 0 && says !== undefined) expect(stderrOf(exit), command).toContain(says);
    }
  });

  // The Keystone fetcher names its identity base (endpoint_override or the catalog's) through redactUrl.
  it('[fetcher_keystone] endpoint_override holding credentials and a query string', async () => {
    const { password } = stack.keystone.fixtures.users.cloudkitty;
    const override = `${stack.keystone.authUrl.replace('//', `//cloudkitty:${password}@`)}?pw=${password}`;
    await runCommands(
      conf({
        fetcher: 'keystone',
        keystone: applicationCredentialAuth(),
        fetcherKeystone: `endpoint_override = ${override}`,
      }),
    );
  });

  it('validate, on a good and a bad metrics.yml', async () => {
    const dir = await workspace({
      'good.yml': METRICS,
      'bad.yml': 'metrics:\n  cpu:\n    unit: s\n    mutate: ROUND\n',
    });
    const [good, bad] = await Promise.all([
      runService(['validate', join(dir, 'good.yml')]),
      runService(['validate', join(dir, 'bad.yml')]),
    ]);
    expect([good.code, bad.code]).toEqual([0, 1]);
    expectNoSecrets([...good.lines, ...bad.lines], SECRETS, 'validate');
  });
});

/** `kitty-collect <args> --config <dir>/cloudkitty.conf` in-process on `confText`; its output scanned for secrets. */
async function cliOn(
  confText: string,
  args: string[],
): Promise<{ code: number; out: string; err: string; config: string }> {
  const dir = await workspace({ 'metrics.yml': METRICS, 'cloudkitty.conf': confText });
  const config = join(dir, 'cloudkitty.conf');
  const result = await cli([...args, '--config', config]);
  expectNoSecrets([...result.out.split('\n'), ...result.err.split('\n')], SECRETS, args.join(' '));
  return { ...result, config };
}

const READER_REFUSED =
  "Keystone user 'reader-demo' has role reader on project demo; collecting every project through Aetos needs role 'admin' on a project-scoped token or role 'service' (Aetos would return only project demo's series)";

describe('config check asks Keystone for the Aetos token’s roles', () => {
  it.each([
    ['svc-only (role service)', { user: 'svcOnly' }, '  aetos access: all projects (role service)'],
    ['cloudkitty (admin on project service)', {}, '  aetos access: all projects (role admin)'],
  ] as const)('%s: valid, with the access line', async (_, auth, line) => {
    const check = await cliOn(conf({ keystone: passwordAuth(auth) }), ['config', 'check']);
    expect(check).toMatchObject({ code: 0, err: '' });
    expect(check.out.split('\n')).toContain(line);
  });

  it('a reader token: exit 1 naming [collector_aetos] and the roles needed; collect fails with that one line', async () => {
    const readerConf = conf({ keystone: passwordAuth({ user: 'readerDemo', project: 'demo' }) });
    const check = await cliOn(readerConf, ['config', 'check']);
    expect(check).toEqual({
      code: 1,
      out: '',
      err: `Invalid configuration (1 problem):\n  ${check.config} [collector_aetos]: ${READER_REFUSED}\n`,
      config: check.config,
    });
    await stack.gateway.reset();
    const collect = await cliOn(readerConf, ['collect', '--begin', BEGIN, '--end', END]);
    expect(collect).toMatchObject({
      code: 2,
      out: '',
      err: `kitty-collect: collection failed: ${READER_REFUSED}\n`,
    });
    expect(await stack.gateway.records()).toEqual([]);
  });

  it('the Prometheus scope fetcher through Aetos is checked as well', async () => {
    const fetcherConf = conf({
      collector: 'prometheus',
      keystone: passwordAuth({ user: 'readerDemo', project: 'demo' }),
    })
      .replace('backend = source', 'backend = prometheus')
      .replace(
        '[fetcher_source]',
        '[fetcher_prometheus]\nmetric = ceilometer_cpu\nuse_aetos = true\n\n[fetcher_source]',
      );
    const check = await cliOn(fetcherConf, ['config', 'check']);
    expect(check.code).toBe(1);
    expect(check.err).toContain(`[collector_aetos]: ${READER_REFUSED}`);
  });

  it('Keystone unreachable: not checked, still valid (exit 0)', async () => {
    const authUrl = `http://127.0.0.1:${closedPort}/v3`;
    const check = await cliOn(conf({ keystone: passwordAuth({ authUrl }) }), ['config', 'check']);
    expect(check).toMatchObject({ code: 0, err: '' });
    expect(check.out.split('\n')).toContain(
      `  aetos access: not checked (Keystone is unavailable at ${authUrl}/auth/tokens: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${closedPort})`,
    );
  });

  it('a direct Prometheus collector and fetcher: nothing is asked, no access line', async () => {
    const check = await cliOn(
      conf({
        collector: 'prometheus',
        keystone: passwordAuth({ authUrl: `http://127.0.0.1:${closedPort}/v3` }),
      }),
      ['config', 'check'],
    );
    expect(check.code).toBe(0);
    expect(check.out).not.toContain('aetos access');
  });
});

/** GET `path` of a running service: its status and body lines, the body scanned for secrets. */
async function getScanned(base: string, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${base}${path}`);
  const body = await response.text();
  expectNoSecrets(body.split('\n'), SECRETS, `GET ${path}`);
  return { status: response.status, body };
}

/** What /v2/scope lists. */
interface ScopeList {
  results: {
    scope_id: string;
    collection_state: string;
    last_error: string | null;
    last_processed_timestamp: string | null;
  }[];
}

/**
 * Whether the pass is over for `count` scopes: each has collected up to END (`ok`: its state is the start
 * of the last period, one hour before END), or failed (`failing`).
 */
function passOver(scopes: ScopeList, count: number, state: 'ok' | 'failing'): boolean {
  return (
    scopes.results.length === count &&
    scopes.results.every((scope) =>
      state === 'ok'
        ? scope.last_processed_timestamp === '2026-01-04T01:00:00+00:00'
        : scope.collection_state === 'failing',
    )
  );
}

/**
 * `serve` with its API: collects, answers /v2/scope, /metrics, /healthz and /v2/dataframes, stops on
 * SIGTERM. Waits until the pass is over for `count` scopes (`passOver`); returns every answer and the exit.
 */
async function serveWithApi(options: ConfOptions, count: number, state: 'ok' | 'failing') {
  const port = await freePort();
  const dir = await workspace({
    'metrics.yml': METRICS,
    'cloudkitty.conf': conf({ ...options, listen: `127.0.0.1:${port}` }),
  });
  const service = startService(
    ['serve', '--config', join(dir, 'cloudkitty.conf'), '--since', BEGIN, '--until', END],
    { cwd: dir },
  );
  const base = `http://127.0.0.1:${port}`;
  let scopes: ScopeList = { results: [] };
  try {
    await service.waitForLine('HTTP API listening');
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const answer = await getScanned(base, '/v2/scope');
      if (answer.status === 200) {
        scopes = JSON.parse(answer.body) as ScopeList;
        if (passOver(scopes, count, state)) break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const metrics = await getScanned(base, '/metrics');
    const health = await getScanned(base, '/healthz');
    const dataframes = await getScanned(base, `/v2/dataframes?begin=${BEGIN}&end=${END}`);
    const exit = await service.stop('SIGTERM');
    // Debug lines were printed (the API's requests at least): the scan covered the chattiest level.
    expect(exit.lines.some((line) => line.text.includes('"level":20'))).toBe(true);
    return { scopes, metrics, health, dataframes, exit };
  } finally {
    await service.stop('SIGTERM');
    expectNoSecrets(service.lines, SECRETS, 'serve');
  }
}

describe('no secret in what serve prints or its API answers', () => {
  it('collecting through Aetos, scopes from Keystone (application credentials)', async () => {
    const { scopes, metrics, health, dataframes, exit } = await serveWithApi(
      { fetcher: 'keystone', keystone: applicationCredentialAuth() },
      3,
      'ok',
    );
    const { ratedA, ratedB, disabledC } = stack.keystone.fixtures.projects;
    expect(scopes.results.map((scope) => scope.scope_id).sort()).toEqual(
      [ratedA.id, ratedB.id, disabledC.id].sort(),
    );
    expect(metrics.body).toMatch(/kitty_collect_collections_total\{result="success"\} 6/);
    expect(health.status).toBe(200);
    // The dataset has no series of Keystone's projects: every frame is empty, as CloudKitty answers 404.
    expect(dataframes.status).toBe(404);
    expect(exit.code).toBe(0);
  });

  it('collecting through Aetos with a password, scopes from the configuration', async () => {
    const { metrics, dataframes, exit } = await serveWithApi({}, 2, 'ok');
    expect(metrics.body).toMatch(/kitty_collect_collections_total\{result="success"\} 4/);
    expect(dataframes.status).toBe(200);
    // per period: alpha 2 cpu points, beta 1 → 3 points × 2 periods
    expect((JSON.parse(dataframes.body) as { total: number }).total).toBe(6);
    expect(exit.code).toBe(0);
  });

  it('Keystone refusing a wrong password: last_error, /healthz and /metrics say so without a secret', async () => {
    const { scopes, metrics, health, exit } = await serveWithApi(
      { keystone: passwordAuth({ password: WRONG_PASSWORD }) },
      2,
      'failing',
    );
    expect(scopes.results).toHaveLength(2);
    for (const scope of scopes.results) {
      expect(scope.last_error).toContain("Keystone refused password auth for user 'cloudkitty'");
      expect(scope.last_error).toContain(`at ${stack.keystone.authUrl}/auth/tokens`);
    }
    expect(metrics.body).toMatch(/kitty_collect_collection_failures_total\{cause="collect"\} [1-9]/);
    // every scope of the last pass failed: unhealthy, and the reason holds no secret either
    expect(health.status).toBe(503);
    expect(exit.code).toBe(0);
  });
});
