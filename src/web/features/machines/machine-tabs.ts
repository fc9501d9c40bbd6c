// The tabs of the machine detail page as they stand in the URL (`/machines/FR-7?tab=vulnerabilities`),
// so a link (a findings row) opens the tab it is about and a reload keeps the tab.

/** The tabs, in the order the page shows them; the first is the default. */
export const machineTabs = ['overview', 'components', 'vulnerabilities', 'partners', 'contracts', 'history'] as const;
export type MachineTab = (typeof machineTabs)[number];

/** The tab a `tab` query value names; a missing or unknown one (a stale link) is the overview. */
export function machineTabOf(value: string | null): MachineTab {
  return machineTabs.find((tab) => tab === value) ?? 'overview';
}

/** The path of a machine's page, opened at `tab` (the overview needs no query). */
export function machinePath(machineId: string, tab: MachineTab = 'overview'): string {
  const path = `/machines/${encodeURIComponent(machineId)}`;
  return tab === 'overview' ? path : `${path}?tab=${tab}`;
}
