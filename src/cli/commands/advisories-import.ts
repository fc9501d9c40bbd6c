import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError } from '../../server/errors/app-error.ts';
import { readVerificationKeys, type VerificationKey } from '../../server/modules/advisories/csaf-signature.ts';
import { collectAdvisoryFiles } from '../../server/modules/advisories/advisory-files.ts';
import type { AdvisoryImportResult } from '../../server/modules/advisories/advisory-import.schema.ts';
import { importAdvisories } from '../../server/modules/advisories/advisory-import.service.ts';
import { currentCliActor, withContext } from '../context.ts';
import { ExitCode } from '../errors.ts';
import { outputFor } from '../output.ts';

const skipLabels: Record<AdvisoryImportResult['skipped'][number]['reason'], string> = {
  rolie_feed: 'ROLIE-Feed / ROLIE feed',
  rolie_service_document: 'ROLIE-Service-Dokument / ROLIE service document',
  rolie_category_document: 'ROLIE-Kategorie-Dokument / ROLIE category document',
  provider_metadata: 'Provider-Metadaten / provider metadata',
  aggregator: 'Aggregator-Dokument / aggregator document',
};

/** The public keys of `--key FILE`; a file without a readable key stops the import before anything is read. */
async function keysFrom(file: string | undefined): Promise<VerificationKey[] | undefined> {
  if (file === undefined) return undefined;
  try {
    return await readVerificationKeys(await readFile(file));
  } catch (error) {
    throw new AppError('ADVISORY_KEY_FILE_INVALID', { file, reason: error instanceof Error ? error.message : String(error) });
  }
}

function humanReport(result: AdvisoryImportResult, unchecked: number): string {
  const lines = [
    `Neu / imported: ${result.imported}, aktualisiert / updated: ${result.updated}, unverändert / unchanged: ${result.unchanged}, ` +
      `markiert / flagged: ${result.flagged.length}, abgelehnt / rejected: ${result.rejected.length}, übersprungen / skipped: ${result.skipped.length}`,
  ];
  if (unchecked > 0) lines.push(`  ${unchecked} .asc-Signaturen nicht geprüft (kein --key) / ${unchecked} .asc signatures not checked (no --key)`);
  for (const entry of result.rejected) {
    lines.push(`  Abgelehnt / rejected: ${entry.file}`);
    for (const error of entry.errors) lines.push(`    ${error.test ? `[${error.test}] ` : ''}${error.path ? `${error.path} ` : ''}${error.message}`);
  }
  for (const entry of result.flagged) {
    lines.push(`  Markiert / flagged: ${entry.file} (${entry.tracking_id})`);
    for (const error of entry.errors) lines.push(`    ${error.test ? `[${error.test}] ` : ''}${error.path ? `${error.path} ` : ''}${error.message}`);
  }
  for (const entry of result.skipped) lines.push(`  Übersprungen / skipped: ${entry.file} (${skipLabels[entry.reason]})`);
  return lines.join('\n');
}

/** A one-line progress display on stderr, redrawn in place; only for a terminal and without --json. */
function progressLine(enabled: boolean): { update(done: number, total: number): void; end(): void } {
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (!enabled || (done < total && now - last < 100)) return;
      last = now;
      shown = true;
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
    },
    end() {
      if (shown) process.stderr.write('\n');
    },
  };
}

/** `patchwerk advisories import PATH…` (INTERFACES.md). */
export function registerAdvisoryImportCommand(advisories: Command): void {
  advisories
    .command('import')
    .description(
      'Import CSAF 2.0 documents from files or folders (folders recursively, *.json). .sha256/.sha512 files beside a document are checked ' +
        '(a mismatch rejects it); .asc signatures are verified against the OpenPGP keys of --key (a failure rejects the document; without --key ' +
        'they are reported as not checked). ROLIE feeds, provider metadata and aggregator documents are skipped. ' +
        'Documents that fail only mandatory tests are stored and flagged. Exit 1 when anything was rejected.',
    )
    .argument('<paths...>', 'CSAF JSON files or folders')
    .option('--key <file>', "the provider's OpenPGP public key(s), armored or binary, to verify .asc signatures with")
    .action(async (paths: string[], options: { key?: string }, command: Command) => {
      const output = outputFor(command);
      const keys = await keysFrom(options.key);
      const progress = progressLine(process.stderr.isTTY === true && !output.json);
      const sources = await collectAdvisoryFiles(paths);
      let result: AdvisoryImportResult;
      try {
        result = await withContext((ctx) =>
          importAdvisories(ctx, currentCliActor(), { sources, via: 'file', ...(keys ? { keys } : {}), onProgress: ({ done, total }) => progress.update(done, total) }),
        );
      } finally {
        progress.end();
      }
      output.result(result, () => humanReport(result, keys ? 0 : sources.filter((source) => source.sidecars.asc).length));
      if (result.rejected.length > 0) process.exitCode = ExitCode.rejected;
    });
}
