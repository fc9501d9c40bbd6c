import { randomFillSync } from 'node:crypto';

// UUID version 7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, a 12-bit counter (method 1, so ids
// of one millisecond keep their order), then the variant and 62 random bits. Ids made one after
// another sort in that order, so the many rows of one imported document land next to each other in
// every index that starts with an id, where random UUID v4 keys would touch one B-tree page per row
// (documents and their rows on import, findings of a matching run).

let lastMs = -1;
let counter = 0;
// Random bytes are drawn in blocks: one call per 512 ids instead of one per id.
const pool = Buffer.alloc(8 * 512);
let poolOffset = pool.length;

/** A new UUID v7, greater than every one this process made before. */
export function timeOrderedId(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else {
    counter += 1;
    if (counter > 0xfff) {
      // 4,096 ids in one millisecond: borrow the next one.
      lastMs += 1;
      counter = 0;
    }
  }
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  pool.copy(bytes, 8, poolOffset, poolOffset + 8);
  poolOffset += 8;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
