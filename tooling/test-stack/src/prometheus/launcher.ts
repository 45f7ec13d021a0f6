import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDataset } from '../dataset/default-dataset.js';
import { writeDatasetFile } from '../dataset/write-dataset-file.js';
import { findFreePort } from '../ports.js';
import {
  assertEmptyOrMissing,
  type LaunchedDaemon,
  launchDaemon,
  PortInUseError,
} from '../process/launch-daemon.js';
import { type RestartOptions, restartServer, serialiser } from '../process/restart.js';
import { type StopSignal, stopDaemon } from '../process/terminate.js';
import { createSelfSignedCertificate } from '../tls.js';
import { backfillBlocks } from './backfill.js';
import { prometheusBin } from './binaries.js';
import { writePrometheusConfig } from './prometheus-config.js';
import { writeWebConfig } from './web-config.js';

export interface StartPrometheusOptions {
  /** OpenMetrics text (or chunks of it) ending with `# EOF`; default: the default dataset. */
  dataset?: string | Iterable<string>;
  /** Serve https with a fresh self-signed certificate for 127.0.0.1, exposed as `caFile`. */
  tls?: boolean;
  /** Require HTTP basic auth with these credentials on every endpoint, /-/ready included. */
  basicAuth?: { username: string; password: string };
  /** Default: a free port on 127.0.0.1. */
  port?: number;
  /** Default: a fresh directory under os.tmpdir(), removed by stop(). A given directory is kept. */
  workDir?: string;
  /** How long Prometheus may take to answer /-/ready once started (the backfill is not counted); default 60 s. */
  startTimeoutMs?: number;
}

export interface RunningPrometheus {
  /** e.g. http://127.0.0.1:41234 (https://… with tls) */
  baseUrl: string;
  /** baseUrl + '/api/v1': what CloudKitty calls prometheus_url. */
  apiUrl: string;
  port: number;
  /** The server process; changes with restart(). */
  readonly pid: number;
  dataDir: string;
  /** Holds the config files and the logs (prometheus.stderr.log, promtool.log). */
  workDir: string;
  /** PEM of the self-signed certificate (its own CA) when tls is on. */
  caFile?: string;
  /** SIGTERM, SIGKILL after 10 s, then removes workDir if it was created here. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Stops the server (gracefully, or SIGKILLed with `signal: 'SIGKILL'`) and starts it again on the same
   * port with the same data; `whileDown` runs in between. Each start logs to its own files
   * (prometheus.restart-N.stderr.log).
   */
  restart(options?: RestartOptions): Promise<void>;
}

const DEFAULT_START_TIMEOUT_MS = 60_000;
const MAX_PORT_ATTEMPTS = 3;

interface LaunchSettings {
  /** Log file names differ per launch so that a restart keeps the previous log. */
  logName?: string;
  configFile: string;
  dataDir: string;
  webConfigFile?: string;
  workDir: string;
  readyUrl: (port: number) => string;
  caFile?: string;
  headers: Record<string, string>;
  startTimeoutMs: number;
  /** Our own temporary workDir, deleted by the exit guard too. */
  removeOnExit?: string;
}

