import { processIO } from './cli/io.js';
import { runCli } from './cli/run-cli.js';

// A reader that stops early (`kitty-collect --help | head -1`) closes the pipe: nothing is left to say.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await runCli(process.argv.slice(2), processIO);
