import { formatIp, parseIp } from '../sites/cidr.ts';

// Hosts of brokers and partner systems: an IPv4 or IPv6 address (stored in its canonical form, so
// the IP register compares it with interface addresses) or a DNS host name (stored as entered).

const label = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i;

/** True for a DNS host name: labels of letters, digits, `-` (not at the ends) and `_`, at most 253 characters, not all-numeric at the end. */
export function isHostName(text: string): boolean {
  const name = text.endsWith('.') ? text.slice(0, -1) : text;
  if (name === '' || name.length > 253) return false;
  const labels = name.split('.');
  if (!labels.every((part) => label.test(part))) return false;
  // "10.0.0.300" is a mistyped address, not a name.
  return !/^\d+$/.test(labels[labels.length - 1]!);
}

/** The stored form of a host (address normalised, name trimmed, no trailing dot), or null when it is neither. */
export function normaliseHost(text: string): string | null {
  const trimmed = text.trim();
  const address = parseIp(trimmed);
  if (address) return formatIp(address);
  // The root's trailing dot is dropped: `plc.local.` and `plc.local` are the same host.
  return isHostName(trimmed) ? trimmed.replace(/\.$/, '') : null;
}

/** The address of a host when it is written as an IP address, else null. */
export function hostAddress(host: string): string | null {
  const address = parseIp(host.trim());
  return address ? formatIp(address) : null;
}
