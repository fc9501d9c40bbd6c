import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeRevision, type PlacedDocument } from './revision-placement.ts';

const stored = (id: string, version: string, current: boolean, variant = false): PlacedDocument => ({
  id, sha256: `sha-${id}`, tracking_version: version, is_current: current ? 1 : 0, variant: variant ? 1 : 0,
});

describe('placeRevision', () => {
  it('makes the first document of an advisory current', () => {
    assert.deepEqual(placeRevision([], 'sha-a', '1'), { outcome: 'imported', is_current: 1, variant: 0, variant_of_document_id: null, demoted: null });
  });

  it('changes nothing for bytes stored before, whatever their version', () => {
    assert.deepEqual(placeRevision([stored('a', '1.0.0', true)], 'sha-a', '2.0.0'), { outcome: 'unchanged' });
  });

  it('makes a newer version current and demotes the current one', () => {
    const placement = placeRevision([stored('a', '1', false), stored('b', '2', true)], 'sha-c', '3');
    assert.deepEqual(placement, { outcome: 'newer', is_current: 1, variant: 0, variant_of_document_id: null, demoted: 'b' });
  });

  it('compares tracking versions by their numbers, not as text (10 after 9)', () => {
    assert.equal(placeRevision([stored('a', '9', true)], 'sha-b', '10').outcome, 'newer');
    assert.equal(placeRevision([stored('a', '1.10.0', true)], 'sha-b', '1.9.0').outcome, 'older');
  });

  it('keeps an older version as history without touching the current one', () => {
    assert.deepEqual(placeRevision([stored('a', '3', true)], 'sha-b', '2'), { outcome: 'older', is_current: 0, variant: 0, variant_of_document_id: null, demoted: null });
  });

  it('stores the same version with other bytes as a variant of the first document of that version', () => {
    const placement = placeRevision([stored('a', '2', true), stored('b', '2', false, true)], 'sha-c', '2');
    assert.deepEqual(placement, { outcome: 'variant', is_current: 0, variant: 1, variant_of_document_id: 'a', demoted: null });
  });
});
