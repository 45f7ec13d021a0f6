import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatCommand } from '../process/command-line.js';
import { killOnExit } from '../process/exit-guard.js';
import { describeFailure } from '../process/log-tail.js';
import { spawnDaemon } from '../process/spawn-daemon.js';

export interface StepOptions {
  workDir: string;
  /** Names the log files: <name>.stdout.log and <name>.stderr.log in workDir. */
  name: string;
  timeoutMs: number;
}

/**
 * Runs a short-lived command (a keystone-manage step) with its output in files, the parent-death signal
 * and the exit guard of long-running daemons, and a time limit. Rejects with the command and the end of
 * its stderr unless it exits 0.
 */
export async function runStep(bin: string, args: readonly string[], options: StepOptions): Promise<void> {
  const stderrFile = join(options.workDir, `${options.name}.stderr.log`);
  const daemon = spawnDaemon(bin, args, {
    stdoutFile: join(options.workDir, `${options.name}.stdout.log`),
    stderrFile,
  });
  const command = formatCommand(bin, args);
  const pid = daemon.child.pid;
  const release = pid === undefined ? () => {} : killOnExit(pid);
  const timer = new AbortController();
  try {
    const finished = await Promise.race([
      daemon.exited.then(() => true),
      sleep(options.timeoutMs, false, { signal: timer.signal }).catch(() => true),
    ]);
    if (!finished) {
      daemon.child.kill('SIGKILL');
      await daemon.exited;
      throw new Error(
        await describeFailure(
          `${options.name} did not finish within ${options.timeoutMs} ms`,
          command,
          stderrFile,
        ),
      );
    }
  } finally {
    timer.abort();
    release();
  }
  const spawnError = daemon.spawnError();
  if (spawnError) {
    throw new Error(
      await describeFailure(`${bin} could not be started: ${spawnError.message}`, command, stderrFile),
      {
        cause: spawnError,
      },
    );
  }
  const { exitCode, signalCode } = daemon.child;
  if (exitCode !== 0) {
    const how = signalCode ? `was killed by ${signalCode}` : `exited with code ${exitCode}`;
    throw new Error(await describeFailure(`${options.name} ${how}`, command, stderrFile));
  }
}
