import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { exportCycloneDx, exportInventory } from '../../server/modules/inventory/inventory-export.service.ts';
import { importInventory, type InventoryFileInput } from '../../server/modules/inventory/inventory-import.service.ts';
import { currentCliActor, withContext } from '../context.ts';
import { ExitCode, UsageError } from '../errors.ts';
import { outputFor } from '../output.ts';

interface ImportOptions {
  dryRun?: boolean;
}

interface ExportOptions {
  format: 'csv' | 'xlsx' | 'cyclonedx';
  machine?: string;
  delimiter?: string;
  out: string;
}

const inventoryExtensions = new Set(['.csv', '.xlsx', '.json']);

/** The files to import: FILE itself, or the inventory files (.csv, .xlsx, .json incl. .cdx.json) of FOLDER by name. */
function readInputs(target: string): InventoryFileInput[] {
  let stats;
  try {
    stats = statSync(target);
  } catch {
    throw new UsageError(`Datei oder Ordner nicht gefunden / no such file or folder: ${target}`);
  }
  const files = stats.isDirectory()
    ? readdirSync(target)
        .filter((name) => inventoryExtensions.has(path.extname(name).toLowerCase()))
        .sort()
        .map((name) => path.join(target, name))
    : [target];
  if (files.length === 0) throw new UsageError(`Keine Inventardateien / no inventory files in ${target}`);
  return files.map((file) => ({ name: path.basename(file), bytes: readFileSync(file) }));
}

/** `inventory export --format cyclonedx`: one BOM to `--out` with `--machine`, else one file per machine into the folder `--out`. */
async function exportBoms(options: ExportOptions, command: Command): Promise<void> {
  const out = path.resolve(options.out);
  const folder = options.machine === undefined;
  if (folder) {
    let isFile = false;
    try {
      isFile = !statSync(out).isDirectory();
    } catch {
      // Missing: created below.
    }
    if (isFile) throw new UsageError(`--out muss ohne --machine ein Ordner sein / without --machine, --out must be a folder: ${out}`);
  }
  const result = await withContext((ctx) => exportCycloneDx(ctx, currentCliActor(), options.machine !== undefined ? { machineId: options.machine } : {}));
  if (folder) {
    mkdirSync(out, { recursive: true });
    for (const file of result.files) writeFileSync(path.join(out, file.fileName), file.bytes);
  } else writeFileSync(out, result.files[0]!.bytes);
  outputFor(command).result({ format: 'cyclonedx', machines: result.machines, components: result.components, out }, () =>
    `Exportiert / exported: ${result.machines} machines, ${result.components} components → ${out}${folder ? ` (${result.files.length} *.cdx.json)` : ''}`,
  );
}

/** `patchwerk inventory import|export`. */
export function registerInventoryCommands(program: Command): void {
  const inventory = program.command('inventory').description('Inventory files (CSV, XLSX, CycloneDX 1.6 JSON)');

  inventory
    .command('import')
    .description('Import a CSV/XLSX/CycloneDX inventory file or a folder of them (formats may be mixed): all or nothing; exit 1 when there are errors')
    .argument('<path>', 'file or folder')
    .option('--dry-run', 'check and count only; write nothing')
    .action(async (target: string, options: ImportOptions, command: Command) => {
      const files = readInputs(target);
      const result = await withContext((ctx) => importInventory(ctx, currentCliActor(), { files, dryRun: options.dryRun === true }));
      outputFor(command).result(result, () => {
        const lines = [
          `${result.errors.length > 0 ? 'Abgelehnt, nichts geschrieben / rejected, nothing written' : options.dryRun ? 'Probelauf / dry run' : 'Importiert / imported'}: ` +
            `machines +${result.machines_created} ~${result.machines_updated}, components +${result.components_created} ~${result.components_updated} -${result.components_removed}`,
        ];
        for (const [label, list] of [['Fehler / error', result.errors], ['Warnung / warning', result.warnings]] as const) {
          for (const item of list) lines.push(`  ${label}: ${[item.file, item.row, item.column, item.path].filter((part) => part !== undefined).join(':')}: ${item.message}${item.value !== undefined ? ` (${JSON.stringify(item.value)})` : ''}`);
        }
        return lines.join('\n');
      });
      if (result.errors.length > 0) process.exitCode = ExitCode.rejected;
    });

  inventory
    .command('export')
    .description('Export the inventory as CSV or XLSX, or as CycloneDX 1.6 (one BOM per machine: --out is a folder, or the file with --machine)')
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx', 'cyclonedx']).makeOptionMandatory())
    .option('--machine <id>', 'only this machine')
    .option('--delimiter <char>', "CSV separator: ',' (default) or ';' for German Excel")
    .requiredOption('--out <path>', 'file to write (cyclonedx without --machine: folder, created when missing)')
    .action(async (options: ExportOptions, command: Command) => {
      if (options.delimiter !== undefined && options.delimiter !== ',' && options.delimiter !== ';') throw new UsageError("--delimiter must be ',' or ';'");
      if (options.delimiter !== undefined && options.format !== 'csv') throw new UsageError('--delimiter applies to --format csv only');
      if (options.format === 'cyclonedx') {
        await exportBoms(options, command);
        return;
      }
      const format = options.format;
      const file = await withContext((ctx) =>
        exportInventory(ctx, currentCliActor(), {
          format,
          ...(options.machine !== undefined ? { machineId: options.machine } : {}),
          ...(options.delimiter !== undefined ? { delimiter: options.delimiter as ',' | ';' } : {}),
        }),
      );
      const out = path.resolve(options.out);
      writeFileSync(out, file.bytes);
      outputFor(command).result({ format: file.format, machines: file.machines, components: file.components, out }, () =>
        `Exportiert / exported: ${file.machines} machines, ${file.components} components → ${out}`,
      );
    });
}
