import { createHash } from 'node:crypto';
import type { MatchIdentitiesTable } from '../../db/schema.ts';
import { componentMatchKeys, type ComponentFacts } from './product-match.ts';

// A component's software identity: the facts the judge reads of it (vendor, name, version, model
// number, CPE, PURL) and, for a component that names no vendor, the machine builder, whose vendor
// keys it is looked up under. Components with equal identities are judged once. The machine's serial
// number is not part of it: only the rare advisory product that lists serial numbers is judged per
// component (matching.service.ts).

/** The facts of an identity as stored (`match_identities`). */
export type MatchIdentityFacts = Omit<MatchIdentitiesTable, 'id' | 'fingerprint'>;

/** A component as its identity is computed from it. */
export type IdentitySource = Omit<MatchIdentityFacts, 'machine_vendor'>;

export interface MatchIdentity {
  /** SHA-256 (hex) of the facts: equal facts, equal fingerprint. */
  fingerprint: string;
  facts: MatchIdentityFacts;
  /** The vendor keys candidates are looked up under (`componentMatchKeys`). */
  keys: string[];
}

const present = (text: string | null): boolean => text !== null && text.trim() !== '';

/** The identity of a component of a machine built by `machineVendor`. */
export function matchIdentityOf(component: IdentitySource, machineVendor: string | null): MatchIdentity {
  const facts: MatchIdentityFacts = {
    vendor: component.vendor,
    name: component.name,
    component_version: component.component_version,
    model_number: component.model_number,
    cpe: component.cpe,
    purl: component.purl,
    machine_vendor: present(component.vendor) ? null : machineVendor,
  };
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([facts.vendor, facts.name, facts.component_version, facts.model_number, facts.cpe, facts.purl, facts.machine_vendor]))
    .digest('hex');
  return { fingerprint, facts, keys: componentMatchKeys(facts, facts.machine_vendor) };
}

/** What the judge reads of an identity, with the serial number of one machine or none. */
export function identityFacts(facts: Omit<MatchIdentityFacts, 'machine_vendor'>, serialNumber: string | null): ComponentFacts {
  return {
    vendor: facts.vendor,
    name: facts.name,
    version: facts.component_version,
    model_number: facts.model_number,
    cpe: facts.cpe,
    purl: facts.purl,
    serial_number: serialNumber,
  };
}
