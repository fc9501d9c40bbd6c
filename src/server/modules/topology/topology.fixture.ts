import type { ConduitProtocol, ZoneType } from '../../db/schema.ts';
import { generatePlant, seededRandom } from '../demo/plant-generator.ts';
import type { TopologyConduit, TopologyEnd, TopologyMachine, TopologyModel, TopologySegment, TopologySite } from './topology-model.ts';

// Topology models for the layout and SVG tests: a generated plant with synthetic conduits, a dense
// single site (20 segments, 250 machines), and a small hand-written plant with every special case.

const segmentEnd = (site: { key: string }, segment: { id: string; key: string }): TopologyEnd => ({ kind: 'segment', segmentId: segment.id, segmentKey: segment.key, siteKey: site.key });

function conduit(id: string, from: TopologyEnd, to: TopologyEnd, protocol: ConduitProtocol, ports: string | null, purpose: string, remoteAccess = false, service: string | null = null): TopologyConduit {
  return { id, from, to, protocol, ports, service, purpose, remoteAccess };
}

/** A plant of `generatePlant` (all its sites) as a topology model, with conduits of a typical plant per site. */
export function generatedPlantModel(machines = 200, seed = 7): TopologyModel {
  const plant = generatePlant({ machines, componentsPerMachine: 1, seed });
  const sites: TopologySite[] = plant.sites.map((site) => ({
    id: `site-${site.key}`,
    key: site.key,
    name: site.name,
    segments: site.segments.map((segment): TopologySegment => ({
      id: `seg-${site.key}-${segment.key}`,
      key: segment.key,
      name: segment.name,
      zoneType: segment.zone_type,
      cidr: segment.cidr,
      vlan: segment.vlan,
      brokers: segment.zone_type === 'ot_dmz' ? [{ name: `mqtt-${site.key.toLowerCase()}`, kind: 'mqtt' }] : [],
      machines: [],
    })),
    unassigned: [],
  }));
  const bySite = new Map(sites.map((site) => [site.key, site]));
  for (const machine of plant.machines) {
    const site = bySite.get(machine.site_key)!;
    const [home, ...others] = machine.interfaces.map((entry) => entry.segment_key);
    const drawn: TopologyMachine = { machineId: machine.machine_id, name: machine.name, isolated: machine.network_state === 'isolated', otherSegments: [...new Set(others)] };
    site.segments.find((segment) => segment.key === home)!.machines.push(drawn);
  }
  const conduits: TopologyConduit[] = [];
  sites.forEach((site, index) => {
    const seg = (key: string) => segmentEnd(site, site.segments.find((segment) => segment.key === key)!);
    const cells = site.segments.filter((segment) => segment.zoneType === 'ot_cell');
    conduits.push(conduit(`c-${site.key}-inet-fw`, { kind: 'internet' }, seg('FERNWARTUNG'), 'tcp', '443', 'Fernwartung der Maschinenbauer', true, 'HTTPS'));
    conduits.push(conduit(`c-${site.key}-dmz-inet`, seg('OT-DMZ'), { kind: 'internet' }, 'tcp', '443', 'Updates vom Hersteller', false, 'HTTPS'));
    conduits.push(conduit(`c-${site.key}-it-dmz`, seg('IT-BUERO'), seg('OT-DMZ'), 'tcp', '443, 1433', 'Historian und Patch-Server', false, 'HTTPS'));
    conduits.push(conduit(`c-${site.key}-it-cell`, seg('IT-BUERO'), seg(cells[cells.length - 1]!.key), 'tcp', '3389', 'Ausnahme: Leitstand', false, 'RDP'));
    for (const cell of cells) {
      conduits.push(conduit(`c-${site.key}-dmz-${cell.key}`, seg('OT-DMZ'), segmentEnd(site, cell), 'tcp', '102, 4840', 'OPC UA und S7 zum Historian', false, 'OPC UA'));
      conduits.push(conduit(`c-${site.key}-fw-${cell.key}`, seg('FERNWARTUNG'), segmentEnd(site, cell), 'tcp', '5900', 'Fernwartung', true, 'VNC'));
    }
    conduits.push(conduit(`c-${site.key}-cell12`, seg(cells[0]!.key), seg(cells[1]!.key), 'udp', '47808', 'BACnet zwischen Zellen'));
    const next = sites[(index + 1) % sites.length]!;
    if (next !== site) {
      conduits.push(conduit(`c-${site.key}-cross`, seg('OT-DMZ'), segmentEnd(next, next.segments.find((segment) => segment.key === 'OT-DMZ')!), 'tcp', '443', 'Replikation zwischen Werken'));
    }
  });
  return { sites, conduits };
}

