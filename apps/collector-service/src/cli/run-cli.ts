import { CommanderError } from 'commander';
import { CliExit } from './errors/cli-exit.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';
import { buildProgram } from './program.js';

/** Causes followed at most, for a stack trace (a cycle or a very long chain stops here). */
const MAX_CAUSES = 8;

/**
 * Runs `kitty-collect` with `argv` (without node and script) and resolves to the exit code. An expected
 * failure (CliExit) prints its one line, and with `--debug` the stack of what caused it; anything else
 * is a bug: exit 3 with its stack trace.
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CliExit) {
      io.err(error.message);
      if (program.opts<{ debug?: boolean }>().debug === true && error.cause !== undefined) {
        io.err(stackTrace(error.cause));
      }
      return error.code;
    }
    if (error instanceof CommanderError) {
      // commander already printed usage errors; help and version end with code 0
      return error.exitCode === 0 ? EXIT.ok : EXIT.invalidConfiguration;
    }
    io.err(`kitty-collect: unexpected error: ${stackTrace(error)}`);
    return EXIT.internalError;
  }
}

/** The error's stack, then each cause's, marked `[cause]`. */
export function stackTrace(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && !seen.has(current) && parts.length <= MAX_CAUSES) {
    seen.add(current);
    const text =
      current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current);
    parts.push(parts.length === 0 ? text : `[cause] ${text}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\n');
}
