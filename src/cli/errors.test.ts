import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CommanderError } from 'commander';
import { ConfigError } from '../server/config.ts';
import { MigrationError } from '../server/db/migrator.ts';
import { AppError } from '../server/errors/app-error.ts';
import { errorObject, exitCodeFor, UsageError } from './errors.ts';

function systemError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('exitCodeFor', () => {
  it('maps validation failures and refused steps to 1', () => {
    assert.equal(exitCodeFor(new AppError('VALIDATION_FAILED')), 1);
    assert.equal(exitCodeFor(new AppError('PASSWORD_TOO_SHORT', { min: 12 })), 1);
    assert.equal(exitCodeFor(new AppError('VENDOR_GRANT_INVALID')), 1);
    assert.equal(exitCodeFor(new AppError('CONFLICT', { value: 'anna' })), 1);
    assert.equal(exitCodeFor(new AppError('BACKUP_REQUIRED')), 1);
    assert.equal(exitCodeFor(new AppError('STALE_OBJECT')), 1);
  });

  it('maps not found and not permitted to 4', () => {
    assert.equal(exitCodeFor(new AppError('NOT_FOUND')), 4);
    assert.equal(exitCodeFor(new AppError('FORBIDDEN')), 4);
    assert.equal(exitCodeFor(new AppError('GRANT_EXCEEDS_SCOPE')), 4);
    assert.equal(exitCodeFor(new AppError('UNAUTHENTICATED')), 4);
  });

  it('maps usage errors to 2 and help or version output to 0', () => {
    assert.equal(exitCodeFor(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--nope'")), 2);
    assert.equal(exitCodeFor(new CommanderError(1, 'commander.missingMandatoryOptionValue', 'error: required option')), 2);
    assert.equal(exitCodeFor(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)')), 0);
    assert.equal(exitCodeFor(new CommanderError(0, 'commander.version', '0.1.0')), 0);
    assert.equal(exitCodeFor(new UsageError('give --password-stdin')), 2);
  });

  it('maps configuration, migration, database and network failures to 3', () => {
    assert.equal(exitCodeFor(new ConfigError('bad PORT')), 3);
    assert.equal(exitCodeFor(new MigrationError('Migration x failed')), 3);
    assert.equal(exitCodeFor(new AppError('NOT_READY')), 3);
    assert.equal(exitCodeFor(systemError('ECONNREFUSED')), 3);
    assert.equal(exitCodeFor(systemError('ENOTFOUND')), 3);
    assert.equal(exitCodeFor(systemError('SQLITE_CANTOPEN')), 3);
    assert.equal(exitCodeFor(new AggregateError([systemError('ECONNREFUSED'), systemError('ECONNREFUSED')])), 3);
    const authFailed = Object.assign(new Error('password authentication failed'), { code: '28P01', severity: 'FATAL' });
    assert.equal(exitCodeFor(authFailed), 3);
  });

  it('treats a database constraint error or an unknown error as 1, not as an environment problem', () => {
    const uniqueViolation = Object.assign(new Error('duplicate key'), { code: '23505', severity: 'ERROR' });
    assert.equal(exitCodeFor(uniqueViolation), 1);
    assert.equal(exitCodeFor(new TypeError('x is undefined')), 1);
    assert.equal(exitCodeFor('a string'), 1);
  });
});

describe('errorObject', () => {
  it('gives usage errors the code USAGE without commander\'s prefix', () => {
    assert.deepEqual(errorObject(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--nope'"), 'en'), {
      code: 'USAGE',
      message: "unknown option '--nope'",
    });
  });

  it('carries the AppError code, the message in the chosen language and the details', () => {
    const error = new AppError('VALIDATION_FAILED', {}, [{ code: 'VALUE_BLANK', path: '/username' }]);
    assert.deepEqual(errorObject(error, 'de'), {
      code: 'VALIDATION_FAILED',
      message: 'Die Eingaben sind ungültig.',
      errors: [{ code: 'VALUE_BLANK', message: 'Darf nicht leer sein.', path: '/username' }],
    });
    assert.equal(errorObject(new AppError('NOT_FOUND'), 'en').message, 'Not found.');
  });

  it('names environment failures with stable codes', () => {
    assert.equal(errorObject(new ConfigError('x'), 'en').code, 'CONFIG_INVALID');
    assert.equal(errorObject(new MigrationError('x'), 'en').code, 'MIGRATION_FAILED');
    const refused = errorObject(new AggregateError([systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1')]), 'en');
    assert.deepEqual(refused, { code: 'ENVIRONMENT_UNAVAILABLE', message: 'connect ECONNREFUSED 127.0.0.1:1' });
    assert.equal(errorObject(new Error('boom'), 'en').code, 'INTERNAL_ERROR');
  });
});