const zoneCycle: ZoneType[] = ['it', 'remote_access', 'ot_dmz', 'ot_dmz', 'ot_cell', 'ot_cell', 'ot_cell', 'ot_cell', 'ot_cell', 'ot_cell', 'ot_cell', 'ot_cell', 'ot_cell', 'ot_cell', 'ot_cell', 'ot_cell', 'ot_cell', 'unknown', 'internet', 'it'];

/** One dense site: 20 segments of every zone type, `machines` machines (some unassigned), 60 conduits. */
export function denseSiteModel(machines = 250, seed = 11): TopologyModel {
  const random = seededRandom(seed);
  const int = (below: number) => Math.floor(random() * below);
  const site: TopologySite = { id: 'site-dense', key: 'DICHT', name: 'Werk mit sehr vielen Segmenten und Maschinen', segments: [], unassigned: [] };
  zoneCycle.forEach((zoneType, index) => {
    site.segments.push({
      id: `dense-${index}`, key: `SEG-${String(index + 1).padStart(2, '0')}`, name: `Segment ${index + 1} ${'mit langem Namen '.repeat(index % 3)}`.trim(),
      zoneType, cidr: `10.50.${index}.0/24`, vlan: 500 + index, brokers: index % 5 === 0 ? [{ name: 'broker', kind: 'mqtt' }, { name: 'kafka-cluster-01', kind: 'kafka' }] : [], machines: [],
    });
  });
  for (let index = 0; index < machines; index++) {
    const machine: TopologyMachine = {
      machineId: `D-${String(index + 1).padStart(4, '0')}`,
      name: index % 7 === 0 ? `Bearbeitungszentrum mit einem außergewöhnlich langen Namen Nr. ${index}` : `Maschine ${index}`,
      isolated: index % 9 === 0,
      otherSegments: index % 11 === 0 ? ['SEG-03', 'SEG-04'] : [],
    };
    if (index % 25 === 24) site.unassigned.push(machine);
    else site.segments[int(site.segments.length)]!.machines.push(machine);
  }
  const conduits: TopologyConduit[] = [];
  const protocols: ConduitProtocol[] = ['tcp', 'udp', 'tcp_udp', 'icmp', 'any'];
  for (let index = 0; index < 60; index++) {
    const from = int(site.segments.length + 1);
    let to = int(site.segments.length + 1);
    if (from === site.segments.length && to === site.segments.length) to = 0;
    const end = (position: number): TopologyEnd => (position === site.segments.length ? { kind: 'internet' } : segmentEnd(site, site.segments[position]!));
    conduits.push(conduit(`dense-c${index}`, end(from), end(to), protocols[index % protocols.length]!, index % 4 === 0 ? null : String(1000 + index * 7), `Zweck ${index}`, index % 6 === 0));
  }
  conduits.push(conduit('dense-hidden', segmentEnd(site, site.segments[4]!), { kind: 'hidden' }, 'tcp', '443', 'Zu einem Werk ausserhalb des Bereichs'));
  conduits.push(conduit('dense-peer', { kind: 'segment', segmentId: 'elsewhere-1', segmentKey: 'DMZ', siteKey: 'ANDERES' }, segmentEnd(site, site.segments[2]!), 'tcp', '8883', 'MQTT aus dem Nachbarwerk'));
  return { sites: [site], conduits };
}

/** Hostile text that must come out escaped. */
export const HOSTILE = `<script>alert("x")</script> & 'quotes' "double" ]]> <!--`;

