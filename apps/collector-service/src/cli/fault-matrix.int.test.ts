import { join } from 'node:path';
import {
  findFreePort,
  PROJECTS,
  type RunningAetosStack,
  type StopSignal,
  startAetosStack,
  TEST_STACK_SECRETS,
} from '@kitty-collect/test-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CPU_FLAVOR_AND_GAUGE_METRICS, keystoneFetcherSections } from '../testing/service-files.js';
import { workspace } from './testing/in-process-cli.js';
import { runMain, runServeOnce } from './testing/main-process.js';
import { expectNoSecrets } from './testing/secret-scan.js';
import { type ServiceConfOptions, serviceConf } from './testing/service-conf.js';
import {
  expectCompletePeriods,
  expectSameStorage,
  readStored,
  type StoredScope,
} from './testing/stored-periods.js';
import { healthUntil, killMidRun, type RestartableServer } from './testing/upstream-faults.js';

/**
 * The fault matrix, upstream part: the real servers the service talks to — Prometheus, Keystone, the
 * Aetos gateway — killed while the real `dist/main.js` runs, and started again. This suite's own
 * instances: killing them disturbs no other test.
 */
let stack: RunningAetosStack;

/**
 * Every line the service processes of this suite printed, stdout and stderr, in order: what a secrets
 * scan reads (`suiteSecrets()` are the secrets it must not find).
 */
const printed: string[] = [];
const suiteSecrets = () => Object.values(stack.keystone.fixtures.users).map((user) => user.password);

const SCOPES = [PROJECTS.alpha, PROJECTS.beta, PROJECTS.gappy];
const SINCE = new Date('2026-01-04T00:00:00Z');
const PERIOD = 300;
/** 96 periods per scope: long enough to be killed in the middle. */
const UNTIL = new Date('2026-01-04T08:00:00Z');
const FRAMES = SCOPES.length * ((UNTIL.getTime() - SINCE.getTime()) / 1000 / PERIOD);
const KILL_AFTER_FRAMES = 45;
const METRICS = CPU_FLAVOR_AND_GAUGE_METRICS;

beforeAll(async () => {
  // Validations are cached for one second only (keystonemiddleware's token_cache_time, 300 s by default),
  // so that Keystone going down fails collection through Aetos within a second.
  stack = await startAetosStack({ gateway: { validationCacheSeconds: 1 } });
}, 360_000);

afterAll(async () => {
  await stack?.stop();
});

type CollectorKind = 'prometheus' | 'aetos';

function collectorOf(kind: CollectorKind): ServiceConfOptions['collector'] {
  const user = stack.keystone.fixtures.users.cloudkitty;
  return kind === 'prometheus'
    ? { prometheusUrl: stack.prometheus.apiUrl }
    : {
        aetos: {
          authUrl: stack.keystone.authUrl,
          username: user.name,
          password: user.password,
          projectName: 'service',
        },
      };
}

async function serviceDir(conf: ServiceConfOptions): Promise<{ config: string; storagePath: string }> {
  const dir = await workspace({ 'metrics.yml': METRICS, 'cloudkitty.conf': serviceConf(conf) });
  return { config: join(dir, 'cloudkitty.conf'), storagePath: join(dir, 'store.sqlite') };
}

function serveOnce(config: string, window = { since: SINCE, until: UNTIL }) {
  return runServeOnce(config, window, { record: printed });
}

const undisturbed = new Map<CollectorKind, Map<string, StoredScope>>();
/** The undisturbed run of a collector over the window: what every other run must store. */
async function reference(kind: CollectorKind): Promise<Map<string, StoredScope>> {
  const known = undisturbed.get(kind);
  if (known !== undefined) return known;
  const { config, storagePath } = await serviceDir({
    collector: collectorOf(kind),
    fetcher: { sources: SCOPES },
    period: PERIOD,
  });
  const started = performance.now();
  const result = await serveOnce(config).done;
  if (process.env.KITTY_REPORT_TIMINGS) {
    console.log(`[fault matrix] undisturbed ${kind} run: ${Math.round(performance.now() - started)} ms`);
  }
  expect(result).toMatchObject({ code: 0, stderr: [] });
  const stored = readStored(storagePath, SCOPES);
  expect([...stored.values()].reduce((sum, scope) => sum + scope.frames, 0)).toBe(FRAMES);
  undisturbed.set(kind, stored);
  return stored;
}

