import type { ComponentType } from '../../db/schema.ts';
import { componentTypes, criticalities, missionImpacts, networkStates, safetyImpacts } from '../machines/machines.schema.ts';

// Cell values → codes: the code itself or its German/English label, compared case-insensitively.
// Exports write the codes, so a round trip reads back exactly what it wrote.

type Labels<T extends string> = Record<T, readonly string[]>;

const criticalityLabels: Labels<(typeof criticalities)[number]> = {
  low: ['niedrig', 'gering'],
  medium: ['mittel'],
  high: ['hoch'],
};

const componentTypeLabels: Labels<ComponentType> = {
  firmware: [],
  os: ['operating system', 'operating_system', 'betriebssystem'],
  application: ['anwendung', 'applikation', 'software'],
  hmi: ['bedienpanel'],
  plc: ['sps', 'steuerung'],
  network: ['netzwerk', 'netzwerkkomponente'],
  other: ['sonstige', 'sonstiges', 'andere'],
};

const safetyImpactLabels: Labels<(typeof safetyImpacts)[number]> = {
  negligible: ['vernachlässigbar'],
  marginal: ['gering', 'geringfügig'],
  critical: ['kritisch'],
  catastrophic: ['katastrophal'],
};

const missionImpactLabels: Labels<(typeof missionImpacts)[number]> = {
  degraded: ['beeinträchtigt'],
  mef_support_crippled: ['mef support crippled'],
  mef_failure: ['mef failure'],
  mission_failure: ['mission failure'],
};

const networkStateLabels: Labels<(typeof networkStates)[number]> = {
  connected: ['verbunden', 'angeschlossen'],
  isolated: ['isoliert', 'getrennt'],
};

const yesNoLabels: Labels<'yes' | 'no'> = {
  yes: ['ja', 'true', 'wahr', 'y', 'j', '1'],
  no: ['nein', 'false', 'falsch', 'n', '0'],
};

/** A code lookup: undefined for an empty cell, null for an unknown value, else the code. */
export type CodeResult<T> = T | null | undefined;

function lookup<T extends string>(labels: Labels<T>, cell: string | undefined): CodeResult<T> {
  const text = (cell ?? '').trim().normalize('NFKC').toLowerCase();
  if (text === '') return undefined;
  for (const [code, names] of Object.entries(labels) as [T, readonly string[]][]) {
    if (text === code || names.includes(text)) return code;
  }
  return null;
}

/** The allowed codes of a coded column, for error messages. */
export const allowedCodes = {
  criticality: criticalities.join(', '),
  component_type: componentTypes.join(', '),
  safety_impact: safetyImpacts.join(', '),
  mission_impact: missionImpacts.join(', '),
  network_state: networkStates.join(', '),
  updatable: 'yes, no',
} as const;

export const criticalityCode = (cell: string | undefined): CodeResult<(typeof criticalities)[number]> => lookup(criticalityLabels, cell);
export const componentTypeCode = (cell: string | undefined): CodeResult<ComponentType> => lookup(componentTypeLabels, cell);
export const safetyImpactCode = (cell: string | undefined): CodeResult<(typeof safetyImpacts)[number]> => lookup(safetyImpactLabels, cell);
export const missionImpactCode = (cell: string | undefined): CodeResult<(typeof missionImpacts)[number]> => lookup(missionImpactLabels, cell);
export const networkStateCode = (cell: string | undefined): CodeResult<(typeof networkStates)[number]> => lookup(networkStateLabels, cell);
export const yesNoCode = (cell: string | undefined): CodeResult<'yes' | 'no'> => lookup(yesNoLabels, cell);

/** A calendar date as YYYY-MM-DD from `2027-12-31` or `31.12.2027`; undefined when empty, null when invalid. */
export function dateCode(cell: string | undefined): string | null | undefined {
  const text = (cell ?? '').trim();
  if (text === '') return undefined;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  let year: number, month: number, day: number;
  if (match) [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
    if (!match) return null;
    [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}
