import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contractStatus, dayInZone, describeItemChanges, isRangeInverted, templateItemChanges, type TemplateItemContent } from './contract-rules.ts';

describe('contract status', () => {
  const validity = { valid_from: '2026-01-01', valid_until: '2026-12-31' };

  it('is not yet valid before the first day, active from the first to the last day, expired after it', () => {
    assert.equal(contractStatus(validity, '2025-12-31'), 'not_yet_valid');
    assert.equal(contractStatus(validity, '2026-01-01'), 'active');
    assert.equal(contractStatus(validity, '2026-06-15'), 'active');
    assert.equal(contractStatus(validity, '2026-12-31'), 'active');
    assert.equal(contractStatus(validity, '2027-01-01'), 'expired');
  });

  it('treats open ends as unlimited', () => {
    assert.equal(contractStatus({ valid_from: null, valid_until: null }, '1999-01-01'), 'active');
    assert.equal(contractStatus({ valid_from: null, valid_until: '2026-03-01' }, '2026-03-02'), 'expired');
    assert.equal(contractStatus({ valid_from: '2026-03-01', valid_until: null }, '2099-03-01'), 'active');
    assert.equal(contractStatus({ valid_from: '2026-03-01', valid_until: null }, '2026-02-28'), 'not_yet_valid');
  });

  it('finds ranges that end before they start; a one-day range is fine', () => {
    assert.equal(isRangeInverted({ valid_from: '2026-05-02', valid_until: '2026-05-01' }), true);
    assert.equal(isRangeInverted({ valid_from: '2026-05-01', valid_until: '2026-05-01' }), false);
    assert.equal(isRangeInverted({ valid_from: null, valid_until: '2026-05-01' }), false);
    assert.equal(isRangeInverted({ valid_from: '2026-05-01', valid_until: null }), false);
  });

  it('takes the day in the given time zone', () => {
    const instant = new Date('2026-12-31T23:30:00.000Z');
    assert.equal(dayInZone(instant, 'UTC'), '2026-12-31');
    assert.equal(dayInZone(instant, 'Europe/Berlin'), '2027-01-01');
    assert.equal(dayInZone(instant, 'America/New_York'), '2026-12-31');
  });
});

describe('template item changes', () => {
  const item = (key: string, fields: Partial<TemplateItemContent> = {}): TemplateItemContent => ({
    key, group: 'safety_function', description_de: `Prüfe ${key}`, description_en: null, expected_de: 'ok', expected_en: null, ...fields,
  });

  it('names added, removed and changed keys and notices reordering', () => {
    const before = [item('S1'), item('S2'), item('F1')];
    const after = [item('F1'), item('S1', { expected_de: 'Spindel steht' }), item('I1', { group: 'interface' })];
    const changes = templateItemChanges(before, after);
    assert.deepEqual(changes, { added: ['I1'], removed: ['S2'], changed: ['S1'], reordered: true });
    assert.equal(describeItemChanges(changes), 'added "I1"; removed "S2"; changed "S1"; reordered');
  });

  it('matches keys case-insensitively and reports nothing for equal lists', () => {
    const before = [item('S1'), item('S2')];
    assert.deepEqual(templateItemChanges(before, [item('S1'), item('S2')]), { added: [], removed: [], changed: [], reordered: false });
    assert.equal(describeItemChanges(templateItemChanges(before, [item('S1'), item('S2')])), 'items unchanged');
    assert.deepEqual(templateItemChanges(before, [item('s1'), item('S2')]), { added: [], removed: [], changed: ['s1'], reordered: false });
  });

  it('sees a group change as a change and a removed item in between as no reordering', () => {
    const changes = templateItemChanges([item('A'), item('B'), item('C')], [item('A'), item('C', { group: 'interface' })]);
    assert.deepEqual(changes, { added: [], removed: ['B'], changed: ['C'], reordered: false });
  });
});
