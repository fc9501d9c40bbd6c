// The shell's navigation: which entries exist and which global action shows each one.

export interface NavigationEntry {
  /** Path of the page. */
  path: string;
  /** Translation key of the label. */
  labelKey: string;
  /** Global action that shows the entry; null for entries every signed-in user sees. */
  requires: string | string[] | null;
}

/** Modules of the main navigation, in order. */
export const modules = ['machines', 'advisories', 'cases', 'rollouts', 'backups', 'network', 'contracts', 'spare-parts', 'organisation'] as const;

/** Modules that exist in the navigation but are built by later work; their pages say so. */
export const plannedModules = ['cases', 'rollouts', 'backups'] as const satisfies readonly (typeof modules)[number][];

export type PlannedModule = (typeof plannedModules)[number];

/** Pages that are no module of their own but sit in the main navigation right after one. */
const followingModule: Partial<Record<(typeof modules)[number], NavigationEntry[]>> = {
  advisories: [{ path: '/findings', labelKey: 'nav.findings', requires: 'finding.read' }],
};

/** Main navigation, in order. */
export const mainNavigation: NavigationEntry[] = [
  { path: '/', labelKey: 'nav.dashboard', requires: null },
  ...modules.flatMap((module) => [{ path: `/${module}`, labelKey: `nav.${module}`, requires: null }, ...(followingModule[module] ?? [])]),
];

/** Administration navigation, in order. */
export const adminNavigation: NavigationEntry[] = [
  { path: '/users', labelKey: 'nav.users', requires: 'user.read' },
  { path: '/audit', labelKey: 'nav.audit', requires: 'audit.read' },
];

/** The user's own things, at the foot of the navigation. */
export const personalNavigation: NavigationEntry[] = [
  { path: '/tokens', labelKey: 'nav.tokens', requires: ['token.read', 'token.create'] },
  { path: '/profile', labelKey: 'nav.profile', requires: null },
];

/** True when the entry is shown for a user with these global actions. */
export function isVisible(entry: NavigationEntry, globalActions: readonly string[]): boolean {
  if (entry.requires === null) return true;
  const required = Array.isArray(entry.requires) ? entry.requires : [entry.requires];
  return required.some((action) => globalActions.includes(action));
}
