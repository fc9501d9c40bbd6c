import type { Command } from 'commander';
import { verifyAuditLog } from '../../server/modules/audit/audit-verify.ts';
import { withContext } from '../context.ts';
import { ExitCode } from '../errors.ts';
import { outputFor } from '../output.ts';

/** `patchwerk audit verify`. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('Audit log');
  audit
    .command('verify')
    .description('Check the hash chain of the audit log and its anchor; exit 1 when it is broken')
    .action(async (_options: unknown, command: Command) => {
      const report = await withContext((ctx) => verifyAuditLog(ctx));
      outputFor(command).result(report, () =>
        report.ok
          ? `Audit-Log intakt / audit log intact: ${report.events} events.`
          : `Audit-Log verändert / audit log broken: ${report.kind ?? 'unknown'} at seq ${report.first_bad_seq ?? '?'} (${report.events} events).`,
      );
      if (!report.ok) process.exitCode = ExitCode.rejected;
    });
}
