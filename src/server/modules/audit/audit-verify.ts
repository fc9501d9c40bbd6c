import type { AppContext } from '../../context.ts';
import { ChainWalker, type AuditVerification } from './audit-chain.ts';
import { readChainPage } from './audit.repository.ts';

export type { AuditVerification } from './audit-chain.ts';

/** Events read per query while verifying, so a long log never sits in memory at once. */
const VERIFY_PAGE_SIZE = 5_000;
/** How often and how long to wait for an anchor that lags a just-committed append. */
const ANCHOR_RETRIES = 10;
const ANCHOR_RETRY_MS = 50;

/**
 * Verifies the whole chain and compares its head with the anchor file (rules: ChainWalker).
 * Safe while other processes append: the anchor is written only after a commit, so a head beyond
 * the rows read means rows still to read (or truncation), and rows beyond the head usually mean an
 * anchor write still in flight — it is re-read a few times before the rows count as inserted.
 */
export async function verifyAuditLog(ctx: Pick<AppContext, 'db' | 'auditAnchor'>): Promise<AuditVerification> {
  const walker = new ChainWalker();
  const readRemaining = async (): Promise<void> => {
    for (;;) {
      const page = await readChainPage(ctx.db, walker.lastSeq, VERIFY_PAGE_SIZE);
      for (const event of page) walker.push(event);
      if (page.length < VERIFY_PAGE_SIZE) return;
    }
  };
  // Read the anchor before the rows: every seq it names was committed before the walk started.
  let anchor = ctx.auditAnchor.read();
  await readRemaining();
  for (let attempt = 0; attempt < ANCHOR_RETRIES && !walker.broken && (anchor?.seq ?? 0) < walker.lastSeq; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, ANCHOR_RETRY_MS));
    anchor = ctx.auditAnchor.read();
    if ((anchor?.seq ?? 0) > walker.lastSeq) await readRemaining();
  }
  return walker.result(anchor);
}
