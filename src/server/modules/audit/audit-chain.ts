import type { AuditHead } from './audit-anchor.ts';
import { auditHash, GENESIS_HASH, type HashedAuditFields } from './audit-hash.ts';

/** One stored event as the chain check sees it: the hashed fields and the stored hash. */
export interface ChainEvent extends HashedAuditFields {
  hash: string;
}

/** What broke the chain first. */
export type ChainBreak = 'changed' | 'inserted' | 'deleted' | 'truncated';

/** The result of `audit verify` (INTERFACES.md). */
export interface AuditVerification {
  ok: boolean;
  /** Events in the log. */
  events: number;
  first_bad_seq: number | null;
  kind: ChainBreak | null;
}

/**
 * Walks the chain one event at a time in seq order, so a caller can stream pages of any size
 * through it. The first break found is kept; later events are only counted.
 *
 * - the recomputed hash differs from the stored one → `changed` at that seq;
 * - a seq is missing → `deleted` at the first missing seq;
 * - the event hashes correctly but its prev_hash is not the previous event's hash → `inserted`
 *   at the previous seq (that event was replaced by a forged one with a valid hash of its own;
 *   for the first event, which has no predecessor, at its own seq).
 */
export class ChainWalker {
  private count = 0;
  private expectedSeq = 1;
  private previousHash = GENESIS_HASH;
  private failure: { seq: number; kind: ChainBreak } | null = null;

  /** Seq of the last event pushed, or 0. */
  get lastSeq(): number {
    return this.expectedSeq - 1;
  }

  /** True once a break was found. */
  get broken(): boolean {
    return this.failure !== null;
  }

  /** Checks the next event (events must come in ascending seq order). */
  push(event: ChainEvent): void {
    this.count += 1;
    const seq = Number(event.seq);
    if (!this.failure) this.failure = this.check(event, seq);
    this.expectedSeq = seq + 1;
    this.previousHash = event.hash;
  }

  /**
   * The verdict once every event was pushed, compared with the anchor (null: nothing was ever
   * anchored, which counts as head seq 0). Anchor ahead of the log → `truncated` at the first
   * missing seq; behind it → `inserted` at the first seq the anchor does not know; same seq but
   * another hash → `changed` at that seq.
   */
  result(anchor: AuditHead | null): AuditVerification {
    const verdict = (seq: number | null, kind: ChainBreak | null): AuditVerification => ({ ok: kind === null, events: this.count, first_bad_seq: seq, kind });
    if (this.failure) return verdict(this.failure.seq, this.failure.kind);
    const head = anchor ?? { seq: 0, hash: GENESIS_HASH };
    if (head.seq > this.lastSeq) return verdict(this.lastSeq + 1, 'truncated');
    if (head.seq < this.lastSeq) return verdict(head.seq + 1, 'inserted');
    if (this.lastSeq > 0 && head.hash !== this.previousHash) return verdict(this.lastSeq, 'changed');
    return verdict(null, null);
  }

  private check(event: ChainEvent, seq: number): { seq: number; kind: ChainBreak } | null {
    if (seq > this.expectedSeq) return { seq: this.expectedSeq, kind: 'deleted' };
    if (seq < this.expectedSeq) return { seq, kind: 'inserted' };
    if (auditHash(event) !== event.hash) return { seq, kind: 'changed' };
    if (event.prev_hash !== this.previousHash) return { seq: seq > 1 ? seq - 1 : seq, kind: 'inserted' };
    return null;
  }
}

/** Verifies a whole chain held in memory against the anchor (see ChainWalker for the rules). */
export function verifyChain(events: Iterable<ChainEvent>, anchor: AuditHead | null): AuditVerification {
  const walker = new ChainWalker();
  for (const event of events) walker.push(event);
  return walker.result(anchor);
}
