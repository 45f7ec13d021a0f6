import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { findFreePort } from '../ports.js';
import { formatCommand } from '../process/command-line.js';
import { killOnExit } from '../process/exit-guard.js';
import { PortInUseError } from '../process/launch-daemon.js';
import { describeFailure, readLogTail } from '../process/log-tail.js';
import { type RestartOptions, restartServer, serialiser } from '../process/restart.js';
import { runToCompletion } from '../process/run.js';
import { type Daemon, type DaemonUser, spawnDaemon, switchUserArgs } from '../process/spawn-daemon.js';
import { type StopSignal, terminate } from '../process/terminate.js';
import { postgresBin } from './binaries.js';

export interface StartPostgresOptions {
  /** Default: a free port on 127.0.0.1. */
  port?: number;
  /** Default: a fresh directory under os.tmpdir(), removed by stop(). */
  workDir?: string;
  /** How long the server may take to accept connections; default 60 s. */
  startTimeoutMs?: number;
  /** `max_connections`; default 100 (PostgreSQL's). */
  maxConnections?: number;
}

export interface RunningPostgres {
  /** `postgresql://kitty:<password>@127.0.0.1:<port>/kitty`: the superuser on its own database. */
  url: string;
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
  /** The postmaster; changes with restart(). */
  readonly pid: number;
  dataDir: string;
  workDir: string;
  /**
   * A new empty database, and its URL (same user): one per test file keeps tests apart on one server.
   * Names are `[a-z0-9_]`.
   */
  createDatabase(name: string): Promise<string>;
  /** Runs SQL as the superuser on `database` (default the server's own) and answers the rows. */
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    parameters?: readonly unknown[],
    database?: string,
  ): Promise<Row[]>;
  /**
   * `pg_terminate_backend` on every other connection to `database` (a lost connection, as a network cut or
   * an administrator would cause); answers how many were terminated.
   */
  terminateConnections(database: string): Promise<number>;
  /** Fast shutdown (SIGINT), then removes a temp workDir. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Stops the server and starts it again on the same port and data: `SIGTERM` is PostgreSQL's fast
   * shutdown (SIGINT: sessions are disconnected, a checkpoint is written), `SIGKILL` its immediate
   * shutdown (SIGQUIT: no checkpoint, crash recovery at the next start, as after a crash).
   */
  restart(options?: RestartOptions): Promise<void>;
}

const USER = 'kitty';
const DEFAULT_START_TIMEOUT_MS = 60_000;
const MAX_PORT_ATTEMPTS = 3;
const STOP_GRACE_MS = 15_000;
/** Debian's `nobody`: PostgreSQL refuses to run as root, and CI runs as root. */
const UNPRIVILEGED: DaemonUser = { uid: 65534, gid: 65534 };

interface Launch {
  daemon: Daemon;
  pid: number;
  releaseGuard: () => void;
}

