import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timeOrderedId } from './time-ordered-id.ts';

describe('time-ordered ids (UUID v7)', () => {
  it('are version 7, variant 10, carry the millisecond and sort in the order they were made', () => {
    const now = Date.UTC(2026, 10, 26, 12, 0, 0);
    const ids = Array.from({ length: 5000 }, () => timeOrderedId(now));
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16), now);
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
    // More than 4,096 in one millisecond borrow the next one, still in order.
    assert.equal(parseInt(ids.at(-1)!.replace(/-/g, '').slice(0, 12), 16), now + 1);
    // A clock that goes back does not break the order.
    assert.ok(timeOrderedId(now - 60_000) > ids.at(-1)!);
  });
});
