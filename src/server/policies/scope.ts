// Scopes of grants and tokens: all sites, some sites, or named machines. Written as `all`,
// `site:KEY[,KEY…]` or `machine:ID[,ID…]` everywhere (CLI flag and JSON).

/** A resolved scope: site and machine ids are database ids, not user-visible keys. */
export type Scope =
  | { kind: 'all' }
  | { kind: 'site'; siteIds: string[] }
  | { kind: 'machine'; machineIds: string[] };

/** A scope as written by people: keys, not database ids. */
export type ScopeSpec =
  | { kind: 'all' }
  | { kind: 'site'; keys: string[] }
  | { kind: 'machine'; keys: string[] };

/** Where an object lives: its site and, for machine-bound objects, its machine (database ids). */
export interface Placement {
  siteId: string;
  machineId?: string | null;
}

/** Parses `all`, `site:A,B` or `machine:X,Y`; returns null when the text is not a scope. */
export function parseScope(text: string): ScopeSpec | null {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'all') return { kind: 'all' };
  const match = /^(site|machine):(.+)$/i.exec(trimmed);
  if (!match) return null;
  const keys = match[2]!.split(',').map((key) => key.trim());
  if (keys.some((key) => key === '')) return null;
  return { kind: match[1]!.toLowerCase() as 'site' | 'machine', keys: [...new Set(keys)] };
}

/** Writes a scope spec in its canonical text form. */
export function formatScope(spec: ScopeSpec): string {
  return spec.kind === 'all' ? 'all' : `${spec.kind}:${spec.keys.join(',')}`;
}

/**
 * True when `scope` covers the placement. Machine scopes cover only objects bound to one of their
 * machines; site scopes cover everything in their sites.
 */
export function scopeCovers(scope: Scope, placement: Placement): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'site':
      return scope.siteIds.includes(placement.siteId);
    case 'machine':
      return placement.machineId != null && scope.machineIds.includes(placement.machineId);
  }
}

/**
 * True when `outer` contains all of `inner`. `machineSites` maps machine ids of `inner` to their
 * site ids, so that a site scope contains machine scopes inside its sites.
 */
export function scopeContains(outer: Scope, inner: Scope, machineSites: ReadonlyMap<string, string>): boolean {
  if (outer.kind === 'all') return true;
  if (inner.kind === 'all') return false;
  if (inner.kind === 'site') return outer.kind === 'site' && inner.siteIds.every((id) => outer.siteIds.includes(id));
  return inner.machineIds.every((machineId) => {
    if (outer.kind === 'machine') return outer.machineIds.includes(machineId);
    const siteId = machineSites.get(machineId);
    return siteId !== undefined && outer.siteIds.includes(siteId);
  });
}

/** True when two scopes share at least one site or machine. */
export function scopesIntersect(a: Scope, b: Scope, machineSites: ReadonlyMap<string, string>): boolean {
  if (a.kind === 'all' || b.kind === 'all') return true;
  const sitesOf = (scope: Scope): string[] =>
    scope.kind === 'site' ? scope.siteIds : scope.kind === 'machine' ? scope.machineIds.map((id) => machineSites.get(id) ?? '') : [];
  if (a.kind === 'machine' && b.kind === 'machine') return a.machineIds.some((id) => b.machineIds.includes(id));
  if (a.kind === 'site' && b.kind === 'site') return a.siteIds.some((id) => b.siteIds.includes(id));
  const [siteScope, machineScope] = a.kind === 'site' ? [a, b] : [b, a];
  return sitesOf(machineScope).some((siteId) => sitesOf(siteScope).includes(siteId));
}
