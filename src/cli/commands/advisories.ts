import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ErrorDetail, Language } from '../../server/errors/app-error.ts';
import { formatMessage } from '../../server/errors/app-error.ts';
import { sizeRefusal } from '../../server/modules/advisories/csaf-checks.ts';
import { CSAF_MAX_BYTES, createCsafValidator, type CsafProblem, type CsafValidation, type CsafValidator } from '../../server/modules/advisories/csaf-validation.ts';
import { cliLanguage } from '../context.ts';
import { registerAdvisoryImportCommand } from './advisories-import.ts';
import { ExitCode } from '../errors.ts';
import { outputFor } from '../output.ts';

/** One line of `advisories validate --json` (INTERFACES.md). */
export interface ValidateFileResult {
  file: string;
  valid: boolean;
  errors: ErrorDetail[];
  warnings: ErrorDetail[];
  infos: ErrorDetail[];
}

interface ValidateOptions {
  verbose?: boolean;
}

/** A problem as an INTERFACES.md error object (the message template's params stay internal). */
function errorObjectOf({ params: _params, ...rest }: CsafProblem): ErrorDetail {
  return rest;
}

function resultOf(file: string, verdict: CsafValidation): ValidateFileResult {
  return {
    file,
    valid: verdict.valid,
    errors: verdict.errors.map(errorObjectOf),
    warnings: verdict.warnings.map(errorObjectOf),
    infos: verdict.infos.map(errorObjectOf),
  };
}

/** Validates one file: its size before reading (refused above CSAF_MAX_BYTES), then its bytes. */
async function validateFile(validator: CsafValidator, file: string, language: Language): Promise<ValidateFileResult> {
  let bytes: Buffer;
  try {
    const stats = await stat(file);
    if (!stats.isFile()) throw Object.assign(new Error(stats.isDirectory() ? 'is a folder, not a file' : 'not a regular file'), { code: 'EISDIR' });
    const tooLarge = sizeRefusal(stats.size, language);
    if (tooLarge) return resultOf(file, tooLarge);
    bytes = await readFile(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { file, valid: false, errors: [{ code: 'CSAF_FILE_UNREADABLE', message: formatMessage('CSAF_FILE_UNREADABLE', language, { message: reason }) }], warnings: [], infos: [] };
  }
  return resultOf(file, await validator.validateBytes(bytes));
}

function describeProblem(problem: ErrorDetail): string {
  const where = [problem.test ? `[${problem.test}]` : undefined, problem.path || undefined].filter((part) => part !== undefined).join(' ');
  return `${where ? `${where} ` : ''}${problem.message}`;
}

function humanReport(results: ValidateFileResult[], verbose: boolean): string {
  const lines: string[] = [];
  for (const result of results) {
    const counts = `${result.errors.length} errors, ${result.warnings.length} warnings, ${result.infos.length} infos`;
    lines.push(`${result.valid ? 'gültig / valid' : 'UNGÜLTIG / INVALID'}: ${result.file} (${counts})`);
    for (const problem of result.errors) lines.push(`  Fehler / error ${describeProblem(problem)}`);
    if (verbose) {
      for (const problem of result.warnings) lines.push(`  Warnung / warning ${describeProblem(problem)}`);
      for (const problem of result.infos) lines.push(`  Info ${describeProblem(problem)}`);
    }
  }
  const invalid = results.filter((result) => !result.valid).length;
  lines.push(`${results.length - invalid} gültig / valid, ${invalid} ungültig / invalid`);
  return lines.join('\n');
}

/** `patchwerk advisories validate` (and, later, further `advisories` subcommands). */
export function registerAdvisoriesCommands(program: Command): Command {
  const advisories = program.command('advisories').description('Security advisories (CSAF 2.0)');

  advisories
    .command('validate')
    .description(
      'Check CSAF 2.0 documents: JSON, the strict CSAF 2.0 schema, the mandatory tests 6.1.x (errors), ' +
        `the optional 6.2.x (warnings) and informative 6.3.x tests (infos); files above ${CSAF_MAX_BYTES / 1024 / 1024} MiB are refused unread. ` +
        'Exit 1 when any file is invalid. Nothing is stored.',
    )
    .argument('<files...>', 'CSAF JSON files')
    .option('--verbose', 'also list warnings and infos (without --json)')
    .action(async (files: string[], options: ValidateOptions, command: Command) => {
      const language = cliLanguage();
      const validator = await createCsafValidator({ workers: Math.min(2, files.length), language });
      const results: ValidateFileResult[] = new Array<ValidateFileResult>(files.length);
      try {
        // A few files at a time are read and queued; the validator's workers keep both cores busy.
        let next = 0;
        const lane = async (): Promise<void> => {
          while (next < files.length) {
            const index = next++;
            results[index] = await validateFile(validator, files[index]!, language);
          }
        };
        await Promise.all(Array.from({ length: Math.min(16, files.length) }, lane));
      } finally {
        await validator.close();
      }
      outputFor(command).result(results, () => humanReport(results, options.verbose === true));
      if (results.some((result) => !result.valid)) process.exitCode = ExitCode.rejected;
    });

  registerAdvisoryImportCommand(advisories);
  return advisories;
}
