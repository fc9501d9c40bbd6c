import assert from 'node:assert/strict';
import { it } from 'node:test';
import { remediationsInOrder } from './finding-remediations.ts';

const remediation = (category: string, details: string) => ({ category, details, url: null });

it('puts the vendor fix before the mitigations the advisory lists first (ICSA-23-348-11)', () => {
  const listed = [remediation('mitigation', 'Expose port 102/tcp only to trusted networks'), remediation('vendor_fix', 'Update to V6.24 or later version')];
  assert.deepEqual(remediationsInOrder(listed).map((entry) => entry.category), ['vendor_fix', 'mitigation']);
});

it("keeps the advisory's order within a category and puts unknown categories last", () => {
  const listed = [remediation('future_category', 'x'), remediation('workaround', 'first'), remediation('mitigation', 'm'), remediation('workaround', 'second')];
  assert.deepEqual(remediationsInOrder(listed).map((entry) => entry.details), ['m', 'first', 'second', 'x']);
});

it('leaves the list it was given unchanged', () => {
  const listed = [remediation('mitigation', 'm'), remediation('vendor_fix', 'v')];
  remediationsInOrder(listed);
  assert.equal(listed[0]?.category, 'mitigation');
});
