import { createReadStream, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { importEpssScores, importKevCatalog } from '../../server/modules/enrichment/enrichment.service.ts';
import { currentCliActor, withContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { outputFor } from '../output.ts';

/** FILE must be a readable file; a URL is refused until the provider sync brings the egress client. */
function checkFile(target: string, command: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    throw new UsageError(
      `${command}: URLs werden erst mit dem Provider-Abgleich und seinem Egress-Client unterstützt; bitte die Datei herunterladen und angeben / ` +
        `URLs come with the provider sync and its egress client; download the file and pass its path: ${target}`,
    );
  }
  let isFile: boolean;
  try {
    isFile = statSync(target).isFile();
  } catch {
    throw new UsageError(`Datei nicht gefunden / no such file: ${target}`);
  }
  if (!isFile) throw new UsageError(`Keine Datei / not a file: ${target}`);
  return target;
}

/** `patchwerk kev import FILE` and `patchwerk epss import FILE`. */
export function registerEnrichmentCommands(program: Command): void {
  program
    .command('kev')
    .description('CISA Known Exploited Vulnerabilities catalog')
    .command('import')
    .description('Replace the KEV catalog with a CISA KEV JSON file (known_exploited_vulnerabilities.json); exit 1 when the file is not valid or older than the stored catalog (nothing stored)')
    .argument('<file>', 'the catalog JSON file (URLs come with the provider sync)')
    .option('--allow-older', 'replace the stored catalog even when the file was released before it')
    .action(async (target: string, options: { allowOlder?: boolean }, command: Command) => {
      const file = checkFile(target, 'kev import');
      const bytes = readFileSync(file);
      const result = await withContext((ctx) => importKevCatalog(ctx, currentCliActor(), { name: path.basename(file), bytes, allowOlder: options.allowOlder === true }));
      outputFor(command).result(result, () =>
        `KEV-Katalog importiert / KEV catalog imported: ${result.version} (${result.date}), ${result.entries} entries, +${result.added} -${result.removed}`,
      );
    });

  program
    .command('epss')
    .description('FIRST Exploit Prediction Scoring System scores')
    .command('import')
    .description('Replace all EPSS scores with a FIRST EPSS CSV file (.csv or .csv.gz); exit 1 when the file is not valid or older than the stored scores (nothing stored)')
    .argument('<file>', 'the EPSS CSV file, plain or gzip-compressed')
    .option('--allow-older', 'replace the stored scores even when the file\'s score date lies before theirs')
    .action(async (target: string, options: { allowOlder?: boolean }, command: Command) => {
      const file = checkFile(target, 'epss import');
      const result = await withContext((ctx) =>
        importEpssScores(ctx, currentCliActor(), { name: path.basename(file), source: createReadStream(file), allowOlder: options.allowOlder === true }),
      );
      outputFor(command).result(result, () =>
        `EPSS-Werte importiert / EPSS scores imported: ${result.entries} CVEs, model ${result.version}, score date ${result.date}`,
      );
    });
}
