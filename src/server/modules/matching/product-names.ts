import { looksLikeModelNumber, modelNumbersInName } from './model-numbers.ts';
import { foldLetters, sameVendor, vendorKey, vendorKeys } from './vendor-names.ts';

// Product names as a plant writes them ("SIMATIC S7-1500 CPU 1516F-3 PN/DP", "CPU 1516-3 PN/DP",
// "SINAMICS S120") against the product_name branches of CSAF advisories ("SIMATIC S7-1500 CPU family
// (incl. related ET200 CPUs and SIPLUS variants)", "SCALANCE XC208 (6GK5208-0BA00-2AC2)",
// "Siemens SINUMERIK 840D sl"). A name is read into words plus what its notes say (model numbers,
// included variants, qualifiers, a family marker, a version, a setting); names then match exactly,
// as member of a family the advisory names, or not at all. Versions are not judged here: the
// matcher checks them against the branch's range.

/** A product name taken apart. */
export interface ProductName {
  /** The name proper, lower-case words: vendor prefix, notes, version and family marker removed. */
  words: string[];
  /** The name is a family or series ("… CPU family", "Relion 670 series", "(All models)"). */
  family: boolean;
  /** What an "(incl. …)" note adds: ["siplus", "variants"], ["s615"], ["related", "et200", "cpus"]. */
  includes: string[][];
  /** Other notes, as words, that narrow the product ("(TIA Portal)", "(Annex A)", "(ports on rear)"). */
  qualifiers: string[][];
  /** Model numbers written into the name's notes, as written. */
  models: string[];
  /** A trailing version the name carries ("SIMATIC WinCC V16" → "v16"). */
  version: string | null;
  /** A trailing clause that places the product ("controlling a HARTFORD 5A-65E CNC machine"). */
  setting: string | null;
}

/** Notes that say nothing about which product is meant. */
const metaNote = /^(?:discontinued(?: product)?|(?:these products are )?sold in limited regions|formerly\b.*|also part of\b.*|part of\b.*|all versions|end of life)$/i;

/** Notes that make the name a family. */
const familyNote = /^all (?:models|variants|types)$/i;

/** Clauses that place a product rather than name it. */
const settingClause = /\s+((?:controlling|running|containing|using|installed on|redistributed with|with serial number)\b.*)$/i;

/** Phrases at the end of a name that add nothing ("M340 CPUs with firmware", "switches running firmware"). */
const emptyTail = /\s+(?:with|running)\s+firmware\s*$/i;

/** Trailing words that name the whole line: "family", "series", and plurals of what the line is made of. */
const familyWords = new Set(['family', 'series', 'devices', 'products', 'controllers', 'cpus', 'plcs', 'modules']);

/** Trailing words that do not change which product is meant ("IGSS Software" = "IGSS", "750-881 firmware"). */
const genericWords = new Set(['firmware', 'fw', 'software', 'cpu', 'plc', 'device', 'product']);

/** The words of free text: folded, split at punctuation; a version ("V4.94") stays one word. */
export function productWords(text: string): string[] {
  return foldLetters(text)
    .split(/[^\p{L}\p{N}.]+/u)
    .flatMap((word) => {
      const trimmed = word.replace(/^\.+|\.+$/g, '');
      return /^v\d+(?:\.\d+)*$/.test(trimmed) ? [trimmed] : trimmed.split('.');
    })
    .filter((word) => word.length > 0);
}

const compact = (words: string[]): string => words.join('');

/**
 * How many leading words of `words` spell `prefix` (spacing aside: "s7 1500" = "s71500"), or null
 * when they do not.
 */
export function prefixLength(words: string[], prefix: string[]): number | null {
  const target = compact(prefix);
  let spelled = '';
  for (let count = 0; count <= words.length; count += 1) {
    if (spelled === target) return count;
    if (count === words.length || !target.startsWith(spelled + words[count]!)) return null;
    spelled += words[count]!;
  }
  return null;
}

/** Drops a leading vendor name ("Siemens SINUMERIK 840D sl", "HEIDENHAIN TNC 640", "Allen-Bradley Stratix 5900"). */
export function withoutVendorPrefix(words: string[], vendors: string[]): string[] {
  const keys = new Set(vendors.flatMap((vendor) => vendorKeys(vendor)));
  for (let count = Math.min(3, words.length - 1); count >= 1; count -= 1) {
    if (keys.has(vendorKey(words.slice(0, count).join(' ')))) return words.slice(count);
  }
  return words;
}

