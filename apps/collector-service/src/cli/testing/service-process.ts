/**
 * Real `kitty-collect` processes for tests, every printed line recorded (pair with `secret-scan.ts`):
 *
 * ```ts
 * const exit = await runService(['collect', '--config', conf, '--begin', b, '--end', e]);
 * expect(exit.code).toBe(2);
 * expectNoSecrets(exit.lines);                        // the test stack's passwords, secrets and tokens
 *
 * const service = startService(['serve', '--config', conf]);   // listen = 127.0.0.1:<await freePort()>
 * await service.waitForLine('HTTP API listening');
 * // … kill an upstream, query the API …
 * const { code, lines } = await service.stop();       // SIGTERM, SIGKILL after 10 s
 * ```
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The built service, as operators run it: `node dist/main.js …` (build the package first). */
export const SERVICE_MAIN = fileURLToPath(new URL('../../../dist/main.js', import.meta.url));

/** One line the process printed, without its newline, in the order the test saw them. */
export interface OutputLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** How a service process ended, and everything it printed. */
export interface ServiceExit {
  /** The exit code; null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  lines: readonly OutputLine[];
}

export interface ServiceProcessOptions {
  /** Added to the test process's environment (which the service inherits, as it would in a shell). */
  env?: NodeJS.ProcessEnv;
  /** Working directory; default the test's. */
  cwd?: string;
  /** Every line's text is also appended here as it arrives (one array for a whole suite's secrets scan). */
  record?: string[];
  /**
   * RLIMIT_FSIZE in KiB (`ulimit -f`): a write past it fails with EFBIG, as on a filesystem that refuses
   * to grow the file. Node ignores SIGXFSZ, so the process sees the error instead of being killed.
   */
  fileSizeLimitKiB?: number;
}

/** A running `kitty-collect` process whose every line of stdout and stderr is recorded. */
export interface ServiceProcess {
  readonly pid: number | undefined;
  /** Every line printed so far, both streams interleaved as they arrived (grows while it runs). */
  readonly lines: readonly OutputLine[];
  /** Resolves once the process exited and both streams are drained (the last unterminated line kept). */
  readonly exited: Promise<ServiceExit>;
  /** The first line (already printed or yet to come) matching `pattern`; rejects after `timeoutMs`. */
  waitForLine(pattern: RegExp | string, timeoutMs?: number): Promise<OutputLine>;
  /**
   * Sends `signal` (default SIGTERM), then SIGKILL if it still runs after `graceMs` (default 10 s);
   * resolves with how it ended. Safe to call after it exited.
   */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<ServiceExit>;
}

/** Splits chunks into lines, keeping an unterminated tail until the stream ends. */
function lineRecorder(stream: OutputLine['stream'], push: (line: OutputLine) => void) {
  let partial = '';
  return {
    chunk(data: Buffer): void {
      const parts = `${partial}${data.toString('utf8')}`.split('\n');
      partial = parts.pop() ?? '';
      for (const text of parts) push({ stream, text });
    },
    end(): void {
      if (partial !== '') push({ stream, text: partial });
      partial = '';
    },
  };
}

/** Starts `node dist/main.js ...args`, recording stdout and stderr line by line. */
export function startService(args: readonly string[], options: ServiceProcessOptions = {}): ServiceProcess {
  const lines: OutputLine[] = [];
  const waiters = new Set<{ test: (line: OutputLine) => boolean; resolve: (line: OutputLine) => void }>();
  const push = (line: OutputLine) => {
    lines.push(line);
    options.record?.push(line.text);
    for (const waiter of waiters) {
      if (waiter.test(line)) {
        waiters.delete(waiter);
        waiter.resolve(line);
      }
    }
  };
  const node = [process.execPath, SERVICE_MAIN, ...args];
  const limit = options.fileSizeLimitKiB;
  const [command, ...argv] =
    limit === undefined
      ? node
      : ['bash', '-c', 'ulimit -f "$1" && shift && exec "$@"', 'bash', String(limit), ...node];
  const child: ChildProcess = spawn(command ?? process.execPath, argv, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = lineRecorder('stdout', push);
  const err = lineRecorder('stderr', push);
  child.stdout?.on('data', out.chunk);
  child.stderr?.on('data', err.chunk);
  // 'close' comes after both streams ended, so every line is in.
  const exited = new Promise<ServiceExit>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      out.end();
      err.end();
      resolve({ code, signal, lines });
    });
  });
  let running = true;
  const ended = () => {
    running = false;
  };
  void exited.then(ended, ended);

  return {
    pid: child.pid,
    lines,
    exited,
    waitForLine(pattern, timeoutMs = 30_000) {
      const test = (line: OutputLine) =>
        typeof pattern === 'string' ? line.text.includes(pattern) : pattern.test(line.text);
      const seen = lines.find(test);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<OutputLine>((resolve, reject) => {
        const settle = (outcome: OutputLine | Error) => {
          clearTimeout(timer);
          waiters.delete(waiter);
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
        };
        const waiter = { test, resolve: settle };
        const timer = setTimeout(
          () => settle(new Error(`no line matching ${String(pattern)} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.add(waiter);
        const gone = () => {
          if (waiters.has(waiter)) settle(new Error(`exited without a line matching ${String(pattern)}`));
        };
        void exited.then(gone, gone);
      });
    },
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (running) child.kill(signal);
      const timer = setTimeout(() => {
        if (running) child.kill('SIGKILL');
      }, graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Runs `node dist/main.js ...args` to its end and resolves with its exit and every line it printed. A
 * process still running after `timeoutMs` (default 60 s) is stopped (SIGTERM, then SIGKILL) and the
 * promise rejects, naming the command.
 */
export async function runService(
  args: readonly string[],
  options: ServiceProcessOptions & { timeoutMs?: number } = {},
): Promise<ServiceExit> {
  const service = startService(args, options);
  const timeoutMs = options.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([service.exited, timedOut]);
    if (outcome !== 'timeout') return outcome;
    await service.stop();
    throw new Error(`kitty-collect ${args.join(' ')} still ran after ${timeoutMs} ms`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A port of 127.0.0.1 that was free a moment ago: for `[kitty_collect] listen`, or as an address where
 * nothing listens (Keystone stopped, Prometheus unreachable).
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
