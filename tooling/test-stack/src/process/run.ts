import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { formatCommand } from './command-line.js';
import { describeFailure } from './log-tail.js';

export interface RunOptions {
  /** stdout and stderr of the command go here, so they never reach the test runner's output. */
  logFile: string;
}

/** Runs a short-lived command; rejects with the command line and the end of its output unless it exits 0. */
export async function runToCompletion(
  bin: string,
  args: readonly string[],
  options: RunOptions,
): Promise<void> {
  const command = formatCommand(bin, args);
  const fd = openSync(options.logFile, 'w');
  let outcome: { code: number | null; signal: NodeJS.Signals | null } | Error;
  try {
    outcome = await new Promise((resolve) => {
      const child = spawn(bin, args, { stdio: ['ignore', fd, fd] });
      child.once('error', resolve);
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
  } finally {
    closeSync(fd);
  }
  if (outcome instanceof Error) {
    throw new Error(
      await describeFailure(`${bin} could not be started: ${outcome.message}`, command, options.logFile),
      {
        cause: outcome,
      },
    );
  }
  if (outcome.code !== 0) {
    const how = outcome.signal ? `was killed by ${outcome.signal}` : `exited with code ${outcome.code}`;
    throw new Error(await describeFailure(`${bin} ${how}`, command, options.logFile));
  }
}
