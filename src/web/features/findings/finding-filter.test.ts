import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyFindingFilter, findingFilterOf, findingListQuery, findingSearchOf, isFiltered } from './finding-filter.ts';

describe('findings filter in the URL', () => {
  it('reads what the dashboard links to', () => {
    assert.deepEqual(findingFilterOf(new URLSearchParams('status=known_affected&site=HUM-RS&false_matches=true&page=3')), {
      filter: { ...emptyFindingFilter, status: 'known_affected', site: 'HUM-RS', falseMatches: true },
      page: 3,
    });
  });

  it('treats unknown codes and pages as "any" and the first page, so a stale link still opens', () => {
    const { filter, page } = findingFilterOf(new URLSearchParams('status=affected&confidence=sure&page=-2&false_matches=yes'));
    assert.deepEqual(filter, emptyFindingFilter);
    assert.equal(page, 1);
    assert.equal(findingFilterOf(new URLSearchParams('page=1.5')).page, 1);
  });

  it('writes only what narrows the list, and reads it back unchanged', () => {
    const filter = { ...emptyFindingFilter, machine: 'HUM-RS-DRE-01', advisory: 'ICSA-23-348-11', confidence: 'low', falseMatches: true };
    const search = findingSearchOf(filter, 2);
    assert.equal(search.toString(), 'confidence=low&machine=HUM-RS-DRE-01&advisory=ICSA-23-348-11&false_matches=true&page=2');
    assert.deepEqual(findingFilterOf(search), { filter, page: 2 });
    assert.equal(findingSearchOf(emptyFindingFilter, 1).toString(), '');
  });

  it('knows when the list is narrowed', () => {
    assert.equal(isFiltered(emptyFindingFilter), false);
    assert.equal(isFiltered({ ...emptyFindingFilter, falseMatches: true }), true);
    assert.equal(isFiltered({ ...emptyFindingFilter, site: 'HUM-LS' }), true);
  });
});

describe('findings list query', () => {
  it('asks for the page by offset and leaves blank text out', () => {
    assert.deepEqual(findingListQuery({ ...emptyFindingFilter, machine: '  hum-rs-dre-01 ', advisory: '   ' }, 3, 50), { limit: 50, offset: 100, machine: 'hum-rs-dre-01' });
  });

  it('asks for false matches only when they are to be shown', () => {
    assert.equal(findingListQuery(emptyFindingFilter, 1, 50).include_false_matches, undefined);
    assert.equal(findingListQuery({ ...emptyFindingFilter, falseMatches: true }, 1, 50).include_false_matches, 'true');
  });
});
