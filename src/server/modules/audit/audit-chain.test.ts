import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyChain, type ChainEvent } from './audit-chain.ts';
import { auditHash, GENESIS_HASH } from './audit-hash.ts';

/** Hashes `event` as if appended after `previous`. */
function link(previous: ChainEvent | undefined, fields: Partial<ChainEvent> & { seq: number }): ChainEvent {
  const event = {
    ts: `2026-11-26T08:00:${String(fields.seq % 60).padStart(2, '0')}.000Z`,
    actor_id: 'system',
    via: 'system' as const,
    role: null,
    action: 'test.event',
    object_type: 'test',
    object_id: `o-${fields.seq}`,
    site_id: null,
    summary: `event ${fields.seq}`,
    prev_hash: previous?.hash ?? GENESIS_HASH,
    ...fields,
  };
  return { ...event, hash: auditHash(event) };
}

function chain(length: number): ChainEvent[] {
  const events: ChainEvent[] = [];
  for (let seq = 1; seq <= length; seq += 1) events.push(link(events.at(-1), { seq }));
  return events;
}

const headOf = (events: ChainEvent[]) => ({ seq: events.at(-1)!.seq, hash: events.at(-1)!.hash });

describe('verifyChain', () => {
  it('accepts an empty log without an anchor', () => {
    assert.deepEqual(verifyChain([], null), { ok: true, events: 0, first_bad_seq: null, kind: null });
  });

  it('accepts an intact chain whose head matches the anchor', () => {
    const events = chain(5);
    assert.deepEqual(verifyChain(events, headOf(events)), { ok: true, events: 5, first_bad_seq: null, kind: null });
  });

  it('reports a changed field as changed at that seq', () => {
    const events = chain(5);
    events[2] = { ...events[2]!, summary: 'rewritten' };
    assert.deepEqual(verifyChain(events, headOf(events)), { ok: false, events: 5, first_bad_seq: 3, kind: 'changed' });
  });

  it('reports a changed first event', () => {
    const events = chain(3);
    events[0] = { ...events[0]!, actor_id: 'someone-else' };
    assert.equal(verifyChain(events, headOf(events)).first_bad_seq, 1);
    assert.equal(verifyChain(events, headOf(events)).kind, 'changed');
  });

  it('reports a middle event missing as deleted at the missing seq', () => {
    const events = chain(6);
    events.splice(3, 1);
    assert.deepEqual(verifyChain(events, { seq: 6, hash: events.at(-1)!.hash }), { ok: false, events: 5, first_bad_seq: 4, kind: 'deleted' });
  });

  it('reports the first event missing as deleted at seq 1', () => {
    const events = chain(3).slice(1);
    assert.deepEqual(verifyChain(events, { seq: 3, hash: events.at(-1)!.hash }), { ok: false, events: 2, first_bad_seq: 1, kind: 'deleted' });
  });

  it('reports missing newest events as truncated after the last remaining seq', () => {
    const events = chain(6);
    const anchor = headOf(events);
    assert.deepEqual(verifyChain(events.slice(0, 4), anchor), { ok: false, events: 4, first_bad_seq: 5, kind: 'truncated' });
  });

  it('reports an emptied log with an anchor as truncated from seq 1', () => {
    assert.deepEqual(verifyChain([], { seq: 3, hash: 'x' }), { ok: false, events: 0, first_bad_seq: 1, kind: 'truncated' });
  });

  it('reports an event appended beyond the anchor as inserted', () => {
    const events = chain(4);
    const anchor = headOf(events);
    events.push(link(events.at(-1), { seq: 5, summary: 'forged' }));
    assert.deepEqual(verifyChain(events, anchor), { ok: false, events: 5, first_bad_seq: 5, kind: 'inserted' });
  });

  it('reports a forged replacement with a valid own hash as inserted at its seq', () => {
    const events = chain(5);
    events[2] = link(events[1], { seq: 3, summary: 'forged but well hashed' });
    assert.deepEqual(verifyChain(events, headOf(events)), { ok: false, events: 5, first_bad_seq: 3, kind: 'inserted' });
  });

  it('reports a forged first event that does not start from genesis as inserted at seq 1', () => {
    const events = chain(2);
    events[0] = link(undefined, { seq: 1, prev_hash: 'f'.repeat(64) });
    assert.equal(verifyChain(events, headOf(events)).kind, 'inserted');
    assert.equal(verifyChain(events, headOf(events)).first_bad_seq, 1);
  });

  it('reports a head that differs from the anchor at the same seq as changed', () => {
    const events = chain(3);
    assert.deepEqual(verifyChain(events, { seq: 3, hash: 'a'.repeat(64) }), { ok: false, events: 3, first_bad_seq: 3, kind: 'changed' });
  });

  it('treats events without any anchor as inserted from seq 1', () => {
    assert.deepEqual(verifyChain(chain(2), null), { ok: false, events: 2, first_bad_seq: 1, kind: 'inserted' });
  });

  it('keeps the first break and still counts every event', () => {
    const events = chain(8);
    events[1] = { ...events[1]!, summary: 'first' };
    events.splice(5, 1);
    assert.deepEqual(verifyChain(events, { seq: 8, hash: events.at(-1)!.hash }), { ok: false, events: 7, first_bad_seq: 2, kind: 'changed' });
  });
});
