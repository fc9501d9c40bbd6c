// Vendor names as data: which spellings name the same company, and which companies are distinct
// but whose products turn up under each other's name. Read by vendor-names.ts; every spelling here
// goes through the same normalisation (case, punctuation, legal forms, umlauts), so an entry only
// has to cover what normalisation cannot: brands, former names, abbreviations and the CISA corpus'
// own habits (../shared/corpus/cisa-csaf, 434 distinct vendor branch names).

/** One company: its name as the canonical spelling, then the other names that mean the same company. */
export interface VendorAlias {
  name: string;
  aliases: string[];
  /** Why these names are one company (where it is not obvious). */
  why?: string;
}

export const vendorAliases: VendorAlias[] = [
  {
    name: 'Schneider Electric',
    aliases: ['Schneider Electric Software', 'Schneider'],
    why: 'CISA files nearly every Schneider Electric product (Modicon, EcoStruxure, IGSS) under "Schneider Electric Software, LLC" (84 vendor branches of the corpus).',
  },
  {
    name: 'Rockwell Automation',
    aliases: ['Allen-Bradley', 'Rockwell', 'Rockwell Software'],
    why: 'Allen-Bradley and Rockwell Software are Rockwell Automation brands; technicians write the brand printed on the device ("Allen-Bradley ControlLogix").',
  },
  { name: 'Mitsubishi Electric', aliases: ['Mitsubishi'], why: 'In an OT inventory "Mitsubishi" is the automation maker (MELSEC, MELFA, GOT).' },
  { name: 'Phoenix Contact', aliases: ['Innominate Security Technologies', 'Innominate'], why: 'Innominate (mGuard) became part of Phoenix Contact; CISA writes "PHOENIX CONTACT, Innominate Security Technologies".' },
  { name: 'WAGO', aliases: ['WAGO Kontakttechnik'] },
  { name: 'B&R Industrial Automation', aliases: ['B&R', 'B+R', 'Bernecker + Rainer', 'Bernecker + Rainer Industrie-Elektronik', 'B&R Automation'] },
  { name: 'CODESYS', aliases: ['3S-Smart Software Solutions', '3S'], why: 'CODESYS GmbH is the former 3S-Smart Software Solutions GmbH; older advisories use the old name.' },
  { name: 'General Electric', aliases: ['GE'] },
  { name: 'Hitachi Energy', aliases: ['Hitachi ABB Power Grids', 'ABB Power Grids'], why: 'ABB Power Grids became Hitachi ABB Power Grids (2020) and Hitachi Energy (2021): one business under three names.' },
  { name: 'AVEVA', aliases: ['AVEVA Software', 'Wonderware', 'AVEVA Group'], why: 'Wonderware (InTouch, System Platform) is AVEVA\'s product line since 2018; CISA writes "AVEVA Software, LLC".' },
  { name: 'Siemens', aliases: ['Siemens Industry Software', 'Siemens Digital Industries Software', 'Siemens Industry'], why: 'Siemens AG businesses whose advisories Siemens ProductCERT publishes under "Siemens". Siemens Energy and Siemens Healthineers are separate companies (see relatedVendors).' },
  { name: 'HMS Networks', aliases: ['HMS', 'HMS Industrial Networks', 'eWON', 'Ewon'], why: 'Ewon (Cosy, Flexy, Talk2M) is an HMS Networks brand.' },
  { name: 'Pilz', aliases: [] },
  { name: 'Festo', aliases: [] },
  { name: 'Bosch Rexroth', aliases: ['Rexroth'] },
  { name: 'Trumpf', aliases: [] },
  { name: 'HEIDENHAIN', aliases: ['Dr. Johannes Heidenhain', 'Johannes Heidenhain'] },
  // Not "GE Fanuc": that joint venture's CNCs went back to FANUC, its PLCs to GE (now Emerson).
  { name: 'FANUC', aliases: ['FANUC America'] },
  { name: 'Omron', aliases: [] },
  { name: 'Yokogawa', aliases: ['Yokogawa Electric'] },
  { name: 'Honeywell', aliases: ['Honeywell International'] },
  { name: 'Emerson', aliases: ['Emerson Electric', 'Emerson Process Management', 'Emerson Automation Solutions'] },
  { name: 'Beckhoff', aliases: ['Beckhoff Automation'] },
  { name: 'ABB', aliases: [] },
  { name: 'Moxa', aliases: [] },
  { name: 'Haas Automation', aliases: ['Haas'] },
  { name: 'Johnson Controls', aliases: ['JCI', 'Johnson Controls International'] },
  { name: 'Philips', aliases: ['Phillips'], why: 'The corpus misspells Philips as "Phillips" in two advisories for Philips IntelliSpace products (ICSMA-18-025-01, ICSMA-18-058-02).' },
  { name: 'Keysight', aliases: ['Keysight Technologies'] },
  { name: 'Zebra', aliases: ['Zebra Technologies'] },
  { name: 'Cambium Networks', aliases: ['Cambium'] },
  { name: 'mySCADA', aliases: ['mySCADA Technologies'] },
  { name: 'Sielco', aliases: ['Sielco Sistemi'] },
  { name: 'Trihedral', aliases: ['Trihedral Engineering'] },
  { name: 'Xiongmai', aliases: ['Xiongmai Technology', 'Hangzhou Xiongmai Technology'] },
  { name: 'Sauter', aliases: ['Fr. Sauter', 'SAUTER Controls'], why: 'Fr. Sauter AG and its SAUTER Controls subsidiaries sell one product line.' },
  { name: 'B. Braun', aliases: ['B. Braun Medical', 'B. Braun Melsungen'] },
  { name: 'Matrikon', aliases: ['MatrikonOPC'] },
  { name: 'Franklin Fueling Systems', aliases: ['Franklin Fueling System', 'Franklin Electric Fueling Systems'] },
  { name: 'LS Electric', aliases: ['LS Industrial Systems', 'LSIS'], why: 'LS Industrial Systems renamed itself LS ELECTRIC in 2020.' },
  { name: 'Drägerwerk', aliases: ['Dräger', 'Draeger'] },
  { name: 'Weidmüller', aliases: ['Weidmueller Interface', 'Weidmüller Interface'] },
];

