import { InvalidArgumentError, type Command } from 'commander';
import { loadDemoPlant } from '../../server/modules/demo/demo-load.service.ts';
import { generateDemoPlant, MAX_COMPONENTS_PER_MACHINE, MAX_DEMO_MACHINES, MAX_SEED } from '../../server/modules/demo/demo.service.ts';
import { currentCliActor, withContext } from '../context.ts';
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

/** `patchwerk demo load` and `patchwerk demo generate`. */
export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('Demo data');
  demo
    .command('load')
    .description('Add the demo plant "Hammer und Meißel" (two sites, 25 machines, contracts, test templates); refuses a non-empty inventory without --force')
    .option('--force', 'add the demo plant beside existing sites and machines', false)
    .action(async (options: { force: boolean }, command: Command) => {
      const output = outputFor(command);
      const result = await withContext((ctx) => loadDemoPlant(ctx, currentCliActor(), { force: options.force }));
      output.result(result, () => `Demo-Anlage geladen / demo plant loaded: sites ${result.site_keys.join(', ')}, ${result.machines} machines`);
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
