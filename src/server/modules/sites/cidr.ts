import { isIPv4, isIPv6 } from 'node:net';

// IP addresses and networks as numbers, so that networks can be normalised (host bits cleared,
// IPv6 written in the RFC 5952 form) and addresses tested against them.

/** An IP address as its family and numeric value. */
export interface IpAddress {
  version: 4 | 6;
  value: bigint;
}

/** A network: its address with the host bits cleared, the prefix length and the canonical text. */
export interface Cidr {
  version: 4 | 6;
  network: bigint;
  prefix: number;
  /** `10.20.0.0/24`, `2001:db8::/64`. */
  text: string;
}

const bitsOf = (version: 4 | 6): number => (version === 4 ? 32 : 128);

function parseIpv4(text: string): bigint {
  return text.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

function parseIpv6(text: string): bigint | null {
  let hex = text;
  // An embedded IPv4 tail (::ffff:10.0.0.1) stands for the last two groups.
  const lastColon = hex.lastIndexOf(':');
  const tail = hex.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIPv4(tail)) return null;
    const value = parseIpv4(tail);
    hex = `${hex.slice(0, lastColon + 1)}${(value >> 16n).toString(16)}:${(value & 0xffffn).toString(16)}`;
  }
  const halves = hex.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = groupsOf(halves[0]!);
  const rest = halves.length === 2 ? groupsOf(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (groups.some((group) => !/^[0-9a-f]{1,4}$/i.test(group))) return null;
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** Parses an IPv4 (dotted quad, no leading zeros) or IPv6 address without zone id; null otherwise. */
export function parseIp(text: string): IpAddress | null {
  if (isIPv4(text)) return { version: 4, value: parseIpv4(text) };
  if (isIPv6(text) && !text.includes('%')) {
    const value = parseIpv6(text);
    return value === null ? null : { version: 6, value };
  }
  return null;
}

/** Writes an address: IPv4 dotted, IPv6 in the RFC 5952 form (lower case, longest zero run as ::). */
export function formatIp(address: IpAddress): string {
  if (address.version === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((address.value >> shift) & 0xffn)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, index) => Number((address.value >> BigInt(112 - index * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 0;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > bestLength) {
      bestStart = start;
      bestLength = length;
    }
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestLength < 2) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/**
 * Parses `ADDRESS/PREFIX` (IPv4 or IPv6) and normalises it: surrounding spaces trimmed, host bits
 * cleared (`10.20.0.7/24` → `10.20.0.0/24`), IPv6 in the RFC 5952 form. Null when it is no network.
 */
export function parseCidr(text: string): Cidr | null {
  const match = /^([^/]+)\/(0|[1-9]\d{0,2})$/.exec(text.trim());
  if (!match) return null;
  const address = parseIp(match[1]!);
  if (!address) return null;
  const prefix = Number(match[2]);
  const bits = bitsOf(address.version);
  if (prefix > bits) return null;
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  const network = address.value & ~hostMask & ((1n << BigInt(bits)) - 1n);
  return { version: address.version, network, prefix, text: `${formatIp({ version: address.version, value: network })}/${prefix}` };
}

/** True when `ip` lies inside `cidr`; false when either does not parse or the families differ. */
export function ipInCidr(ip: string, cidr: string): boolean {
  const address = parseIp(ip.trim());
  const network = parseCidr(cidr);
  if (!address || !network || address.version !== network.version) return false;
  const shift = BigInt(bitsOf(network.version) - network.prefix);
  return address.value >> shift === network.network >> shift;
}

/**
 * True when two networks share an address, i.e. one contains the other (networks are aligned
 * blocks, so they either nest or are disjoint). False when either does not parse or the families
 * differ.
 */
export function cidrsOverlap(a: string, b: string): boolean {
  const first = parseCidr(a);
  const second = parseCidr(b);
  if (!first || !second || first.version !== second.version) return false;
  const shift = BigInt(bitsOf(first.version) - Math.min(first.prefix, second.prefix));
  return first.network >> shift === second.network >> shift;
}
