import { CommanderError } from 'commander';
import { ConfigError } from '../server/config.ts';
import { MigrationError } from '../server/db/migrator.ts';
import { AppError, type ErrorDetail, type Language } from '../server/errors/app-error.ts';

/** Exit codes of INTERFACES.md. */
export const ExitCode = {
  ok: 0,
  rejected: 1,
  usage: 2,
  environment: 3,
  notFound: 4,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A wrong invocation found after parsing (a missing or conflicting option); exit 2. */
export class UsageError extends Error {}

/** The database (or another required service) cannot be reached; exit 3 with a stable code. */
export class EnvironmentError extends Error {
  constructor(readonly code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EnvironmentError';
  }
}

/** The one error object of INTERFACES.md, as printed by `--json` on a failed command. */
export interface CliErrorObject {
  code: string;
  message: string;
  errors?: ErrorDetail[];
}

// Node's system error codes that mean "the database, file system or network is not there".
const environmentErrnos = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH',
  'EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EADDRINUSE', 'EADDRNOTAVAIL',
]);
// PostgreSQL SQLSTATE classes: 08 connection, 28 authentication, 3D unknown database, 53 resources, 57 operator intervention.
const environmentSqlStates = /^(08|28|3D|53|57)/;

function errno(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when the error says the environment (configuration, database, network, disk) is unusable. */
export function isEnvironmentError(error: unknown): boolean {
  if (error instanceof ConfigError || error instanceof MigrationError || error instanceof EnvironmentError) return true;
  if (error instanceof AggregateError) return error.errors.some(isEnvironmentError);
  const code = errno(error);
  if (code === undefined) return false;
  if (environmentErrnos.has(code) || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR')) return true;
  return /^[0-9A-Z]{5}$/.test(code) && environmentSqlStates.test(code) && error instanceof Error && 'severity' in error;
}

/** The exit code a failure ends the process with (INTERFACES.md). */
export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  if (error instanceof UsageError) return ExitCode.usage;
  if (error instanceof AppError) {
    if (error.status === 401 || error.status === 403 || error.status === 404) return ExitCode.notFound;
    if (error.status === 503) return ExitCode.environment;
    return ExitCode.rejected;
  }
  if (isEnvironmentError(error)) return ExitCode.environment;
  return ExitCode.rejected;
}

/** The error object printed with `--json` (and the text printed without it). */
export function errorObject(error: unknown, language: Language): CliErrorObject {
  if (error instanceof CommanderError || error instanceof UsageError) {
    return { code: 'USAGE', message: error.message.replace(/^error: /, '') };
  }
  if (error instanceof AppError) {
    const object: CliErrorObject = { code: error.code, message: error.messageIn(language) };
    if (error.details.length > 0) object.errors = error.detailsIn(language);
    return object;
  }
  if (error instanceof ConfigError) return { code: 'CONFIG_INVALID', message: error.message };
  if (error instanceof MigrationError) return { code: 'MIGRATION_FAILED', message: error.message };
  if (error instanceof EnvironmentError) return { code: error.code, message: error.message };
  if (isEnvironmentError(error)) return { code: 'ENVIRONMENT_UNAVAILABLE', message: environmentMessage(error) };
  return { code: 'INTERNAL_ERROR', message: error instanceof Error ? error.message : String(error) };
}

function environmentMessage(error: unknown): string {
  if (error instanceof AggregateError) {
    const first: unknown = (error.errors as unknown[]).find(isEnvironmentError);
    if (first) return environmentMessage(first);
  }
  return error instanceof Error && error.message ? error.message : `environment error ${errno(error) ?? ''}`.trim();
}
