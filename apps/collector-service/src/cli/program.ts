import { Command, Option } from 'commander';
import { apiCommand } from './api-command.js';
import { collectCommand } from './collect-command.js';
import { configCheckCommand } from './config-check-command.js';
import { EXIT_MEANINGS } from './exit-codes.js';
import type { CliIO } from './io.js';
import { queryCommand } from './query-command.js';
import { serveCommand } from './serve-command.js';
import { summaryCommand } from './summary-command.js';
import { validateCommand } from './validate-command.js';

/** The exit codes as `--help` lists them (docs/service.md's table has the same words). */
export const EXIT_HELP = `
Exit codes:
${EXIT_MEANINGS.map(({ code, meaning }) => `  ${String(code).padEnd(5)}${meaning}`).join('\n')}
An expected failure ends with one line saying what failed; --debug adds its stack trace.`;

/** The `kitty-collect` command line. */
export function buildProgram(io: CliIO): Command {
  const program = new Command('kitty-collect')
    .description(
      "CloudKitty's collector layer for Node.js: Prometheus/Aetos metrics → rating-ready dataframes",
    )
    .version('0.1.0')
    .option('--debug', 'print the stack trace of a failure, and of what caused it, after its one line')
    .addHelpText('after', EXIT_HELP)
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) })
    .exitOverride();

  const config = new Option('-c, --config <file>', 'cloudkitty.conf').makeOptionMandatory();
  const metrics = new Option('-m, --metrics <file>', 'metrics.yml (default: [collect] metrics_conf)');
  const strict = new Option(
    '--strict',
    'refuse unknown options of CloudKitty’s sections (exit 1) instead of warning about them',
  );

  program
    .command('serve')
    .description('collect every due period for every scope into the storage; serve the HTTP API')
    .addOption(config)
    .addOption(metrics)
    .addOption(strict)
    .option('--once', 'process everything due, then exit (no HTTP API)')
    .option('--since <iso>', 'where scopes never processed start (default: [kitty_collect] first_period)')
    .option('--until <iso>', 'do not collect periods ending after this instant')
    .action((options) => serveCommand(options, io));

  program
    .command('api')
    .description('serve the HTTP API (CloudKitty v2) on the storage, without the collection loop')
    .addOption(config)
    .addOption(metrics)
    .addOption(strict)
    .action((options) => apiCommand(options, io));

  program
    .command('collect')
    .description('collect the periods in [begin, end) and print them; nothing is stored')
    .addOption(config)
    .addOption(metrics)
    .addOption(strict)
    .requiredOption('--begin <iso>', 'first period start')
    .requiredOption('--end <iso>', 'end (exclusive)')
    .option('--scope <id...>', 'scopes (default: the fetcher’s)')
    .addOption(new Option('--format <format>', 'output').choices(['json', 'table']).default('json'))
    .action((options) => collectCommand(options, io));

  program
    .command('query')
    .description('print the PromQL that would run for one rating type, scope and period')
    .addOption(config)
    .addOption(metrics)
    .addOption(strict)
    .requiredOption('--metric <key>', 'rating type key: name or name@#alt_name')
    .requiredOption('--scope <id>', 'scope id')
    .requiredOption('--begin <iso>', 'period start')
    .requiredOption('--end <iso>', 'period end')
    .action((options) => queryCommand(options, io));

  program
    .command('validate')
    .description('validate a metrics.yml strictly, printing every problem')
    .argument('[metrics]', 'metrics.yml', '/etc/cloudkitty/metrics.yml')
    .option('--scope-key <label>', 'scope label', 'project_id')
    .action((file: string, options: { scopeKey: string }) => validateCommand(file, options, io));

  program
    .command('config')
    .description('configuration tools')
    .command('check')
    .description('validate cloudkitty.conf and metrics.yml, printing every problem')
    .addOption(config)
    .addOption(metrics)
    .addOption(strict)
    .action((options) => configCheckCommand(options, io));

  program
    .command('summary')
    .description('print the stored usage per scope and rating type, and each scope’s state')
    .addOption(config)
    .addOption(metrics)
    .addOption(strict)
    .action((options) => summaryCommand(options, io));

  return program;
}
