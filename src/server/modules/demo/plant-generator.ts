import type { ComponentType, ZoneType } from '../../db/schema.ts';
import type { PlantMachine } from './plant-rows.ts';
import { machineKinds, products, segmentTemplates, siteTemplates, type CatalogProduct } from './plant-catalog.ts';

// A pure, seeded generator of a realistic plant: the same options give the same plant, byte for
// byte. Keys carry the prefix `G<seed>` so plants of different seeds can live side by side.

/** Options of `generatePlant`. */
export interface PlantOptions {
  machines: number;
  componentsPerMachine: number;
  seed: number;
}

export interface GeneratedSegment {
  key: string;
  name: string;
  vlan: number;
  cidr: string;
  zone_type: ZoneType;
}

export interface GeneratedSite {
  key: string;
  name: string;
  time_zone: string;
  shifts: { name: string; start: string; end: string }[];
  areas: { key: string; name: string }[];
  segments: GeneratedSegment[];
}

export interface GeneratedInterface {
  ip: string;
  mac: string;
  hostname: string;
  segment_key: string;
}

export interface GeneratedComponent {
  component_type: ComponentType;
  vendor: string;
  name: string;
  component_version: string;
  model_number: string | null;
  cpe: string | null;
  purl: string | null;
}

export interface GeneratedMachine extends PlantMachine {
  line: string;
  end_of_support: string;
  network_state: 'connected' | 'isolated';
  interfaces: GeneratedInterface[];
  components: GeneratedComponent[];
}

export interface GeneratedPlant {
  /** `G<seed>`: the prefix of every site key and machine_id. */
  prefix: string;
  sites: GeneratedSite[];
  machines: GeneratedMachine[];
  /** Distinct vendors of machines and components, sorted. */
  vendors: string[];
}

/** mulberry32: a small, fast, seeded PRNG with uniform output in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** A CPE 2.3 attribute value: spaces as `_`, other punctuation escaped (NISTIR 7695 §6.2). */
function cpeValue(text: string): string {
  return text.replace(/ /g, '_').replace(/[^A-Za-z0-9._-]/g, (char) => `\\${char}`);
}

function productComponent(product: CatalogProduct, version: string, modelSuffix: string): GeneratedComponent {
  return {
    component_type: product.type,
    vendor: product.vendor,
    name: product.name,
    component_version: version,
    model_number: product.model === null && modelSuffix === '' ? null : `${product.model ?? 'ID'}${modelSuffix}`,
    cpe: product.cpe === null ? null : product.cpe.replace('{v}', cpeValue(version)),
    purl: product.purl === null ? null : product.purl.replace('{v}', encodeURIComponent(version)),
  };
}

function ipv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