/** A small hand-written plant: two sites, every special case, hostile names. */
export function smallPlantModel(): TopologyModel {
  const north: TopologySite = {
    id: 'site-n', key: 'NORD', name: `Werk Nord ${HOSTILE}`,
    segments: [
      { id: 'n-it', key: 'IT', name: 'Büronetz', zoneType: 'it', cidr: '10.1.0.0/24', vlan: 10, brokers: [], machines: [] },
      { id: 'n-ra', key: 'FERN', name: 'Fernwartung', zoneType: 'remote_access', cidr: null, vlan: null, brokers: [], machines: [] },
      { id: 'n-dmz', key: 'DMZ', name: HOSTILE, zoneType: 'ot_dmz', cidr: '10.1.1.0/24', vlan: 11, brokers: [{ name: `mqtt ${HOSTILE}`, kind: 'mqtt' }], machines: [
        { machineId: 'N-HIST', name: 'Historian', isolated: false, otherSegments: [] },
      ] },
      { id: 'n-z1', key: 'ZELLE 1', name: 'Zelle 1', zoneType: 'ot_cell', cidr: '10.1.10.0/24', vlan: 20, brokers: [], machines: [
        { machineId: 'N-DM-1', name: 'Drehmaschine', isolated: false, otherSegments: ['DMZ'] },
        { machineId: `N-<b>&"2"`, name: HOSTILE, isolated: true, otherSegments: [] },
        { machineId: 'N-FR-3', name: 'Fräse mit einem Namen, der viel zu lang für jede Box ist und gekürzt werden muss', isolated: false, otherSegments: [] },
      ] },
      { id: 'n-z2', key: 'ZELLE 2', name: 'Zelle 2 (leer)', zoneType: 'ot_cell', cidr: null, vlan: null, brokers: [], machines: [] },
      { id: 'n-unk', key: 'ALT', name: 'Altnetz', zoneType: 'unknown', cidr: null, vlan: null, brokers: [], machines: [] },
    ],
    unassigned: [{ machineId: 'N-LOSE', name: 'Ohne Netz', isolated: true, otherSegments: [] }],
  };
  const south: TopologySite = {
    id: 'site-s', key: 'SUED', name: 'Werk Süd',
    segments: [{ id: 's-z1', key: 'ZELLE 1', name: 'Zelle 1 Süd', zoneType: 'ot_cell', cidr: null, vlan: null, brokers: [], machines: [
      { machineId: 'S-1', name: 'Presse', isolated: false, otherSegments: [] },
    ] }],
    unassigned: [],
  };
  const n = (id: string) => segmentEnd(north, north.segments.find((segment) => segment.id === id)!);
  const conduits = [
    conduit('k-inet-ra', { kind: 'internet' }, n('n-ra'), 'tcp', '443', `VPN ${HOSTILE}`, true, HOSTILE),
    conduit('k-ra-z1', n('n-ra'), n('n-z1'), 'tcp', '5900', 'Fernwartung Zelle 1', true),
    conduit('k-it-dmz', n('n-it'), n('n-dmz'), 'tcp', '443', 'Patch-Server'),
    conduit('k-dmz-z1', n('n-dmz'), n('n-z1'), 'tcp', '102', 'S7'),
    conduit('k-z1-z2', n('n-z1'), n('n-z2'), 'any', null, 'Querverkehr'),
    conduit('k-z1-it', n('n-z1'), n('n-it'), 'tcp', '445', 'Ausnahme'),
    conduit('k-dmz-inet', n('n-dmz'), { kind: 'internet' }, 'tcp', '443', 'Updates'),
    conduit('k-cross', n('n-dmz'), segmentEnd(south, south.segments[0]!), 'tcp', '4840', 'OPC UA zum Werk Süd'),
    conduit('k-hidden', { kind: 'hidden' }, n('n-unk'), 'udp', '161', 'SNMP von außerhalb des Bereichs'),
    conduit('k-inet-s', { kind: 'internet' }, segmentEnd(south, south.segments[0]!), 'tcp', '443', 'Fernwartung Süd', true),
  ];
  return { sites: [north, south], conduits };
}
