import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The built CLI (`pnpm build` first): what operators run. */
export const MAIN_JS = fileURLToPath(new URL('../../../dist/main.js', import.meta.url));

export interface MainRunOptions {
  /** Every line the process prints, stdout and stderr, is appended here as it arrives (secrets scans). */
  record?: string[];
  env?: NodeJS.ProcessEnv;
  /**
   * RLIMIT_FSIZE in KiB (`ulimit -f`): a write past it fails with EFBIG, as on a filesystem that refuses
   * to grow the file. Node ignores SIGXFSZ, so the process sees the error instead of being killed.
   */
  fileSizeLimitKiB?: number;
}

export interface MainResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string[];
  stderr: string[];
}

export interface MainProcess {
  readonly pid: number | undefined;
  /** Resolves once the process has exited and both streams are read to the end. */
  done: Promise<MainResult>;
  kill(signal?: NodeJS.Signals): void;
}

/** Runs `node dist/main.js …args`, collecting its output line by line. */
export function runMain(args: readonly string[], options: MainRunOptions = {}): MainProcess {
  const node = [process.execPath, MAIN_JS, ...args];
  const [command, ...argv] =
    options.fileSizeLimitKiB === undefined
      ? node
      : [
          'bash',
          '-c',
          'ulimit -f "$1" && shift && exec "$@"',
          'bash',
          String(options.fileSizeLimitKiB),
          ...node,
        ];
  const child = spawn(command ?? process.execPath, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  const collect = (stream: NodeJS.ReadableStream, into: string[]) =>
    new Promise<void>((resolve) => {
      const reader = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
      reader.on('line', (line) => {
        into.push(line);
        options.record?.push(line);
      });
      reader.once('close', () => resolve());
    });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const done = Promise.all([exited, collect(child.stdout, stdout), collect(child.stderr, stderr)]).then(
    ([exit]) => ({ ...exit, stdout, stderr }),
  );
  return {
    pid: child.pid,
    done,
    kill: (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

/** `serve --once --config <config> --since … --until …` as its own process. */
export function runServeOnce(
  config: string,
  window: { since: Date; until: Date },
  options: MainRunOptions = {},
): MainProcess {
  const { since, until } = window;
  const args = [
    'serve',
    '--once',
    '--config',
    config,
    '--since',
    since.toISOString(),
    '--until',
    until.toISOString(),
  ];
  return runMain(args, options);
}