describe('an upstream killed mid-run and restarted (serve --once)', () => {
  const matrix: {
    upstream: string;
    collector: CollectorKind;
    server: () => RestartableServer;
    signal: StopSignal;
    /** What the one line says failed. */
    failure: () => RegExp;
  }[] = [
    {
      upstream: 'Prometheus',
      collector: 'prometheus',
      server: () => stack.prometheus,
      signal: 'SIGKILL',
      failure: () =>
        new RegExp(`Cannot get a response from Prometheus at ${stack.prometheus.apiUrl}/query \\(E[A-Z]+: `),
    },
    {
      upstream: 'the Aetos gateway',
      collector: 'aetos',
      server: () => stack.gateway,
      signal: 'SIGKILL',
      // (aetos-client speaks of Prometheus' API, which the gateway serves)
      failure: () =>
        new RegExp(
          `Cannot get a response from Prometheus at ${stack.gateway.url('/prometheus')}/api/v1/query \\(E[A-Z]+: `,
        ),
    },
    {
      upstream: 'Keystone (the gateway validates every token with it)',
      collector: 'aetos',
      // The gateway forgets the validations it cached as Keystone dies: the next query needs Keystone.
      server: () => ({
        restart: (options) =>
          stack.keystone.restart({
            ...options,
            whileDown: async () => {
              stack.gateway.reset({ cache: true });
              await options?.whileDown?.();
            },
          }),
      }),
      signal: 'SIGKILL',
      // keystonemiddleware's 503 (an unseen token while Keystone is unreachable), as Aetos answers it
      failure: () =>
        new RegExp(
          `invalid_response: unexpected JSON body .*The Keystone service is temporarily unavailable.*\\(HTTP 503, batched query of '[a-z_]+' for 3 scopes, .* at ${stack.gateway.url('/prometheus')}/api/v1/query\\)`,
        ),
    },
  ];

  it.each(matrix)(
    '$upstream, $collector collector: exit 2 with one line, complete periods only; the re-run catches up exactly',
    async (fault) => {
      const expected = await reference(fault.collector);
      const { config, storagePath } = await serviceDir({
        collector: collectorOf(fault.collector),
        fetcher: { sources: SCOPES },
        period: PERIOD,
      });

      const { result, storedAtKill } = await killMidRun(serveOnce(config), fault.server(), {
        storagePath,
        afterFrames: KILL_AFTER_FRAMES,
        signal: fault.signal,
      });
      expect(result.code).toBe(2);
      expect(result.stdout).toHaveLength(1);
      expect(result.stdout[0]).toMatch(
        /^kitty-collect: 3 scopes, \d+ periods stored \(\d+ points\), 3 failed$/,
      );
      expect(result.stderr).toHaveLength(1);
      expect(result.stderr[0]).toMatch(
        new RegExp(
          `^kitty-collect: scope \\S+: .*${fault.failure().source}.*\\(3 of 3 scopes failed: .*; they resume on the next run\\)$`,
        ),
      );

      const disturbed = readStored(storagePath, SCOPES);
      const stored = expectCompletePeriods(disturbed, expected, { since: SINCE, periodSeconds: PERIOD });
      expect(stored).toBeGreaterThanOrEqual(storedAtKill);
      expect(stored).toBeLessThan(FRAMES);
      for (const scope of disturbed.values()) expect(scope).toMatchObject({ state: 'failing', failures: 1 });

      const rerun = await serveOnce(config).done;
      expect(rerun).toMatchObject({ code: 0, stderr: [] });
      expect(rerun.stdout).toEqual([
        expect.stringMatching(
          new RegExp(
            `^kitty-collect: 3 scopes, ${FRAMES - stored} periods stored \\(\\d+ points\\), 0 failed$`,
          ),
        ),
      ]);
      expectSameStorage(readStored(storagePath, SCOPES), expected);
    },
  );
});