function launchOnce(port: number, settings: LaunchSettings): Promise<LaunchedDaemon> {
  return launchDaemon({
    name: 'prometheus',
    bin: prometheusBin(),
    args: [
      `--config.file=${settings.configFile}`,
      `--storage.tsdb.path=${settings.dataDir}`,
      // Retention counts back from the newest block: without a long one, backfilled history is deleted at start.
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${port}`,
      ...(settings.webConfigFile ? [`--web.config.file=${settings.webConfigFile}`] : []),
    ],
    logs: {
      stdoutFile: join(settings.workDir, `${settings.logName ?? 'prometheus'}.stdout.log`),
      stderrFile: join(settings.workDir, `${settings.logName ?? 'prometheus'}.stderr.log`),
    },
    port,
    readyUrl: settings.readyUrl(port),
    wait: {
      timeoutMs: settings.startTimeoutMs,
      headers: settings.headers,
      ...(settings.caFile ? { caFile: settings.caFile } : {}),
    },
    // Go's net error: "listen tcp 127.0.0.1:9090: bind: address already in use".
    portInUse: /address already in use/,
    removeOnExit: settings.removeOnExit,
  });
}

/**
 * Backfills the dataset with promtool, starts a real Prometheus on 127.0.0.1 serving it, and resolves
 * once /-/ready answers 200. Binaries: $KITTY_PROMETHEUS_BIN / $KITTY_PROMTOOL_BIN, else from PATH.
 */
export async function startPrometheus(options: StartPrometheusOptions = {}): Promise<RunningPrometheus> {
  const ownsWorkDir = options.workDir === undefined;
  const workDir = options.workDir ?? (await mkdtemp(join(tmpdir(), 'kitty-prometheus-')));
  const removeWorkDir = () =>
    ownsWorkDir ? rm(workDir, { recursive: true, force: true }) : Promise.resolve();
  try {
    await mkdir(workDir, { recursive: true });
    const dataDir = join(workDir, 'data');
    // Backfilling into old blocks would silently mix two datasets.
    await assertEmptyOrMissing(dataDir, 'give startPrometheus a fresh workDir');

    const datasetFile = join(workDir, 'dataset.om');
    await writeDatasetFile(datasetFile, options.dataset ?? defaultDataset());
    await backfillBlocks(datasetFile, dataDir, join(workDir, 'promtool.log'));
    // The blocks hold everything; benchmark-sized text files only cost disk space from here on.
    await rm(datasetFile);

    const configFile = join(workDir, 'prometheus.yml');
    await writePrometheusConfig(configFile);

    const cert = options.tls ? await createSelfSignedCertificate(workDir) : undefined;
    let webConfigFile: string | undefined;
    if (cert || options.basicAuth) {
      webConfigFile = join(workDir, 'web-config.yml');
      await writeWebConfig(webConfigFile, {
        ...(cert ? { tls: cert } : {}),
        ...(options.basicAuth ? { basicAuth: options.basicAuth } : {}),
      });
    }

    const scheme = cert ? 'https' : 'http';
    const headers: Record<string, string> = {};
    if (options.basicAuth) {
      const { username, password } = options.basicAuth;
      headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    const settings: LaunchSettings = {
      configFile,
      dataDir,
      workDir,
      headers,
      startTimeoutMs: options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      readyUrl: (port) => `${scheme}://127.0.0.1:${port}/-/ready`,
      ...(webConfigFile ? { webConfigFile } : {}),
      ...(cert ? { caFile: cert.certFile } : {}),
      ...(ownsWorkDir ? { removeOnExit: workDir } : {}),
    };

    let port = options.port ?? (await findFreePort());
    let launched: LaunchedDaemon | undefined;
    for (let attempt = 1; launched === undefined; attempt++) {
      try {
        launched = await launchOnce(port, settings);
      } catch (error) {
        // The free port was released before Prometheus bound it; someone else may have taken it meanwhile.
        const retry =
          error instanceof PortInUseError && options.port === undefined && attempt < MAX_PORT_ATTEMPTS;
        if (!retry) throw error;
        port = await findFreePort();
      }
    }

    let current: LaunchedDaemon | undefined = launched;
    let lastPid = launched.pid;
    let stopping: Promise<void> | undefined;
    let restarts = 0;
    const serialise = serialiser();
    const stopServer = async (signal: StopSignal) => {
      if (!current) return;
      const { daemon, releaseGuard } = current;
      current = undefined;
      await stopDaemon(daemon, signal);
      releaseGuard();
    };
    const baseUrl = `${scheme}://127.0.0.1:${port}`;
    return {
      baseUrl,
      apiUrl: `${baseUrl}/api/v1`,
      port,
      get pid() {
        return current?.pid ?? lastPid;
      },
      dataDir,
      workDir,
      ...(cert ? { caFile: cert.certFile } : {}),
      stop() {
        stopping ??= serialise(async () => {
          await stopServer('SIGTERM');
          await removeWorkDir();
        });
        return stopping;
      },
      restart(restartOptions) {
        return serialise(async () => {
          if (stopping) throw new Error('prometheus: restart() after stop()');
          await restartServer(
            stopServer,
            async () => {
              restarts++;
              current = await launchOnce(port, { ...settings, logName: `prometheus.restart-${restarts}` });
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
