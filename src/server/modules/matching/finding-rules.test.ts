import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applicableRemediations, compareProductMatches, decideFinding, findingStatus, isCveKey, machineMatchingDataGaps, matchingDataGaps, vulnerabilityKey, type ProductMatch,
} from './finding-rules.ts';
import type { MatchVerdict } from './product-match.ts';

const verdict = (confidence: MatchVerdict['confidence'], specificity: MatchVerdict['specificity']): MatchVerdict => ({ matched_by: 'name_version', confidence, specificity, reason: 'r' });
const match = (product_id: string, status: ProductMatch['status'], confidence: MatchVerdict['confidence'], specificity: MatchVerdict['specificity']): ProductMatch => ({
  product_id, csaf_status: status, status, verdict: verdict(confidence, specificity), branch_path: [],
});

describe('findingStatus', () => {
  it('maps the CSAF product statuses as INTERFACES.md says', () => {
    assert.equal(findingStatus('first_affected'), 'known_affected');
    assert.equal(findingStatus('known_affected'), 'known_affected');
    assert.equal(findingStatus('last_affected'), 'known_affected');
    assert.equal(findingStatus('first_fixed'), 'fixed');
    assert.equal(findingStatus('fixed'), 'fixed');
    assert.equal(findingStatus('recommended'), 'fixed');
    assert.equal(findingStatus('known_not_affected'), 'known_not_affected');
    assert.equal(findingStatus('under_investigation'), 'under_investigation');
    assert.equal(findingStatus('unknown'), null);
  });
});

describe('vulnerabilityKey', () => {
  it('is the CVE (upper case), else the position', () => {
    assert.equal(vulnerabilityKey('cve-2023-46156 ', 0), 'CVE-2023-46156');
    assert.equal(vulnerabilityKey(null, 2), '#2');
    assert.equal(vulnerabilityKey('  ', 3), '#3');
  });

  it('tells a CVE, shared across advisories, from a position key of one advisory', () => {
    assert.equal(isCveKey(vulnerabilityKey('cve-2023-46156', 0)), true);
    assert.equal(isCveKey(vulnerabilityKey(null, 2)), false);
  });
});

describe('decideFinding', () => {
  it('lets the most specific product decide, then the surer match, then the more urgent status', () => {
    const family = match('CSAFPID-0001', 'known_not_affected', 'medium', 'family');
    const exact = match('CSAFPID-0002', 'known_affected', 'low', 'exact');
    assert.equal(decideFinding([family, exact]).decisive, exact);
    const high = match('CSAFPID-0003', 'fixed', 'high', 'exact');
    assert.equal(decideFinding([exact, high]).decisive, high);
    const affectedToo = match('CSAFPID-0004', 'known_affected', 'high', 'exact');
    assert.equal(decideFinding([high, affectedToo]).decisive, affectedToo);
    assert.ok(compareProductMatches(match('A', 'fixed', 'high', 'exact'), match('B', 'fixed', 'high', 'exact')) < 0, 'the product id breaks ties');
  });

  it('lists every matching product with the deciding status', () => {
    const result = decideFinding([
      match('CSAFPID-0009', 'known_affected', 'medium', 'family'),
      match('CSAFPID-0002', 'known_affected', 'high', 'exact'),
      match('CSAFPID-0005', 'fixed', 'medium', 'exact'),
      match('CSAFPID-0002', 'known_affected', 'high', 'exact'),
    ]);
    assert.deepEqual(result.product_ids, ['CSAFPID-0002', 'CSAFPID-0009']);
    assert.throws(() => decideFinding([]));
  });
});

describe('applicableRemediations', () => {
  it('keeps the remediations naming a matched product, in order', () => {
    const remediations = [
      { category: 'vendor_fix', details: 'Update to V6.24', url: 'https://example.com/fix', product_ids: ['CSAFPID-0002'] },
      { category: 'mitigation', details: 'Restrict access', url: null, product_ids: ['CSAFPID-0001', 'CSAFPID-0003'] },
      { category: 'workaround', details: 'Disable the web server', url: null, product_ids: ['CSAFPID-0003'] },
    ];
    assert.deepEqual(applicableRemediations(remediations, ['CSAFPID-0002', 'CSAFPID-0001']), [
      { category: 'vendor_fix', details: 'Update to V6.24', url: 'https://example.com/fix' },
      { category: 'mitigation', details: 'Restrict access', url: null },
    ]);
    assert.deepEqual(applicableRemediations(remediations, ['CSAFPID-0009']), []);
  });
});

describe('matchingDataGaps', () => {
  it('finds machines without components and components without vendor or version', () => {
    assert.deepEqual(matchingDataGaps([]), ['no_components']);
    assert.deepEqual(matchingDataGaps([{ vendor: 'Siemens', component_version: 'V6.20' }]), []);
    assert.deepEqual(matchingDataGaps([{ vendor: 'Siemens', component_version: 'V6.20' }, { vendor: ' ', component_version: null }]), ['component_without_vendor', 'component_without_version']);
    assert.deepEqual(matchingDataGaps([{ vendor: null, component_version: '1.0' }]), ['component_without_vendor']);
  });
});

describe('machineMatchingDataGaps', () => {
  const active = { decommissioned_at: null };
  it('judges the components not removed of a machine in operation', () => {
    assert.deepEqual(machineMatchingDataGaps(active, []), ['no_components']);
    assert.deepEqual(machineMatchingDataGaps(active, [{ vendor: 'Siemens', component_version: null, removed_at: null }]), ['component_without_version']);
    assert.deepEqual(
      machineMatchingDataGaps(active, [{ vendor: 'Siemens', component_version: 'V6.20', removed_at: null }, { vendor: null, component_version: null, removed_at: '2026-01-01T00:00:00.000Z' }]),
      [],
    );
    assert.deepEqual(machineMatchingDataGaps(active, [{ vendor: null, component_version: null, removed_at: '2026-01-01T00:00:00.000Z' }]), ['no_components']);
  });

  it('finds no gaps on a decommissioned machine, which is no longer matched', () => {
    assert.deepEqual(machineMatchingDataGaps({ decommissioned_at: '2026-01-01T00:00:00.000Z' }, []), []);
  });
});
