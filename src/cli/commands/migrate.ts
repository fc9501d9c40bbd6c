import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { migrateToLatest } from '../../server/db/migrator.ts';
import { withContext } from '../context.ts';
import { outputFor } from '../output.ts';

/** `patchwerk migrate`: applies pending migrations and names them. */
export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations')
    .action(async (_options: unknown, command: Command) => {
      const applied = await withContext((ctx) => migrateToLatest(ctx.db as Kysely<unknown>, ctx.adapter), { migrate: false });
      outputFor(command).result({ applied }, () =>
        applied.length === 0
          ? 'Datenbank ist aktuell / database is up to date.'
          : ['Angewendet / applied:', ...applied.map((name) => `  ${name}`)].join('\n'),
      );
    });
}
