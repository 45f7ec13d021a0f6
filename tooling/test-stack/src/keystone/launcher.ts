import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from '../ports.js';
import {
  assertEmptyOrMissing,
  type LaunchedDaemon,
  launchDaemon,
  PortInUseError,
} from '../process/launch-daemon.js';
import type { RestartOptions } from '../process/restart.js';
import { type StopSignal, stopDaemon, terminate } from '../process/terminate.js';
import { cachingTokenSource, type IssuedToken, issueToken } from './api.js';
import { keystoneLauncherScript, keystoneManageBin, keystonePython } from './binaries.js';
import { type KeystonePaths, keystonePaths, writeKeystoneConfig } from './config.js';
import { replaceServiceEndpoints } from './endpoints.js';
import {
  ADMIN_PROJECT_NAME,
  ADMIN_USER,
  DEFAULT_METRIC_STORAGE_ENDPOINTS,
  IDENTITY_SERVICE_NAME,
  type KeystoneEndpointFixture,
  type KeystoneEndpointSpec,
  type KeystoneFixtures,
  REGION_ONE,
} from './fixtures.js';
import { provisionFixtures } from './provision.js';
import { runStep } from './run-step.js';

export interface StartKeystoneOptions {
  /** Default: a free port on 127.0.0.1. */
  port?: number;
  /** keystone.conf `[token] expiration`; default 3600. */
  tokenExpirationSeconds?: number;
  /**
   * Catalog entries of service type metric-storage (name aetos); default DEFAULT_METRIC_STORAGE_ENDPOINTS.
   * To change them once Keystone runs (a gateway's port is known only later): setMetricStorageEndpoints().
   */
  metricStorageEndpoints?: readonly KeystoneEndpointSpec[];
  /** Default: a fresh directory in os.tmpdir(), removed by stop(). A given one must be empty and is kept. */
  workDir?: string;
  /**
   * keystone.conf `[cache] enabled` (dogpile.cache.memory); default true. Without it each authenticated request
   * costs ~250 ms of sqlite queries, and every token issue hits the federation query the launcher patches.
   */
  cache?: boolean;
  /** Limit for the whole start (keystone-manage steps, server readiness, provisioning); default 120 s. */
  startTimeoutMs?: number;
}

export interface KeystoneStartupTimings {
  /** keystone-manage db_sync, fernet_setup, credential_setup (in parallel), then bootstrap. */
  setupMs: number;
  /** Spawn of the server until GET /v3 answers 200. */
  serverStartMs: number;
  /** Creating the fixtures through the REST API. */
  provisionMs: number;
  totalMs: number;
}

export interface RunningKeystone {
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  /** baseUrl + '/v3' */
  authUrl: string;
  port: number;
  /** The server process; changes with restart(). */
  readonly pid: number;
  fixtures: KeystoneFixtures;
  workDir: string;
  configFile: string;
  /** stderr of the current server process: Keystone's and waitress' log. */
  readonly logFile: string;
  startupTimings: KeystoneStartupTimings;
  /** A fresh token of the bootstrap admin, scoped to project admin. */
  adminToken(): Promise<IssuedToken>;
  /** SIGTERM, SIGKILL after 10 s, then removes workDir if it was created here. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Stops the server and starts it again on the same port with the same database and keys. `whileDown` runs
   * in between, e.g. to see how a client behaves while Keystone is unreachable; the server comes back even
   * when it throws (restart() then rejects with its error). `signal: 'SIGKILL'` kills it as a crash would.
   */
  restart(options?: RestartOptions): Promise<void>;
}

// Generous: keystone-manage alone takes minutes on a loaded 2-core machine.
const DEFAULT_START_TIMEOUT_MS = 300_000;
const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;
/** issued_at is truncated to the second: a token may live up to 1 s less than configured. */
const MIN_TOKEN_EXPIRATION_SECONDS = 2;
const MAX_PORT_ATTEMPTS = 3;
const LOOPBACK = '127.0.0.1';

function remainingMs(deadline: number, what: string): number {
  const left = deadline - Date.now();
  if (left <= 0) throw new Error(`keystone: start timeout reached before ${what}`);
  return left;
}

function manageArgs(paths: KeystonePaths, ...command: string[]): string[] {
  return ['--config-file', paths.configFile, ...command];
}

async function setupDatabaseAndKeys(paths: KeystonePaths, deadline: number): Promise<void> {
  const manage = keystoneManageBin();
  // Numeric ids: keystone-manage accepts them, and they need no lookup of the current user's names.
  const owner = [
    '--keystone-user',
    String(process.getuid?.() ?? 0),
    '--keystone-group',
    String(process.getgid?.() ?? 0),
  ];
  const timeoutMs = remainingMs(deadline, 'keystone-manage');
  const steps = await Promise.allSettled([
    runStep(manage, manageArgs(paths, 'db_sync'), { workDir: paths.workDir, name: 'db_sync', timeoutMs }),
    runStep(manage, manageArgs(paths, 'fernet_setup', ...owner), {
      workDir: paths.workDir,
      name: 'fernet_setup',
      timeoutMs,
    }),
    runStep(manage, manageArgs(paths, 'credential_setup', ...owner), {
      workDir: paths.workDir,
      name: 'credential_setup',
      timeoutMs,
    }),
  ]);
  for (const step of steps) if (step.status === 'rejected') throw step.reason;
}

