import { relatedVendors, vendorAliases } from './vendor-aliases.ts';

// Vendor names as technicians write them ("Siemens", "Allen-Bradley", "Weidmüller") against the
// vendor branches of CSAF advisories ("Siemens", "Rockwell Automation", "Weidmueller",
// "Schneider Electric Software, LLC", "Sensormatic Electronics, LLC, Johnson Controls Inc.").
// A key is the name with case, diacritics, punctuation, spacing and legal forms taken out and known
// aliases resolved; a name that lists several companies also yields one key per company.

const spelledOut: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', ı: 'i' };

/**
 * Repairs UTF-8 text that was decoded as Latin-1 on its way into a document ("GeutebrÃ¼ck" →
 * "Geutebrück"); several CISA documents carry such names. Text that does not decode cleanly is
 * returned unchanged.
 */
export function repairMojibake(text: string): string {
  const latin1Only = [...text].every((character) => character.codePointAt(0)! <= 0xff);
  if (!latin1Only || !/[\u00c2-\u00f4][\u0080-\u00bf]/.test(text)) return text;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(text, 'latin1'));
  } catch {
    return text;
  }
}

/**
 * Lower case, with German umlauts and ß spelled out as a German would without the letters
 * (Müller → mueller, Meißel → meissel, so "Weidmueller" = "Weidmüller") and other diacritics
 * dropped (Leão → leao).
 */
