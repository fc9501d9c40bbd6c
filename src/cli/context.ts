import os from 'node:os';
import { sql, type Kysely } from 'kysely';
import { createContext, type CreateContextOptions } from '../server/bootstrap.ts';
import { loadConfig, type Config } from '../server/config.ts';
import type { AppContext } from '../server/context.ts';
import type { Language } from '../server/errors/app-error.ts';
import { migrateToLatest } from '../server/db/migrator.ts';
import { cliActor, type Actor } from '../server/policies/actor.ts';
import { EnvironmentError } from './errors.ts';

/** The language of CLI messages: German when the locale says so, else English. */
export function cliLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** The audit actor of this CLI process: `cli:<os-user>`, full rights. */
export function currentCliActor(): Actor {
  return cliActor(os.userInfo().username, cliLanguage());
}

/** The configuration of this process (environment plus PATCHWERK_CONFIG). */
export function cliConfig(): Config {
  return loadConfig(process.env);
}

/** Throws DATABASE_UNAVAILABLE (exit 3) when the database cannot be reached. */
export async function probeDatabase(ctx: AppContext): Promise<void> {
  try {
    await sql`SELECT 1`.execute(ctx.db);
  } catch (error) {
    const where = ctx.config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite in ${ctx.config.dataDir}`;
    const reason = error instanceof Error && error.message ? error.message : String(error);
    throw new EnvironmentError('DATABASE_UNAVAILABLE', `Datenbank nicht erreichbar / cannot reach the database, ${where}: ${reason}`, { cause: error });
  }
}

/**
 * Opens the context, checks the database is reachable, applies pending migrations (unless
 * `migrate: false`), runs `work` and always closes the context again, also when `work` fails.
 */
export async function withContext<T>(work: (ctx: AppContext) => Promise<T>, options: CreateContextOptions = {}): Promise<T> {
  const handle = await createContext(cliConfig(), { ...options, migrate: false });
  try {
    await probeDatabase(handle.ctx);
    if (options.migrate !== false) await migrateToLatest(handle.ctx.db as Kysely<unknown>, handle.ctx.adapter);
    return await work(handle.ctx);
  } finally {
    await handle.close();
  }
}