/** Takes a trailing version off ("simatic wincc v16" → v16, "… v5.1 sp1" → v5.1 sp1). */
export function splitTrailingVersion(words: string[]): { words: string[]; version: string | null } {
  let end = words.length;
  // Service packs, updates and hotfixes after the version: "V16 SP1", "V15.1 Update 6", "V4.7 HF27".
  while (end > 1 && /^(?:sp|update|upd|hf)?\d+$|^(?:sp|update|upd|hf)$/.test(words[end - 1]!) && !/^v\d/.test(words[end - 1]!)) end -= 1;
  if (end > 1 && /^v\d+(?:\.\d+)*$/.test(words[end - 1]!)) return { words: words.slice(0, end - 1), version: words.slice(end - 1).join(' ') };
  return { words, version: null };
}

/** Takes trailing family words off; "family" and "series" inside a name ("MELSEC iQ-R series Safety CPU") go too. */
export function splitFamily(words: string[]): { words: string[]; family: boolean } {
  const rest = [...words];
  let family = false;
  while (rest.length > 1 && familyWords.has(rest.at(-1)!)) {
    rest.pop();
    family = true;
    if (rest.length > 1 && rest.at(-1) === 'product') rest.pop();
  }
  const inner = rest.filter((word) => word !== 'family' && word !== 'series');
  return { words: inner.length > 0 ? inner : rest, family };
}

/** The name without trailing words that do not change the product ("IGSS Software" → "igss"). */
export function coreWords(words: string[]): string[] {
  let end = words.length;
  while (end > 1 && genericWords.has(words[end - 1]!)) end -= 1;
  return words.slice(0, end);
}

interface NoteParts {
  includes: string[][];
  qualifiers: string[][];
  models: string[];
  family: boolean;
}

