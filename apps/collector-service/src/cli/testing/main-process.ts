import { type ServiceProcessOptions, startService } from './service-process.js';

export type MainRunOptions = ServiceProcessOptions;

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

/**
 * Runs `node dist/main.js …args` (`startService`), its output split by stream: for suites that kill the
 * service mid-run and compare what each stream said.
 */
export function runMain(args: readonly string[], options: MainRunOptions = {}): MainProcess {
  const service = startService(args, options);
  const done = service.exited.then(({ code, signal, lines }) => ({
    code,
    signal,
    stdout: lines.filter((line) => line.stream === 'stdout').map((line) => line.text),
    stderr: lines.filter((line) => line.stream === 'stderr').map((line) => line.text),
  }));
  return {
    pid: service.pid,
    done,
    kill: (signal = 'SIGKILL') => void service.stop(signal),
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
