// Placeholder until the topology view lands (replaced by the topology work).
/** The topology drawing of one site, or of every site in scope when `siteKey` is null. */
export function TopologyPanel(_props: { siteKey: string | null }) {
  return null;
}
