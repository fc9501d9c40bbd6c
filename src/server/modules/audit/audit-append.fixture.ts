// Test fixture, run as a child process by audit-concurrency.test.ts: opens the database, prints
// "ready", waits for "go" on stdin, then appends COUNT audit events through withWrite.
//   node --import tsx audit-append.fixture.ts <data-dir> <database-url|-> <count> <name>
import { createInterface } from 'node:readline';
import { systemClock } from '../../clock.ts';
import { openDatabase } from '../../db/database.ts';
import { withWrite } from '../../db/write.ts';
import { createLogger } from '../../logger.ts';
import { cliActor } from '../../policies/actor.ts';
import { AuditAnchor } from './audit-anchor.ts';

const [dataDir, url, countText, name] = process.argv.slice(2);
if (!dataDir || !url || !countText || !name) throw new Error('usage: audit-append.fixture.ts <data-dir> <database-url|-> <count> <name>');
const handle = openDatabase({ databaseUrl: url === '-' ? null : url, dataDir, poolSize: 2 });
const ctx = { db: handle.db, adapter: handle.adapter, clock: systemClock, auditAnchor: new AuditAnchor(dataDir), logger: createLogger('warn') };
const actor = cliActor(name);

await handle.db.selectFrom('audit_events').select('seq').limit(1).execute();
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) if (line.trim() === 'go') break;

for (let i = 1; i <= Number(countText); i += 1) {
  await withWrite(ctx, (scope) =>
    scope.audit({ actor, role: 'admin', action: 'test.concurrent', objectType: 'test', objectId: `${name}-${i}`, siteId: null, summary: `${name} event ${i}` }),
  );
}
await handle.close();
process.stdout.write('done\n');