export function foldLetters(text: string): string {
  return repairMojibake(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[äöüßæœøđłı]/g, (letter) => spelledOut[letter]!)
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** Legal forms, as dot-less lower-case words; longer forms first so "gmbh & co kg" goes as a whole. */
const legalForms: string[][] = [
  'gmbh & co kgaa', 'gmbh & co kg', 'ag & co kgaa', 'ag & co kg', 'se & co kg', 'se + co kg', 'gmbh & co', 'sp z o o',
  'co ltd', 'pte ltd', 'pty ltd', 'ltda me', 'gmbh', 'gesmbh', 'mbh', 'ag', 'kgaa', 'kg', 'se', 'ohg', 'ek', 'ug', 'inc', 'incorporated',
  'llc', 'llp', 'ltd', 'limited', 'ltda', 'co', 'company', 'corp', 'corporation', 'plc', 'sa', 'sas', 'sarl', 'srl', 'spa',
  'bv', 'nv', 'ab', 'oy', 'oyj', 'aktiebolag', 'kk',
].map((form) => form.split(' ')).sort((a, b) => b.length - a.length);

const connectors = new Set(['&', '+', 'and', 'und']);

/** Words that introduce a company in a list ("Sensormatic Electronics, LLC, a subsidiary of Johnson Controls"). */
const introductions: string[][] = [['a', 'subsidiary', 'of'], ['an', 'affiliate', 'of'], ['subsidiary', 'of'], ['formerly', 'known', 'as'], ['formerly'], ['part', 'of']];

/** Single words that are no company on their own when a list is split ("Hirschmann Automation and Control"). */
const genericWords = new Set([
  'automation', 'company', 'control', 'controls', 'electric', 'electronics', 'engineering', 'group', 'holdings', 'industries',
  'international', 'medical', 'networks', 'software', 'solutions', 'systems', 'technologies', 'technology',
]);

const endsWith = (words: string[], tail: string[]): boolean =>
  tail.length <= words.length && tail.every((word, index) => words[words.length - tail.length + index] === word);

/** Takes legal forms and dangling connectors off the end of a company name's words ("pilz gmbh & co kg" → "pilz"). */
export function stripLegalForms(words: string[]): string[] {
  const rest = [...words];
  for (;;) {
    if (rest.length > 0 && connectors.has(rest.at(-1)!)) {
      rest.pop();
      continue;
    }
    const form = legalForms.find((candidate) => endsWith(rest, candidate));
    if (!form) return rest;
    rest.splice(rest.length - form.length, form.length);
  }
}

/** The words of one company name: folded, dots dropped ("S.A." → "sa"), "&" and "+" as words of their own. */
function wordsOf(text: string): string[] {
  return foldLetters(text)
    .replace(/\./g, '')
    .replace(/([&+])/g, ' $1 ')
    .split(/[^\p{L}\p{N}&+]+/u)
    .filter((word) => word.length > 0);
}

function withoutIntroduction(words: string[]): string[] {
  const introduction = introductions.find((candidate) => candidate.every((word, index) => words[index] === word));
  return introduction ? words.slice(introduction.length) : words;
}

/** The name's letters and digits only, so spacing and punctuation do not count ("Control By Web" = "ControlByWeb"). */
const compact = (words: string[]): string => words.filter((word) => !connectors.has(word)).join('');

interface VendorParts {
  /** The companies the name lists, in order, as words (one entry for an ordinary name). */
  companies: string[][];
  /** Parenthesised notes: abbreviations and former names ("(GE)", "(formerly PSI Nentec GmbH)"). */
  notes: string[][];
}

/**
 * Splits a vendor branch into the companies it names. CISA lists several in one branch ("ABB,
 * Phoenix Contact, Schneider Electric, Siemens, and WAGO") and writes a parent after its subsidiary
 * ("Exacq Technologies, Johnson Controls Inc."); commas also separate legal forms ("Haas
 * Automation, Inc"), which vanish here.
 */
function vendorParts(name: string): VendorParts {
  const notes: string[][] = [];
  const outside = name.replace(/\(([^()]*)\)/g, (_match, note: string) => {
    notes.push(withoutIntroduction(stripLegalForms(wordsOf(note))));
    return ' ';
  });
  const companies = outside
    .split(/,|;|\s+-\s+|\band\b|\bund\b/i)
    .map((part) => withoutIntroduction(stripLegalForms(wordsOf(part))))
    .filter((words) => words.length > 0);
  return { companies, notes: notes.filter((words) => words.length > 0) };
}

/** The key of a name before aliases: every company it lists, legal forms and connectors removed. */
function plainKey(name: string): string {
  return compact(vendorParts(name).companies.flat());
}

const aliasIndex = new Map<string, string>();
for (const entry of vendorAliases) {
  const canonical = plainKey(entry.name);
  for (const spelling of [entry.name, ...entry.aliases]) aliasIndex.set(plainKey(spelling), canonical);
}

const resolve = (key: string): string => aliasIndex.get(key) ?? key;

/**
 * The comparison key of a vendor name: "Siemens AG" → "siemens", "Phoenix Contact GmbH & Co. KG" →
 * "phoenixcontact", "Allen-Bradley" → "rockwellautomation", "WAGO Kontakttechnik" → "wago". Empty
 * for an empty name. This is what `vendor_norm` should hold.
 */
export function vendorKey(name: string): string {
  const cached = keyCache.get(name);
  if (cached !== undefined) return cached;
  if (keyCache.size >= 10_000) keyCache.clear();
  const key = computeVendorKey(name);
  keyCache.set(name, key);
  return key;
}

const keyCache = new Map<string, string>();

function computeVendorKey(name: string): string {
  const plain = plainKey(name);
  if (aliasIndex.has(plain)) return resolve(plain);
  // "PHOENIX CONTACT, Innominate Security Technologies" lists one company under two of its names.
  const companies = new Set(vendorParts(name).companies.map((words) => resolve(compact(words))));
  return companies.size === 1 ? [...companies][0]! : plain;
}

/**
 * Every key a vendor name answers to: the whole name's key first, then one per company it lists
 * and per abbreviation or former name in parentheses ("General Electric (GE)" → generalelectric, ge
 * → generalelectric). Lone generic words ("Control" from "Hirschmann Automation and Control") are
 * left out.
 */
export function vendorKeys(name: string): string[] {
  // Matching asks for the same few hundred vendor names again and again.
  const cached = keysCache.get(name);
  if (cached) return [...cached];
  if (keysCache.size >= 10_000) keysCache.clear();
  const keys = computeVendorKeys(name);
  keysCache.set(name, keys);
  return [...keys];
}

const keysCache = new Map<string, string[]>();

function computeVendorKeys(name: string): string[] {
  const whole = vendorKey(name);
  if (whole === '') return [];
  const { companies, notes } = vendorParts(name);
  const parts = [...companies, ...notes]
    .filter((words) => !(words.length === 1 && genericWords.has(words[0]!)))
    .map((words) => resolve(compact(words)))
    .filter((key) => key !== '');
  return [...new Set([whole, ...parts])];
}

/** True when both names name the same company, or one names a company the other lists. */
export function sameVendor(a: string, b: string): boolean {
  const keys = new Set(vendorKeys(a));
  return vendorKeys(b).some((key) => keys.has(key));
}

export type VendorRelationKind = 'same' | 'related' | 'different';

/**
 * How two vendor names relate: the same company, related companies whose products appear under
 * each other's name (parent and spin-off, see `relatedVendors`), or different companies.
 */
export function vendorRelation(a: string, b: string): { relation: VendorRelationKind; why: string | null } {
  if (sameVendor(a, b)) return { relation: 'same', why: null };
  const left = new Set(vendorKeys(a));
  const right = new Set(vendorKeys(b));
  const related = relatedVendors.find((pair) => {
    const x = vendorKey(pair.a);
    const y = vendorKey(pair.b);
    return (left.has(x) && right.has(y)) || (left.has(y) && right.has(x));
  });
  return related ? { relation: 'related', why: related.why } : { relation: 'different', why: null };
}