/**
 * Distinct companies whose products may carry the other's name: a parent and a company it spun off
 * or bought, so an advisory from before (or after) the change names the other one. Matching treats
 * them as different vendors; a matcher may offer them as candidates to look at.
 */
export interface VendorRelation {
  a: string;
  b: string;
  why: string;
}

export const relatedVendors: VendorRelation[] = [
  { a: 'Siemens Energy', b: 'Siemens', why: 'Siemens Energy was spun off in 2020; advisories for its products (SPPA-T3000, SICAM of the grid business) before that were published by Siemens.' },
  { a: 'Siemens Healthineers', b: 'Siemens', why: 'Separate listed company since 2018; CISA names both ("Siemens Healthineers, Siemens").' },
  { a: 'Siemens Mobility', b: 'Siemens', why: 'A Siemens AG company whose rail products appear in Siemens advisories.' },
  { a: 'Hitachi Energy', b: 'ABB', why: 'Hitachi Energy is the former ABB Power Grids: RTU500, MicroSCADA, Relion and FOX615 advisories before 2021 name ABB.' },
  { a: 'Hitachi Energy', b: 'Hitachi', why: 'A Hitachi subsidiary; the Hitachi group publishes its own advisories for other products.' },
  { a: 'B&R Industrial Automation', b: 'ABB', why: 'B&R belongs to ABB since 2017 and keeps its own name and PSIRT.' },
  { a: 'AVEVA', b: 'Schneider Electric', why: 'Schneider Electric\'s industrial software (Wonderware, Citect, ClearSCADA) moved to AVEVA in 2018; older advisories name Schneider Electric.' },
  { a: 'GE Digital', b: 'General Electric', why: 'A GE business (now GE Vernova): Proficy, CIMPLICITY and iFIX appear under both names.' },
  { a: 'GE Healthcare', b: 'General Electric', why: 'Spun off from GE in 2023.' },
  { a: 'GE Vernova', b: 'General Electric', why: 'Spun off from GE in 2024 with the grid and power businesses (Multilin relays).' },
  { a: 'Bosch Rexroth', b: 'Bosch', why: 'A Robert Bosch subsidiary with its own advisories.' },
  { a: 'ICONICS', b: 'Mitsubishi Electric', why: 'A Mitsubishi Electric group company; CISA writes "ICONICS, Mitsubishi Electric".' },
  { a: 'Mitsubishi Electric India', b: 'Mitsubishi Electric', why: 'A regional subsidiary with its own products.' },
  { a: 'Matrikon', b: 'Honeywell', why: 'A Honeywell company; CISA writes "Matrikon, Honeywell".' },
];