/**
 * initdb, then a real PostgreSQL (Debian's `postgresql` package) on 127.0.0.1 and a free port, resolving
 * once it accepts connections. As root, both run as `nobody` (the work directory is handed to it).
 * Password authentication (scram-sha-256) for TCP; no Unix socket outside the work directory.
 * Binaries: $KITTY_POSTGRES_BIN_DIR, else /usr/lib/postgresql/<newest>/bin, else PATH.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<RunningPostgres> {
  const ownsWorkDir = options.workDir === undefined;
  const workDir = options.workDir ?? (await mkdtemp(join(tmpdir(), 'kitty-postgres-')));
  const removeWorkDir = () =>
    ownsWorkDir ? rm(workDir, { recursive: true, force: true }) : Promise.resolve();
  const user = process.getuid?.() === 0 ? UNPRIVILEGED : undefined;
  try {
    await mkdir(workDir, { recursive: true });
    const dataDir = join(workDir, 'data');
    const password = randomBytes(18).toString('base64url');
    const passwordFile = join(workDir, 'password');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (user !== undefined) {
      await chmod(workDir, 0o700);
      await chown(workDir, user.uid, user.gid);
      await chown(passwordFile, user.uid, user.gid);
    }
    const initdb = postgresBin('initdb');
    const initdbArgs = [
      `--pgdata=${dataDir}`,
      `--username=${USER}`,
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ];
    await runAs(user, initdb, initdbArgs, join(workDir, 'initdb.log'));
    await rm(passwordFile);

    const settings = {
      dataDir,
      workDir,
      user,
      startTimeoutMs: options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      maxConnections: options.maxConnections ?? 100,
      password,
      removeOnExit: ownsWorkDir ? workDir : undefined,
    };
    let port = options.port ?? (await findFreePort());
    let launched: Launch | undefined;
    for (let attempt = 1; launched === undefined; attempt++) {
      try {
        launched = await launchOnce(port, settings, 'postgres');
      } catch (error) {
        const retry =
          error instanceof PortInUseError && options.port === undefined && attempt < MAX_PORT_ATTEMPTS;
        if (!retry) throw error;
        port = await findFreePort();
      }
    }

    await createOwnDatabase(port, password);

    let current: Launch | undefined = launched;
    let lastPid = launched.pid;
    let stopping: Promise<void> | undefined;
    let restarts = 0;
    const serialise = serialiser();
    const stopServer = async (signal: StopSignal) => {
      if (!current) return;
      const { daemon, releaseGuard } = current;
      current = undefined;
      await terminate(daemon, signal === 'SIGKILL' ? 'SIGQUIT' : 'SIGINT', STOP_GRACE_MS);
      releaseGuard();
    };
    const urlOf = (database: string) =>
      `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
    const query = <Row extends Record<string, unknown>>(
      sql: string,
      parameters: readonly unknown[] = [],
      database = USER,
    ): Promise<Row[]> => runSql<Row>({ connectionString: urlOf(database) }, sql, parameters);
    return {
      url: urlOf(USER),
      host: '127.0.0.1',
      port,
      user: USER,
      password,
      get pid() {
        return current?.pid ?? lastPid;
      },
      dataDir,
      workDir,
      async createDatabase(name) {
        if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`createDatabase: ${name} is not [a-z0-9_]+`);
        await query(`CREATE DATABASE ${name}`);
        return urlOf(name);
      },
      query,
      async terminateConnections(database) {
        const rows = await query<{ terminated: boolean }>(
          `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
           WHERE datname = $1 AND pid <> pg_backend_pid()`,
          [database],
        );
        return rows.filter((row) => row.terminated).length;
      },
      stop() {
        stopping ??= serialise(async () => {
          await stopServer('SIGTERM');
          await removeWorkDir();
        });
        return stopping;
      },
      restart(restartOptions) {
        return serialise(async () => {
          if (stopping) throw new Error('postgres: restart() after stop()');
          await restartServer(
            stopServer,
            async () => {
              restarts++;
              current = await launchOnce(port, settings, `postgres.restart-${restarts}`);
              lastPid = current.pid;
            },
            restartOptions,
          );
        });
      },
    };
  } catch (error) {
    await removeWorkDir();
    throw error;
  }
}

interface LaunchSettings {
  dataDir: string;
  workDir: string;
  user: DaemonUser | undefined;
  startTimeoutMs: number;
  maxConnections: number;
  password: string;
  removeOnExit: string | undefined;
}

async function launchOnce(port: number, settings: LaunchSettings, logName: string): Promise<Launch> {
  const bin = postgresBin('postgres');
  const args = [
    '-D',
    settings.dataDir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `port=${port}`,
    // The socket stays in the work directory (Debian's default, /var/run/postgresql, is root's).
    '-c',
    `unix_socket_directories=${settings.workDir}`,
    '-c',
    `max_connections=${settings.maxConnections}`,
    // A test server: the OS keeps what PostgreSQL wrote even when the server is killed; only a power
    // loss would lose it. Commits stay synchronous, so a restart never loses an acknowledged commit.
    '-c',
    'fsync=off',
    '-c',
    'full_page_writes=off',
  ];
  const logs = {
    stdoutFile: join(settings.workDir, `${logName}.stdout.log`),
    stderrFile: join(settings.workDir, `${logName}.stderr.log`),
  };
  const daemon = spawnDaemon(bin, args, logs, settings.user);
  const command = formatCommand(bin, args);
  const pid = daemon.child.pid;
  const releaseGuard = pid === undefined ? () => {} : killOnExit(pid, settings.removeOnExit);
  try {
    await waitForConnections(port, settings, daemon);
    if (pid === undefined) throw new Error('postgres is running but has no pid');
    return { daemon, pid, releaseGuard };
  } catch (error) {
    await terminate(daemon, 'SIGQUIT', STOP_GRACE_MS);
    releaseGuard();
    if (/could not bind|Address already in use/i.test(await readLogTail(logs.stderrFile, 50))) {
      throw new PortInUseError(await describeFailure(`port ${port} is in use`, command, logs.stderrFile));
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      await describeFailure(`postgres did not become ready: ${reason}`, command, logs.stderrFile),
    );
  }
}

/** Connects until the server answers `SELECT 1` (it refuses connections while starting or recovering). */
async function waitForConnections(port: number, settings: LaunchSettings, daemon: Daemon): Promise<void> {
  const deadline = Date.now() + settings.startTimeoutMs;
  let last = 'no attempt made';
  while (Date.now() < deadline) {
    if (daemon.child.exitCode !== null || daemon.child.signalCode !== null || daemon.spawnError()) {
      throw new Error(
        `postgres exited (${daemon.child.exitCode ?? daemon.child.signalCode ?? 'not started'})`,
      );
    }
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: USER,
      password: settings.password,
      // Always there (the server's own database is created after the first start).
      database: 'postgres',
      connectionTimeoutMillis: 2_000,
    });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
      await client.end().catch(() => {});
    }
    await sleep(100);
  }
  throw new Error(`no connection within ${settings.startTimeoutMs} ms (last: ${last})`);
}

async function createOwnDatabase(port: number, password: string): Promise<void> {
  await runSql(
    { host: '127.0.0.1', port, user: USER, password, database: 'postgres' },
    `CREATE DATABASE ${USER}`,
  );
}

/** One statement on its own connection, closed after. */
async function runSql<Row extends Record<string, unknown>>(
  connection: pg.ClientConfig,
  sql: string,
  parameters: readonly unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    return (await client.query<Row>(sql, [...parameters])).rows;
  } finally {
    await client.end();
  }
}

/** A short command (initdb) as `user`, through setpriv. */
async function runAs(
  user: DaemonUser | undefined,
  bin: string,
  args: readonly string[],
  logFile: string,
): Promise<void> {
  if (user === undefined) return runToCompletion(bin, args, { logFile });
  return runToCompletion('setpriv', [...switchUserArgs(user), '--', bin, ...args], { logFile });
}
