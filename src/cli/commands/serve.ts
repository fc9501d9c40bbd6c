import type { Command } from 'commander';
import { cliConfig } from '../context.ts';
import { outputFor } from '../output.ts';

/** `patchwerk serve`: runs the server until SIGINT/SIGTERM. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the web server (migrations are applied on start)')
    .action(async (_options: unknown, command: Command) => {
      // Loaded on demand: the HTTP stack is the bulk of start-up time and no other command needs it.
      const { startServer } = await import('../../server/server.ts');
      const server = await startServer(cliConfig());
      outputFor(command).result({ url: server.url }, () => `Patchwerk läuft / is running: ${server.url}`);
    });
}
