import type { Command } from 'commander';
import { listFindingRows } from '../../server/modules/matching/findings.service.ts';
import { currentCliActor, withContext } from '../context.ts';
import { formatTable, outputFor } from '../output.ts';

/** `patchwerk findings list [--machine ID] [--advisory TRACKING_ID]` (INTERFACES.md). */
export function registerFindingsCommands(program: Command): void {
  const findings = program.command('findings').description('Findings: advisories matched against the inventory');
  findings
    .command('list')
    .description('List the findings (false matches left out), by machine, advisory and CVE')
    .option('--machine <id>', "only this machine (the plant's key)")
    .option('--advisory <tracking_id>', 'only this advisory (its tracking id)')
    .action(async (options: { machine?: string; advisory?: string }, command: Command) => {
      const rows = await withContext((ctx) => listFindingRows(ctx, currentCliActor(), { machine: options.machine, advisory: options.advisory }));
      outputFor(command).result(rows, () =>
        rows.length === 0
          ? 'Keine Befunde / no findings.'
          : formatTable(
              ['machine_id', 'tracking_id', 'cve', 'status', 'component', 'version', 'matched_by', 'confidence'],
              rows.map((row) => [row.machine_id, row.tracking_id, row.cve ?? '', row.status, row.component_name, row.component_version ?? '', row.matched_by, row.confidence]),
            ),
      );
    });
}