/** Idempotent: run again with another port, it updates the identity endpoints. */
async function bootstrap(paths: KeystonePaths, authUrl: string, deadline: number): Promise<void> {
  const args = manageArgs(
    paths,
    'bootstrap',
    '--bootstrap-username',
    ADMIN_USER.name,
    '--bootstrap-password',
    ADMIN_USER.password,
    '--bootstrap-project-name',
    ADMIN_PROJECT_NAME,
    '--bootstrap-role-name',
    'admin',
    '--bootstrap-service-name',
    IDENTITY_SERVICE_NAME,
    '--bootstrap-region-id',
    REGION_ONE,
    '--bootstrap-admin-url',
    authUrl,
    '--bootstrap-internal-url',
    authUrl,
    '--bootstrap-public-url',
    authUrl,
  );
  await runStep(keystoneManageBin(), args, {
    workDir: paths.workDir,
    name: 'bootstrap',
    timeoutMs: remainingMs(deadline, 'keystone-manage bootstrap'),
  });
}

interface Launched extends LaunchedDaemon {
  stderrFile: string;
}

interface LaunchSettings {
  paths: KeystonePaths;
  /** Log file names differ per launch so that a restart keeps the previous log. */
  logName: string;
  timeoutMs: number;
  removeOnExit?: string;
}

async function launchServer(port: number, settings: LaunchSettings): Promise<Launched> {
  const stderrFile = join(settings.paths.workDir, `${settings.logName}.stderr.log`);
  const launched = await launchDaemon({
    name: 'keystone',
    bin: keystonePython(),
    args: [
      keystoneLauncherScript(),
      '--config-file',
      settings.paths.configFile,
      '--host',
      LOOPBACK,
      '--port',
      String(port),
    ],
    logs: { stdoutFile: join(settings.paths.workDir, `${settings.logName}.stdout.log`), stderrFile },
    port,
    readyUrl: `http://${LOOPBACK}:${port}/v3`,
    wait: { timeoutMs: settings.timeoutMs },
    // Python's socket error: "[Errno 98] Address already in use".
    portInUse: /address already in use/i,
    removeOnExit: settings.removeOnExit,
  });
  return { ...launched, stderrFile };
}

const urlsFor = (port: number) => {
  const baseUrl = `http://${LOOPBACK}:${port}`;
  return { baseUrl, authUrl: `${baseUrl}/v3` };
};

/**
 * A real Keystone (Debian's python3-keystone, sqlite, fernet tokens) served by waitress on 127.0.0.1,
 * bootstrapped and provisioned with the users, projects, roles, application credential and catalog in
 * `fixtures`. Resolves once everything exists; rejects with the failing command and its log tail.
 */
