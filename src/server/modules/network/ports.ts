// Port lists of conduits and brokers as people write them ("443", "102, 502", "49152-65535"),
// checked (1–65535, ranges from low to high) and written in one form: entries separated by ", ",
// ranges without spaces.

/** The lowest and highest TCP/UDP port. */
export const PORT_MIN = 1;
export const PORT_MAX = 65535;

/** One port or an inclusive range. */
export interface PortRange {
  from: number;
  to: number;
}

function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= PORT_MIN && port <= PORT_MAX ? port : null;
}

/**
 * Parses a port list: entries separated by commas (or semicolons), each a port or `low-high`;
 * spaces around entries and dashes are ignored. Null when any entry is not a port in 1–65535, a
 * range runs backwards, or the list is empty.
 */
export function parsePortList(text: string): PortRange[] | null {
  const entries = text.split(/[,;]/).map((entry) => entry.trim());
  if (entries.length === 0 || entries.some((entry) => entry === '')) return null;
  const ranges: PortRange[] = [];
  for (const entry of entries) {
    const match = /^(\d+)\s*[-–]\s*(\d+)$/.exec(entry);
    const from = parsePort(match ? match[1]! : entry);
    const to = match ? parsePort(match[2]!) : from;
    if (from === null || to === null || to < from) return null;
    ranges.push({ from, to });
  }
  return ranges;
}

/** Writes a port list in its stored form: `102, 502, 49152-65535` (order as given). */
export function formatPortList(ranges: readonly PortRange[]): string {
  return ranges.map((range) => (range.from === range.to ? String(range.from) : `${range.from}-${range.to}`)).join(', ');
}

/** The normalised form of a port list, or null when it is not one. */
export function normalisePorts(text: string): string | null {
  const ranges = parsePortList(text);
  return ranges ? formatPortList(ranges) : null;
}