/** Reads the parenthesised notes of a name: model numbers, "incl." lists, family notes, narrowing qualifiers. */
export function readNotes(notes: string[]): NoteParts {
  const parts: NoteParts = { includes: [], qualifiers: [], models: [], family: false };
  for (const note of notes) {
    parts.models.push(...modelNumbersInName(`(${note})`));
    let including = false;
    for (const piece of note.split(/[,;]/).map((text) => text.trim()).filter((text) => text.length > 0)) {
      const inclusion = /^(?:including|includes|incl\.|incl(?=[\s']))\s*'?\s*(.*)$/i.exec(piece);
      if (inclusion || including) {
        including = true;
        for (const item of (inclusion ? inclusion[1]! : piece).split(/\band\b/i)) {
          const words = productWords(item);
          if (words.length > 0) parts.includes.push(words);
        }
      } else if (familyNote.test(piece)) {
        parts.family = true;
      } else if (!metaNote.test(piece) && !/^(?:mlfb|part|article|order|p\/n)\b/i.test(piece) && !piece.split(/\s+/).some(looksLikeModelNumber)) {
        const words = productWords(piece);
        if (words.length > 0) parts.qualifiers.push(words);
      }
    }
  }
  return parts;
}

/** True when a note only abbreviates the name ("CONPROSYS HMI System (CHS)", "PI Software Development Kit (SDK)"). */
export function isAcronymOf(note: string[], words: string[]): boolean {
  return note.length === 1 && /^[a-z]{2,6}$/.test(note[0]!) && words.map((word) => word[0]).join('').includes(note[0]!);
}

/** Reads a product name; `vendors` are the names whose prefix is dropped (the component's and the advisory's vendor). */
export function parseProductName(name: string, vendors: string[] = []): ProductName {
  const notes: string[] = [];
  const outside = name.replace(/\(([^()]*)\)/g, (_match, note: string) => {
    notes.push(note);
    return ' ';
  }).replace(emptyTail, '');
  const setting = settingClause.exec(outside);
  const main = setting ? outside.slice(0, setting.index) : outside;
  const noteParts = readNotes(notes);
  const versioned = splitTrailingVersion(withoutVendorPrefix(productWords(main), vendors));
  const familied = splitFamily(versioned.words);
  return {
    words: familied.words,
    family: familied.family || noteParts.family,
    includes: noteParts.includes,
    qualifiers: noteParts.qualifiers.filter((qualifier) => !isAcronymOf(qualifier, familied.words)),
    models: noteParts.models,
    version: versioned.version,
    setting: setting ? setting[1]!.trim() : null,
  };
}

/**
 * The comparison key of a product name: its core words run together ("Siemens SIMATIC S7-1500 CPU
 * 1516-3 PN/DP" with vendor Siemens → "simatics71500cpu15163pndp"). Names with the same key are the
 * same product; family and variant rules need `matchProductName`. This is what
 * `product_name_norm` should hold.
 */
export function productKey(name: string, vendor = ''): string {
  return compact(coreWords(parseProductName(name, vendor === '' ? [] : [vendor]).words));
}

/** Brand words a vendor puts before its product lines; a plant often leaves them out ("S7-1500" for "SIMATIC S7-1500"). */
const brandWords: Record<string, string[]> = {
  [vendorKey('Siemens')]: ['simatic', 'sinumerik', 'sinamics', 'simotion', 'scalance', 'sinec', 'sicam', 'siprotec', 'ruggedcom', 'sitop', 'sentron', 'sirius', 'siplus'],
  [vendorKey('Schneider Electric')]: ['modicon'],
  [vendorKey('Mitsubishi Electric')]: ['melsec'],
  [vendorKey('Omron')]: ['sysmac'],
};

/** Names a plant shortens to the module ("CPU 1516-3 PN/DP") whose product line the vendor's numbering gives away. */
const impliedLines: { vendor: string; pattern: RegExp; line: string[] }[] = [
  { vendor: vendorKey('Siemens'), pattern: /^cpu 15\d\d(?:f|t|tf|r|h)? /, line: ['simatic', 's7', '1500'] },
  { vendor: vendorKey('Siemens'), pattern: /^cpu 121\d(?:c|fc) /, line: ['simatic', 's7', '1200'] },
  { vendor: vendorKey('Siemens'), pattern: /^cpu 31\d/, line: ['simatic', 's7', '300'] },
  { vendor: vendorKey('Siemens'), pattern: /^cpu 41\d/, line: ['simatic', 's7', '400'] },
];

/** Completes a shortened name with the product line its vendor's numbering implies. */
export function withImpliedLine(words: string[], vendor: string): string[] {
  const key = vendorKey(vendor);
  const implied = impliedLines.find((entry) => entry.vendor === key && entry.pattern.test(`${words.join(' ')} `));
  return implied ? [...implied.line, ...words] : words;
}

/** Puts the other name's brand word in front of a name that has none ("S7-1500 …" next to "SIMATIC S7-1500 …"). */
export function withBrandOf(words: string[], other: string[], vendor: string): string[] {
  const brands = brandWords[vendorKey(vendor)] ?? [];
  if (words.length === 0 || brands.includes(words[0]!) || !brands.includes(other[0] ?? '')) return words;
  return [other[0]!, ...words];
}

/**
 * True when the words after a line name read like a model of that line ("Modicon M340" → "BMX P34
 * 2020", "SIMATIC S7-200 SMART" → "CPU SR20") rather than another product that shares the start
 * ("SIMATIC WinCC" → "OA", "SINUMERIK 828D" → "HW PU.4", "SINUMERIK ONE" → "/ 840D sl Handheld Terminal").
 */
export function looksLikeModelOfLine(extra: string[]): boolean {
  const partWords = new Set(['hw', 'hardware', 'handheld', 'terminal', 'panel', 'panels', 'license', 'licence', 'client', 'server', 'tool', 'tools', 'manager', 'configurator', 'adapter', 'kit', 'simulator', 'rail', 'coated']);
  if (extra.length === 0 || extra.some((word) => partWords.has(word))) return false;
  const start = extra[0] === 'cpu' ? extra.slice(1) : extra;
  return start.slice(0, 2).some((word) => /\d/.test(word));
}

export type ProductNameRule =
  | 'different-vendor'
  | 'same-name'
  | 'same-name-in-setting'
  | 'family-member'
  | 'family-named'
  | 'included-variant'
  | 'line-member'
  | 'advisory-more-specific'
  | 'different-product';

export interface ProductNameMatch {
  match: 'exact' | 'family' | 'none';
  rule: ProductNameRule;
  reason: string;
  /** A version the advisory writes into the product name; the component's version must be of it. */
  versionInName: string | null;
}

/** A product as named by its vendor and name (for an advisory: the vendor and product_name branches). */
export interface NamedProduct {
  vendor: string;
  name: string;
}

/** Covered through an "(incl. …)" note: SIPLUS variants, related ET 200 CPUs, or a product the note lists. */
function includedBy(advisory: ProductName, component: string[], vendor: string): string | null {
  const brand = advisory.words[0];
  for (const item of advisory.includes) {
    const text = item.join(' ');
    if (/^siplus( net)? variants?$/.test(text) && component[0] === 'siplus') {
      const rest = component[1] === 'net' ? component.slice(2) : component.slice(1);
      const variant = brand && rest[0] !== brand ? [brand, ...rest] : rest;
      const covered = advisory.family ? prefixLength(variant, advisory.words) !== null : compact(coreWords(variant)) === compact(coreWords(advisory.words));
      if (covered) return `the advisory includes SIPLUS variants`;
    } else if (/^related et ?200 cpus$/.test(text)) {
      const joined = component.join(' ');
      // The ET 200SP Open Controller is a PC with a software controller, listed on its own.
      if (/\bet ?200/.test(joined) && /\bcpu\b/.test(joined) && !/\bopen controller\b/.test(joined)) return 'the advisory includes related ET 200 CPUs';
    } else {
      const listed = item.filter((word) => word !== 'variants' && word !== 'variant');
      const own = withBrandOf(listed, advisory.words, vendor);
      if (listed.length > 0 && (prefixLength(component, own) !== null || prefixLength(component, listed) !== null)) return `the advisory includes ${listed.join(' ')}`;
    }
  }
  return null;
}

/**
 * Whether an advisory's product names the component: `exact` (the same product), `family` (the
 * advisory names a family, line or variant set the component belongs to) or `none`. The vendors
 * must be the same (`sameVendor`); the version is not judged.
 */
export function matchProductName(advisory: NamedProduct, component: NamedProduct): ProductNameMatch {
  const result = (match: ProductNameMatch['match'], rule: ProductNameRule, reason: string, version: string | null = null): ProductNameMatch =>
    ({ match, rule, reason, versionInName: version });
  if (!sameVendor(advisory.vendor, component.vendor)) {
    return result('none', 'different-vendor', `vendor "${component.vendor}" is not "${advisory.vendor}"`);
  }
  const vendors = [advisory.vendor, component.vendor];
  const theirs = parseProductName(advisory.name, vendors);
  const ours = parseProductName(component.name, vendors);
  const version = theirs.version;
  const advisoryWords = withBrandOf(withImpliedLine(theirs.words, advisory.vendor), ours.words, advisory.vendor);
  const named = `"${advisory.name}"`;

  // The advisory's notes narrow the product: the component has to say the same somewhere. The
  // component's own notes that the advisory lacks make it a more specific product.
  const ownWords = withBrandOf(withImpliedLine(ours.words, advisory.vendor), advisoryWords, advisory.vendor);
  const present = new Set([...ownWords, ...ours.qualifiers.flat()]);
  const missing = theirs.qualifiers.find((qualifier) => !qualifier.every((word) => present.has(word)));
  if (missing) return result('none', 'advisory-more-specific', `${named} is narrowed to (${missing.join(' ')}), which "${component.name}" does not say`, version);
  const unshared = ours.qualifiers.filter((qualifier) => !theirs.qualifiers.some((other) => compact(other) === compact(qualifier)));
  const componentWords = [...ownWords, ...unshared.flat()];

  const advisoryCore = coreWords(advisoryWords);
  const componentCore = coreWords(componentWords);
  if (compact(advisoryCore) === compact(componentCore)) {
    if (theirs.family) return result('family', 'family-named', `"${component.name}" names the family ${named} itself`, version);
    if (theirs.setting) return result('exact', 'same-name-in-setting', `same product; the advisory places it: ${theirs.setting}`, version);
    return result('exact', 'same-name', `same product as ${named}`, version);
  }
  if (theirs.family && prefixLength(componentWords, advisoryWords) !== null) {
    return result('family', 'family-member', `"${component.name}" belongs to the family ${named}`, version);
  }
  const included = includedBy({ ...theirs, words: advisoryWords }, componentWords, advisory.vendor);
  if (included) return result('family', 'included-variant', `${included}: "${component.name}" is covered by ${named}`, version);

  const shorter = prefixLength(advisoryWords, componentCore);
  if (shorter !== null) {
    return result('none', 'advisory-more-specific', `${named} is more specific than "${component.name}" (adds "${advisoryWords.slice(shorter).join(' ')}")`, version);
  }
  const longer = prefixLength(componentWords, advisoryCore);
  if (longer !== null) {
    const extra = componentWords.slice(longer);
    if (looksLikeModelOfLine(extra)) return result('family', 'line-member', `"${component.name}" is a model of the line ${named}`, version);
    return result('none', 'different-product', `"${component.name}" is another product than ${named} (adds "${extra.join(' ')}")`, version);
  }
  return result('none', 'different-product', `"${component.name}" is another product than ${named}`, version);
}
