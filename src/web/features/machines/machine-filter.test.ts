import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyMachineFilter, isMachineListFiltered, machineFilterOf, machineSearchOf } from './machine-filter.ts';

describe('machines filter in the URL', () => {
  it('reads what the dashboard links to', () => {
    assert.deepEqual(machineFilterOf(new URLSearchParams('matching_incomplete=true')), { ...emptyMachineFilter, matching_incomplete: 'true' });
  });

  it('reads search, filters and a descending sort', () => {
    assert.deepEqual(machineFilterOf(new URLSearchParams('q=fr%C3%A4s&site=HUM-RS&segment=OT-1&criticality=high&network_state=isolated&updatable=false&sort=-name')), {
      ...emptyMachineFilter, q: 'fräs', site: 'HUM-RS', segment: 'OT-1', criticality: 'high', network_state: 'isolated', updatable: 'false', sort: 'name', descending: true,
    });
  });

  it('treats unknown codes and sorts as "any" and the default sort, so a stale link still opens', () => {
    assert.deepEqual(machineFilterOf(new URLSearchParams('criticality=extreme&updatable=yes&matching_incomplete=false&sort=-vendor')), emptyMachineFilter);
  });

  it('writes only what narrows or orders the list, and reads it back unchanged', () => {
    const filter = { ...emptyMachineFilter, site: 'HUM-RS', matching_incomplete: 'true', sort: 'criticality' as const, descending: true };
    const search = machineSearchOf(filter);
    assert.equal(search.toString(), 'site=HUM-RS&matching_incomplete=true&sort=-criticality');
    assert.deepEqual(machineFilterOf(search), filter);
    assert.equal(machineSearchOf(emptyMachineFilter).toString(), '');
  });

  it('knows when the list is narrowed; a sort alone does not narrow it', () => {
    assert.equal(isMachineListFiltered(emptyMachineFilter), false);
    assert.equal(isMachineListFiltered({ ...emptyMachineFilter, sort: 'name', descending: true }), false);
    assert.equal(isMachineListFiltered({ ...emptyMachineFilter, matching_incomplete: 'true' }), true);
    assert.equal(isMachineListFiltered({ ...emptyMachineFilter, q: 'presse' }), true);
  });
});