describe('Keystone and the scope fetch', () => {
  const keystoneFetcher = (password = stack.keystone.fixtures.users.cloudkitty.password) =>
    keystoneFetcherSections({
      authUrl: stack.keystone.authUrl,
      username: 'cloudkitty',
      password,
      projectName: 'service',
    });
  const ratedScopes = () => {
    const { projects } = stack.keystone.fixtures;
    return [projects.ratedA.id, projects.ratedB.id, projects.disabledC.id];
  };
  const WINDOW = { since: SINCE, until: new Date('2026-01-04T02:00:00Z') };

  it('Keystone down at scope fetch: exit 2 with one line, nothing stored; after its restart, exit 0', async () => {
    const { config, storagePath } = await serviceDir({
      collector: collectorOf('prometheus'),
      fetcher: { sections: keystoneFetcher() },
    });
    let down: Awaited<ReturnType<typeof runMain>['done']> | undefined;
    await stack.keystone.restart({
      signal: 'SIGKILL',
      whileDown: async () => {
        down = await serveOnce(config, WINDOW).done;
      },
    });
    const { port } = new URL(stack.keystone.authUrl);
    expect(down).toEqual({
      code: 2,
      signal: null,
      stdout: [],
      stderr: [
        `kitty-collect: The keystone scope fetcher failed: Keystone is unavailable at ${stack.keystone.authUrl}/auth/tokens: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}; nothing was collected`,
      ],
    });
    expect([...readStored(storagePath, ratedScopes()).values()].map((scope) => scope.frames)).toEqual([
      0, 0, 0,
    ]);

    const up = await serveOnce(config, WINDOW).done;
    expect(up).toMatchObject({
      code: 0,
      stderr: [],
      stdout: ['kitty-collect: 3 scopes, 6 periods stored (0 points), 0 failed'],
    });
  });

  it('a wrong password: the scope fetch and Aetos’ token refused, exit 2 with one line that never shows it', async () => {
    const wrong = 'wrong-password-never-shown';
    const fetcher = await serviceDir({
      collector: collectorOf('prometheus'),
      fetcher: { sections: keystoneFetcher(wrong) },
    });
    const refusedFetch = await serveOnce(fetcher.config, WINDOW).done;
    expect(refusedFetch).toMatchObject({ code: 2, stdout: [] });
    expect(refusedFetch.stderr).toEqual([
      expect.stringMatching(
        new RegExp(
          `^kitty-collect: The keystone scope fetcher failed: Keystone refused password auth for user 'cloudkitty' in domain 'Default', project 'service' in domain 'Default' \\(HTTP 401 at ${stack.keystone.authUrl}/auth/tokens: The request you have made requires authentication\\.\\) \\(request id req-[0-9a-f-]+\\); nothing was collected$`,
        ),
      ),
    ]);

    const user = stack.keystone.fixtures.users.cloudkitty;
    const aetos = await serviceDir({
      collector: {
        aetos: {
          authUrl: stack.keystone.authUrl,
          username: user.name,
          password: wrong,
          projectName: 'service',
        },
      },
      fetcher: { sources: SCOPES },
    });
    const refusedToken = await serveOnce(aetos.config, WINDOW).done;
    expect(refusedToken).toMatchObject({
      code: 2,
      stdout: ['kitty-collect: 3 scopes, 0 periods stored (0 points), 3 failed'],
    });
    expect(refusedToken.stderr).toEqual([
      expect.stringMatching(
        /^kitty-collect: scope \S+: .*Keystone refused password auth for user 'cloudkitty'.*\(3 of 3 scopes failed: .*; they resume on the next run\)$/,
      ),
    ]);
    expect(printed.join('\n')).not.toContain(wrong);
  });

  it('/healthz: 503 with the reason while Keystone is down or every scope fails, 200 once they are back', async () => {
    const port = await findFreePort();
    const { config } = await serviceDir({
      collector: collectorOf('prometheus'),
      fetcher: { sections: keystoneFetcher() },
      period: 1,
      kittyCollect: `listen = 127.0.0.1:${port}\nretry_initial_seconds = 1\nretry_max_seconds = 1\n`,
    });
    // 1-second periods from a few seconds ago: new periods come due at every pass (one per second).
    const since = new Date(Date.now() - 3000);
    since.setMilliseconds(0);
    const service = runMain(['serve', '--config', config, '--since', since.toISOString()], {
      record: printed,
    });
    const healthz = `http://127.0.0.1:${port}/healthz`;
    try {
      const ok = (answer: { status: number; body: Record<string, unknown> }) =>
        answer.status === 200 && answer.body.lastPass !== null;
      expect(await healthUntil(healthz, ok)).toMatchObject({
        status: 200,
        body: { status: 'ok', failingScopes: 0, lastPass: { ok: true, scopes: 3 } },
      });

      let whileKeystoneDown: unknown;
      await stack.keystone.restart({
        signal: 'SIGKILL',
        whileDown: async () => {
          whileKeystoneDown = await healthUntil(healthz, (answer) => answer.status === 503);
        },
      });
      const { port: keystonePort } = new URL(stack.keystone.authUrl);
      expect(whileKeystoneDown).toEqual({
        status: 503,
        body: {
          status: 'unhealthy',
          reason: `the last collection pass failed: The keystone scope fetcher failed: Keystone is unavailable at ${stack.keystone.authUrl}/projects: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${keystonePort}`,
          storage: 'ok',
          lastPass: { at: expect.any(String), ok: false },
        },
      });
      expect(await healthUntil(healthz, ok)).toMatchObject({ status: 200, body: { status: 'ok' } });

      let whilePrometheusDown: unknown;
      await stack.prometheus.restart({
        signal: 'SIGKILL',
        whileDown: async () => {
          whilePrometheusDown = await healthUntil(healthz, (answer) => answer.status === 503);
        },
      });
      expect(whilePrometheusDown).toMatchObject({
        status: 503,
        body: {
          status: 'unhealthy',
          reason: expect.stringMatching(
            new RegExp(
              `^the last collection of all 3 scopes failed; scope \\S+: .*Cannot get a response from Prometheus at ${stack.prometheus.apiUrl}/query`,
            ),
          ),
          failingScopes: 3,
          lastPass: { ok: true, scopes: 3 },
        },
      });
      expect(
        await healthUntil(healthz, (answer) => answer.status === 200 && answer.body.failingScopes === 0),
      ).toMatchObject({
        body: { status: 'ok' },
      });
    } finally {
      service.kill('SIGTERM');
    }
    expect(await service.done).toMatchObject({ code: 0, signal: null });
  });

  it('nothing the service printed in this suite holds a password', () => {
    expectNoSecrets(printed, [...TEST_STACK_SECRETS, ...suiteSecrets()], 'the upstream fault matrix');
    expect(printed.filter((line) => /unexpected error|^\s+at /.test(line))).toEqual([]);
  });
});