export async function startKeystone(options: StartKeystoneOptions = {}): Promise<RunningKeystone> {
  const started = Date.now();
  const tokenExpirationSeconds = options.tokenExpirationSeconds ?? DEFAULT_TOKEN_EXPIRATION_SECONDS;
  if (!Number.isInteger(tokenExpirationSeconds) || tokenExpirationSeconds < MIN_TOKEN_EXPIRATION_SECONDS) {
    throw new Error(
      `startKeystone: tokenExpirationSeconds must be an integer >= ${MIN_TOKEN_EXPIRATION_SECONDS}, ` +
        `got ${tokenExpirationSeconds}`,
    );
  }
  const deadline = started + (options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
  const ownsWorkDir = options.workDir === undefined;
  const workDir = options.workDir ?? (await mkdtemp(join(tmpdir(), 'kitty-keystone-')));
  const removeWorkDir = () =>
    ownsWorkDir ? rm(workDir, { recursive: true, force: true }) : Promise.resolve();
  let launched: Launched | undefined;
  try {
    if (!ownsWorkDir) {
      await assertEmptyOrMissing(workDir, 'give startKeystone a fresh workDir');
      await mkdir(workDir, { recursive: true });
    }
    const paths = keystonePaths(workDir);
    await writeKeystoneConfig(paths, { tokenExpirationSeconds, cache: options.cache ?? true });
    const removeOnExit = ownsWorkDir ? { removeOnExit: workDir } : {};

    let port = options.port ?? (await findFreePort());
    await setupDatabaseAndKeys(paths, deadline);
    await bootstrap(paths, urlsFor(port).authUrl, deadline);
    const setupDone = Date.now();

    for (let attempt = 1; launched === undefined; attempt++) {
      try {
        launched = await launchServer(port, {
          paths,
          logName: 'keystone',
          timeoutMs: remainingMs(deadline, 'the server was ready'),
          ...removeOnExit,
        });
      } catch (error) {
        // The free port was released before waitress bound it; someone else may have taken it meanwhile.
        const retry =
          error instanceof PortInUseError && options.port === undefined && attempt < MAX_PORT_ATTEMPTS;
        if (!retry) throw error;
        port = await findFreePort();
        // The identity endpoints carry the port: bootstrap again (it updates them).
        await bootstrap(paths, urlsFor(port).authUrl, deadline);
      }
    }
    const serverReady = Date.now();

    const { baseUrl, authUrl } = urlsFor(port);
    const provisionTimer = new AbortController();
    const fixtures = await Promise.race([
      provisionFixtures(authUrl, options.metricStorageEndpoints ?? DEFAULT_METRIC_STORAGE_ENDPOINTS),
      sleep(remainingMs(deadline, 'provisioning'), undefined, { signal: provisionTimer.signal }).then(() => {
        throw new Error(
          `keystone: provisioning did not finish within the start timeout (log: ${launched?.stderrFile})`,
        );
      }),
    ]).finally(() => provisionTimer.abort());
    const provisioned = Date.now();

    let current: Launched | undefined = launched;
    let stopping: Promise<void> | undefined;
    let restarts = 0;
    let busy: Promise<void> = Promise.resolve();
    const serialise = (work: () => Promise<void>) => {
      const next = busy.then(work, work);
      busy = next.catch(() => undefined);
      return next;
    };
    const stopServer = async (signal: StopSignal = 'SIGTERM') => {
      if (!current) return;
      const { daemon, releaseGuard } = current;
      current = undefined;
      await stopDaemon(daemon, signal);
      releaseGuard();
    };
    let lastStderrFile = launched.stderrFile;
    let lastPid = launched.pid;

    const running: RunningKeystone = {
      baseUrl,
      authUrl,
      port,
      get pid() {
        return current?.pid ?? lastPid;
      },
      fixtures,
      workDir,
      configFile: paths.configFile,
      get logFile() {
        return lastStderrFile;
      },
      startupTimings: {
        setupMs: setupDone - started,
        serverStartMs: serverReady - setupDone,
        provisionMs: provisioned - serverReady,
        totalMs: provisioned - started,
      },
      adminToken: () =>
        issueToken(authUrl, {
          userId: fixtures.users.admin.id,
          password: fixtures.users.admin.password,
          scope: { project: { id: fixtures.projects.admin.id } },
        }),
      stop() {
        stopping ??= serialise(async () => {
          await stopServer();
          await removeWorkDir();
        });
        return stopping;
      },
      restart(restartOptions = {}) {
        return serialise(async () => {
          if (stopping) throw new Error('keystone: restart() after stop()');
          await stopServer(restartOptions.signal);
          const failure = await restartOptions.whileDown?.().then(
            () => undefined,
            (error: unknown) => ({ error }),
          );
          restarts++;
          const restartDeadline = Date.now() + (options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
          // The port is ours again as soon as the old process is gone; waitress sets SO_REUSEADDR.
          for (let attempt = 1; ; attempt++) {
            try {
              current = await launchServer(port, {
                paths,
                logName: `keystone.restart-${restarts}`,
                timeoutMs: remainingMs(restartDeadline, 'the restarted server was ready'),
                ...removeOnExit,
              });
              break;
            } catch (error) {
              if (!(error instanceof PortInUseError) || attempt >= MAX_PORT_ATTEMPTS) throw error;
              await sleep(500);
            }
          }
          lastStderrFile = current.stderrFile;
          lastPid = current.pid;
          if (failure) throw failure.error;
        });
      },
    };
    return running;
  } catch (error) {
    if (launched) {
      await terminate(launched.daemon);
      launched.releaseGuard();
    }
    await removeWorkDir();
    throw error;
  }
}

/**
 * Replaces the metric-storage catalog entries at runtime through the admin API, e.g. once an Aetos-compatible
 * gateway knows its port. Updates `keystone.fixtures.services.metricStorage.endpoints` and returns them.
 * Tokens already issued see the new catalog on their next validation (Fernet tokens carry no catalog).
 */
export async function setMetricStorageEndpoints(
  keystone: Pick<RunningKeystone, 'authUrl' | 'fixtures' | 'adminToken'>,
  specs: readonly KeystoneEndpointSpec[],
): Promise<KeystoneEndpointFixture[]> {
  const token = cachingTokenSource(() => keystone.adminToken());
  const service = keystone.fixtures.services.metricStorage;
  const endpoints = await replaceServiceEndpoints(keystone.authUrl, token, service.id, specs);
  service.endpoints.splice(0, service.endpoints.length, ...endpoints);
  return endpoints;
}
