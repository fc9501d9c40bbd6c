// Which remediation a findings row shows in short: the advisory lists them in its own order
// (often mitigations first), but the person at the table first wants to know whether there is a fix.
import type { FindingView } from '../../app/api-types.ts';

type Remediation = FindingView['remediations'][number];

// CSAF 2.0 remediation categories: what can be done now first, fixes before mitigations; then
// what is only announced or ruled out.
const categoryOrder = ['vendor_fix', 'optional_patch', 'mitigation', 'workaround', 'fix_planned', 'no_fix_planned', 'none_available'];

const rank = (category: string): number => {
  const index = categoryOrder.indexOf(category);
  return index === -1 ? categoryOrder.length : index;
};

/** The remediations with fixes first, then by category; the advisory's order within a category. */
export function remediationsInOrder(remediations: readonly Remediation[]): Remediation[] {
  return remediations
    .map((remediation, index) => ({ remediation, index }))
    .sort((a, b) => rank(a.remediation.category) - rank(b.remediation.category) || a.index - b.index)
    .map(({ remediation }) => remediation);
}