/** Generates a plant; pure and deterministic in its options. */
export function generatePlant(options: PlantOptions): GeneratedPlant {
  const random = seededRandom(options.seed);
  const int = (below: number): number => Math.floor(random() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const prefix = `G${options.seed}`;

  const sites: GeneratedSite[] = siteTemplates.map((template, siteIndex) => ({
    key: `${prefix}-${template.code}`,
    name: template.name,
    time_zone: template.time_zone,
    shifts: siteIndex % 2 === 0
      ? [{ name: 'Frühschicht', start: '06:00', end: '14:00' }, { name: 'Spätschicht', start: '14:00', end: '22:00' }, { name: 'Nachtschicht', start: '22:00', end: '06:00' }]
      : [{ name: 'Frühschicht', start: '06:00', end: '14:00' }, { name: 'Spätschicht', start: '14:00', end: '22:00' }],
    areas: template.areas.map((name, areaIndex) => ({ key: `${template.code}-H${areaIndex + 1}`, name })),
    // 10.(20+site).(16·segment).0/20: 4,094 hosts per segment.
    segments: segmentTemplates.map((segment, segmentIndex) => ({
      key: segment.code,
      name: `${segment.name} ${template.name.replace('Werk ', '')}`,
      vlan: 100 * (siteIndex + 1) + 10 * segmentIndex,
      cidr: `10.${20 + siteIndex}.${16 * segmentIndex}.0/20`,
      zone_type: segment.zone_type,
    })),
  }));

  const nextHost = new Map<string, number>();
  const addressIn = (site: GeneratedSite, segment: GeneratedSegment): string => {
    const counterKey = `${site.key}/${segment.key}`;
    const host = nextHost.get(counterKey) ?? 0;
    nextHost.set(counterKey, host + 1);
    const [a, b, c] = segment.cidr.split(/[./]/).map(Number) as [number, number, number];
    // Hosts from .10 on; wraps (repeating addresses) only beyond 4,084 machines per segment.
    return ipv4((((a << 24) | (b << 16) | (c << 8)) >>> 0) + 10 + (host % 4084));
  };

  const byVendor = new Map<string, number[]>();
  products.forEach((product, index) => byVendor.set(product.vendor, [...(byVendor.get(product.vendor) ?? []), index]));

  const machines: GeneratedMachine[] = [];
  for (let index = 0; index < options.machines; index++) {
    const siteIndex = int(sites.length);
    const site = sites[siteIndex]!;
    const kind = pick(machineKinds);
    const builder = pick(kind.builders);
    const model = pick(builder.models);
    const machineId = `${prefix}-${siteTemplates[siteIndex]!.code}-${kind.code}-${pad(index + 1, 5)}`;
    const cells = site.segments.filter((segment) => segment.zone_type === 'ot_cell');
    const cell = pick(cells);
    const mac = (n: number): string => ['02', '50', '57', ...[(n >>> 16) & 255, (n >>> 8) & 255, n & 255].map((byte) => byte.toString(16).padStart(2, '0'))].join(':');
    const hostname = machineId.toLowerCase();
    const interfaces: GeneratedInterface[] = [{ ip: addressIn(site, cell), mac: mac(index * 2), hostname, segment_key: cell.key }];
    if (kind.code === 'SCA' || kind.code === 'EDG' || random() < 0.08) {
      const dmz = site.segments.find((segment) => segment.zone_type === 'ot_dmz')!;
      interfaces.push({ ip: addressIn(site, dmz), mac: mac(index * 2 + 1), hostname: `${hostname}-dmz`, segment_key: dmz.key });
    }

    // Core products of the kind first (controller, drives, OS), then a mix from the catalogue.
    const chosen: number[] = [];
    const taken = new Set<number>();
    for (const vendor of kind.core) {
      const candidates = byVendor.get(vendor) ?? [];
      if (candidates.length === 0 || chosen.length >= options.componentsPerMachine) continue;
      const choice = pick(candidates);
      if (!taken.has(choice)) {
        taken.add(choice);
        chosen.push(choice);
      }
    }
    while (chosen.length < options.componentsPerMachine && taken.size < products.length) {
      const choice = int(products.length);
      if (taken.has(choice)) continue;
      taken.add(choice);
      chosen.push(choice);
    }
    const components = chosen.map((choice) => productComponent(products[choice]!, pick(products[choice]!.versions), ''));
    // More components than the catalogue has products: further instances differ by model number.
    for (let extra = 0; components.length < options.componentsPerMachine; extra++) {
      const product = products[extra % products.length]!;
      components.push(productComponent(product, pick(product.versions), `/${Math.floor(extra / products.length) + 2}`));
    }

    const os = components.find((component) => component.component_type === 'os');
    const controller = components.find((component) => component.component_type === 'plc' || component.component_type === 'firmware');
    const criticalityRoll = random();
    const updatableRoll = random();
    machines.push({
      machine_id: machineId,
      name: `${kind.type} ${model} ${pad(index + 1, 5)}`,
      site_key: site.key,
      area_key: pick(site.areas).key,
      vendor: builder.vendor,
      model,
      serial_number: `${kind.code}${pad(int(1_000_000), 6)}`,
      machine_type: kind.type,
      line: `Linie ${1 + int(6)}`,
      redundancy_group: kind.code === 'SCA' ? `${site.key}-SCADA` : kind.code === 'FOE' ? `${site.key}-FOERDER-${1 + int(2)}` : null,
      criticality: criticalityRoll < 0.3 ? 'low' : criticalityRoll < 0.75 ? 'medium' : 'high',
      safety_functions: kind.safety,
      safety_impact: kind.safety === null ? 'negligible' : pick(['marginal', 'critical', 'catastrophic'] as const),
      mission_impact: pick(['degraded', 'mef_support_crippled', 'mef_failure', 'mission_failure'] as const),
      updatable: updatableRoll < 0.6 ? true : updatableRoll < 0.85 ? false : null,
      end_of_support: `${2025 + int(10)}-12-31`,
      operating_system: os ? `${os.name} ${os.component_version}` : null,
      operating_software: controller ? `${controller.name} ${controller.component_version}` : null,
      remote_access: random() < 0.4 ? `VPN über Fernwartungsbox (${builder.vendor}), Freischaltung durch die Instandhaltung` : null,
      network_state: random() < 0.9 ? 'connected' : 'isolated',
      interfaces,
      components,
    });
  }

  const vendors = new Set<string>();
  for (const machine of machines) {
    vendors.add(machine.vendor);
    for (const component of machine.components) vendors.add(component.vendor);
  }
  return { prefix, sites, machines, vendors: [...vendors].sort() };
}
