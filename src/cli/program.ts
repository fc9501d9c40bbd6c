import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { registerAuditCommands } from './commands/audit.ts';
import { registerDemoCommands } from './commands/demo.ts';
import { registerInventoryCommands } from './commands/inventory.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerUsersCommands } from './commands/users.ts';
import { registerAdvisoriesCommands } from './commands/advisories.ts';
import { registerEnrichmentCommands } from './commands/enrichment.ts';
import { registerFindingsCommands } from './commands/findings.ts';
import { cliLanguage } from './context.ts';
import { errorObject, exitCodeFor, ExitCode, type ExitCodeValue } from './errors.ts';

function packageVersion(): string {
  const file = path.resolve(import.meta.dirname, '../../package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/** The `patchwerk` command tree; errors are thrown (exitOverride), never exit the process. */
export function buildProgram(): Command {
  const program = new Command('patchwerk')
    .description('Patchwerk: security updates for production machines (OT)')
    .version(packageVersion())
    .option('--json', 'print exactly one JSON document on stdout; messages go to stderr')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerUsersCommands(program);
  registerAuditCommands(program);
  registerInventoryCommands(program);
  registerDemoCommands(program);
  registerAdvisoriesCommands(program);
  registerEnrichmentCommands(program);
  registerFindingsCommands(program);
  return program;
}

function usageMessage(error: CommanderError): string {
  if (error.code === 'commander.help' || error.code === 'commander.executeSubCommandAsync') return 'A command is required; see --help.';
  return error.message.replace(/^error: /, '');
}

/** Reports a failure (JSON error object on stdout with --json, text on stderr) and returns its exit code. */
export function reportFailure(error: unknown, json: boolean): ExitCodeValue {
  const code = exitCodeFor(error);
  if (code === ExitCode.ok) return code;
  const object = errorObject(error, cliLanguage());
  if (error instanceof CommanderError) object.message = usageMessage(error);
  if (json) process.stdout.write(`${JSON.stringify(object, null, 2)}\n`);
  // Commander has already printed its own usage message to stderr.
  if (!(error instanceof CommanderError)) {
    const lines = [`Fehler / error [${object.code}]: ${object.message}`];
    for (const detail of object.errors ?? []) {
      const where = [detail.file, detail.row, detail.column, detail.path].filter((part) => part !== undefined).join(':');
      lines.push(`  - ${where ? `${where}: ` : ''}${detail.message}${detail.value !== undefined ? ` (${detail.value})` : ''}`);
    }
    if (object.code === 'INTERNAL_ERROR' && error instanceof Error && error.stack) lines.push(error.stack);
    process.stderr.write(`${lines.join('\n')}\n`);
  }
  return code;
}

/** Runs the CLI with `argv` (as process.argv); resolves to the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const json = argv.slice(2).includes('--json');
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (error) {
    return reportFailure(error, json);
  }
}
