import { ipInCidr, parseCidr, parseIp } from '../sites/cidr.ts';

// Rules of the IP register: every address documented in a site (machine interfaces, brokers
// given by address), sorted by site, segment and address, and flagged where the documentation
// contradicts itself.

/** What may be wrong with one entry. */
export const registerFlags = ['duplicate', 'outside_cidr'] as const;
export type RegisterFlag = (typeof registerFlags)[number];

/** What the rules look at in one register entry. */
export interface RegisterEntryFacts {
  ip: string;
  site_id: string;
  site_key: string;
  /** The entry's segment key, or null when the interface names no segment. */
  segment_key: string | null;
  /** The segment's network, or null (no segment, or a segment without CIDR). */
  cidr: string | null;
  /** A stable tiebreak among entries with the same address (machine id, broker name). */
  label: string;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Orders addresses numerically, IPv4 before IPv6; unparsable text last, as text. */
export function compareIps(a: string, b: string): number {
  const left = parseIp(a);
  const right = parseIp(b);
  if (!left || !right) return left ? -1 : right ? 1 : compareText(a, b);
  if (left.version !== right.version) return left.version - right.version;
  return left.value < right.value ? -1 : left.value > right.value ? 1 : 0;
}

/** Orders entries by site key, segment key (entries without segment last), address, label. */
export function compareEntries(a: RegisterEntryFacts, b: RegisterEntryFacts): number {
  return (
    compareText(a.site_key.toLowerCase(), b.site_key.toLowerCase()) ||
    compareText(a.site_id, b.site_id) ||
    (a.segment_key === null ? (b.segment_key === null ? 0 : 1) : b.segment_key === null ? -1 : compareText(a.segment_key.toLowerCase(), b.segment_key.toLowerCase())) ||
    compareIps(a.ip, b.ip) ||
    compareText(a.label, b.label)
  );
}

/** The `site_id ip` keys of addresses that occur more than once in the same site. */
export function duplicateAddresses(entries: readonly Pick<RegisterEntryFacts, 'ip' | 'site_id'>[]): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const entry of entries) {
    const key = `${entry.site_id} ${entry.ip}`;
    if (seen.has(key)) duplicates.add(key);
    seen.add(key);
  }
  return duplicates;
}

/**
 * True when the entry's segment has a network of the address's family and the address lies outside
 * it. A segment documents one network: an IPv6 address in a segment with an IPv4 network (dual
 * stack) cannot be judged and is not flagged.
 */
export function isOutsideCidr(entry: Pick<RegisterEntryFacts, 'ip' | 'cidr'>): boolean {
  if (entry.cidr === null) return false;
  const network = parseCidr(entry.cidr);
  const address = parseIp(entry.ip);
  if (!network || !address || network.version !== address.version) return false;
  return !ipInCidr(entry.ip, entry.cidr);
}

/** The entries sorted, each with its flags. */
export function flagEntries<T extends RegisterEntryFacts>(entries: readonly T[]): (T & { flags: RegisterFlag[] })[] {
  const duplicates = duplicateAddresses(entries);
  return [...entries].sort(compareEntries).map((entry) => {
    const flags: RegisterFlag[] = [];
    if (duplicates.has(`${entry.site_id} ${entry.ip}`)) flags.push('duplicate');
    if (isOutsideCidr(entry)) flags.push('outside_cidr');
    return { ...entry, flags };
  });
}

/** How many entries carry each flag. */
export function countFlags(entries: readonly { flags: readonly RegisterFlag[] }[]): Record<RegisterFlag, number> {
  const counts: Record<RegisterFlag, number> = { duplicate: 0, outside_cidr: 0 };
  for (const entry of entries) for (const flag of entry.flags) counts[flag] += 1;
  return counts;
}
