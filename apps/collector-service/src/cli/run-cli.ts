import { CommanderError } from 'commander';
import { CliExit } from './errors/cli-exit.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';
import { buildProgram } from './program.js';

/** Runs `kitty-collect` with `argv` (without node and script) and resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CliExit) {
      io.err(error.message);
      return error.code;
    }
    if (error instanceof CommanderError) {
      // commander already printed usage errors; help and version end with code 0
      return error.exitCode === 0 ? EXIT.ok : EXIT.invalidConfiguration;
    }
    io.err(
      `kitty-collect: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return EXIT.internalError;
  }
}
