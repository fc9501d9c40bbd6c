import { InvalidArgumentError, type Command } from 'commander';
import { collectAdvisoryFiles } from '../../server/modules/advisories/advisory-files.ts';
import type { AdvisoryImportResult } from '../../server/modules/advisories/advisory-import.schema.ts';
import { loadDemoPlant, loadDemoPlantWithAdvisories } from '../../server/modules/demo/demo-load.service.ts';
import { generateDemoPlant, MAX_COMPONENTS_PER_MACHINE, MAX_DEMO_MACHINES, MAX_SEED } from '../../server/modules/demo/demo.service.ts';
import { currentCliActor, withContext } from '../context.ts';
import { ExitCode } from '../errors.ts';
import { outputFor } from '../output.ts';

interface GenerateOptions {
  machines: number;
  componentsPerMachine: number;
  seed: number;
}

/** A commander parser for an integer in [min, max] (a usage error otherwise). */
function integerIn(min: number, max: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    return Number(value);
  };
}

/** The advisory import's counts and its rejected files (the full report is `advisories import`'s). */
function advisoryLines(result: AdvisoryImportResult): string {
  const lines = [
    `Advisories: neu / imported ${result.imported}, aktualisiert / updated ${result.updated}, unverändert / unchanged ${result.unchanged}, ` +
      `markiert / flagged ${result.flagged.length}, abgelehnt / rejected ${result.rejected.length}, übersprungen / skipped ${result.skipped.length}`,
  ];
  for (const entry of result.rejected) {
    lines.push(`  Abgelehnt / rejected: ${entry.file}`);
    for (const error of entry.errors) lines.push(`    ${error.test ? `[${error.test}] ` : ''}${error.path ? `${error.path} ` : ''}${error.message}`);
  }
  return lines.join('\n');
}

/** `patchwerk demo load` and `patchwerk demo generate`. */
export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('Demo data');
  demo
    .command('load')
    .description('Add the demo plant "Hammer und Meißel" (two sites, 25 machines, contracts, test templates); refuses a non-empty inventory without --force')
    .option('--force', 'add the demo plant beside existing sites and machines', false)
    .option('--advisories <path>', 'then import the CSAF documents under PATH (file or folder), as `advisories import` does; exit 1 when a file was rejected')
    .action(async (options: { force: boolean; advisories?: string }, command: Command) => {
      const output = outputFor(command);
      const loaded = `Demo-Anlage geladen / demo plant loaded`;
      if (options.advisories === undefined) {
        const result = await withContext((ctx) => loadDemoPlant(ctx, currentCliActor(), { force: options.force }));
        output.result(result, () => `${loaded}: sites ${result.site_keys.join(', ')}, ${result.machines} machines`);
        return;
      }
      const sources = await collectAdvisoryFiles([options.advisories]);
      const result = await withContext((ctx) => loadDemoPlantWithAdvisories(ctx, currentCliActor(), { force: options.force }, sources));
      output.result(result, () => `${loaded}: sites ${result.site_keys.join(', ')}, ${result.machines} machines\n${advisoryLines(result.advisory_import)}`);
      if (result.advisory_import.rejected.length > 0) process.exitCode = ExitCode.rejected;
    });
  demo
    .command('generate')
    .description('Add a generated, realistic plant (keys prefixed G<seed>-); the same seed gives the same plant')
    .requiredOption('--machines <n>', 'number of machines', integerIn(1, MAX_DEMO_MACHINES))
    .option('--components-per-machine <m>', 'software/firmware components per machine', integerIn(0, MAX_COMPONENTS_PER_MACHINE), 20)
    .option('--seed <s>', 'seed of the generator; a seed already generated is refused', integerIn(0, MAX_SEED), 1)
    .action(async (options: GenerateOptions, command: Command) => {
      const output = outputFor(command);
      const started = performance.now();
      const result = await withContext((ctx) =>
        generateDemoPlant(ctx, currentCliActor(), { machines: options.machines, componentsPerMachine: options.componentsPerMachine, seed: options.seed }),
      );
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      output.result(result, () =>
        `Demo-Werk erzeugt / demo plant generated (${result.prefix}): ${result.sites} sites, ${result.segments} segments, ${result.machines} machines, ${result.components} components, ${result.vendors} vendors in ${seconds} s`,
      );
    });
}
