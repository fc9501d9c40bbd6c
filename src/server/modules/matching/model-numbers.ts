// Model, order and part numbers (CSAF `model_numbers`, `skus`, `serial_numbers`, and the numbers
// advisories write into product names) against what the inventory holds. Spacing, hyphens and case
// do not count: Siemens prints "6ES7 516-3AN01-0AB0", the type plate and the CSAF helper say
// "6ES7516-3AN01-0AB0". Patterns take CSAF's wildcards — `*` for any run of characters, `?` for
// exactly one, `\` to escape either — and the lower-case placeholders of the CISA corpus: "x" in
// "750-880/xxx-xxx", "ATV6xx", "140CPU65xxxxx"; "x", "y", "z" in Mitsubishi's "FX5U-xMy/z".

/** Separators that differ between a type plate, a catalogue and a document: whitespace, hyphens and dashes, underscores. */
const separators = /[\s\p{Pd}_]+/gu;

/** The comparison form of a model number: NFKC, upper case, without spaces, hyphens or underscores. */
export function normaliseModelNumber(value: string): string {
  return value.normalize('NFKC').replace(separators, '').toUpperCase();
}

/**
 * True when the lower-case x, y and z of a pattern are placeholders: the pattern has no other
 * lower-case letter ("750-880/xxx-xxx", "FX5U-xMy/z"). A model number typed all in lower case
 * ("6es7412-1xj07-0ab0") keeps its x as a letter.
 */
export function usesPlaceholderLetters(pattern: string): boolean {
  const lower = pattern.normalize('NFKC').match(/\p{Ll}/gu) ?? [];
  return lower.length > 0 && lower.every((letter) => letter === 'x' || letter === 'y' || letter === 'z');
}

/** True when the pattern has a wildcard or a placeholder, i.e. stands for more than one model number. */
export function isModelNumberPattern(pattern: string): boolean {
  return /(^|[^\\])(\\\\)*[*?]/.test(pattern) || usesPlaceholderLetters(pattern);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The pattern as an anchored regular expression over normalised model numbers. `values` narrows a
 * placeholder to the values an advisory lists for it ("x=32,64,80, y=T,R" → x ∈ {32, 64, 80}).
 */
export function modelNumberRegExp(pattern: string, values: Record<string, string[]> = {}): RegExp {
  const placeholders = usesPlaceholderLetters(pattern);
  const text = pattern.normalize('NFKC').replace(separators, '');
  let source = '';
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (character === '\\' && index + 1 < text.length) {
      index += 1;
      source += escapeRegExp(text[index]!.toUpperCase());
    } else if (character === '*') {
      source += '.*';
    } else if (character === '?') {
      source += '.';
    } else if (placeholders && (character === 'x' || character === 'y' || character === 'z')) {
      // A run of the same placeholder letter stands for one varying part, whose length the corpus
      // does not keep ("140CPU65xxxxx" covers 140CPU65150).
      while (text[index + 1] === character) index += 1;
      const allowed = values[character]?.map((value) => escapeRegExp(normaliseModelNumber(value)));
      source += allowed && allowed.length > 0 ? `(?:${allowed.join('|')})` : '.+?';
    } else {
      source += escapeRegExp(character.toUpperCase());
    }
  }
  return new RegExp(`^${source}$`, 'u');
}

/**
 * True when `value` (an inventory model number) is the model number `pattern` names, or one of
 * those it stands for. An empty pattern or value matches nothing.
 */
export function modelNumberMatches(pattern: string, value: string, values: Record<string, string[]> = {}): boolean {
  const normalised = normaliseModelNumber(value);
  if (normalised === '' || normaliseModelNumber(pattern) === '') return false;
  return modelNumberRegExp(pattern, values).test(normalised);
}

/**
 * The values an advisory lists for the placeholders of a pattern in a product name:
 * "MELSEC iQ-F FX5U-xMy/z x=32,64,80, y=T,R, z=ES,DS,ESS,DSS" → {x: [32, 64, 80], y: [T, R], z: [ES, DS, ESS, DSS]}.
 * Lists run together without separators ("x=326480") cannot be split and are left out.
 */
export function placeholderValues(text: string): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const match of text.matchAll(/(?:^|[\s,])([xyz])=([A-Za-z0-9]+(?:[,.][A-Za-z0-9]+)*)/g)) {
    const listed = match[2]!.split(/[,.]/);
    if (listed.length > 1) values[match[1]!] = listed;
  }
  return values;
}

/**
 * A token that looks like a model or order number: six or more characters without spaces, with a
 * digit, and an upper-case letter, a wildcard or six digits ("6GK5208-0BA00-2AC2", "BMXP34*",
 * "2404671", "750-8202/025-001").
 */
export function looksLikeModelNumber(token: string): boolean {
  const text = token.trim();
  const digits = text.replace(/\D/g, '').length;
  return text.length >= 6 && digits > 0 && /^[A-Za-z0-9][A-Za-z0-9\-/.*?]*$/.test(text) && (/[A-Z*?]/.test(text) || digits >= 6);
}

/** Labels that introduce model numbers in a product name's note ("MLFB: …", "part numbers …", "Article number …"). */
const modelLabel = /^(?:mlfb|part\s+n(?:umbers?|°|o\.?)|article\s+(?:number|no\.?)|order\s+(?:number|no\.?|code)|p\/n)\s*:?\s*/i;

/**
 * The model numbers an advisory writes into a product name's parentheses:
 * "SCALANCE XC208 (6GK5208-0BA00-2AC2)" → [6GK5208-0BA00-2AC2],
 * "Modicon M340 CPU (part numbers BMXP34*)" → [BMXP34*],
 * "SIMATIC S7-1500 CPU 1518-4 PN/DP MFP (MLFB: 6ES7518-4AX00-1AC0, 6AG1518-4AX00-4AC0, incl. SIPLUS variant)" → both MLFBs.
 */
export function modelNumbersInName(name: string): string[] {
  const found: string[] = [];
  for (const note of name.matchAll(/\(([^()]*)\)/g)) {
    for (const piece of note[1]!.split(/,|;|\band\b/)) {
      const labelled = modelLabel.exec(piece.trim());
      const rest = labelled ? piece.trim().slice(labelled[0].length) : piece;
      const tokens = rest.trim().split(/\s+/).filter((token) => token.length > 0);
      if (labelled) found.push(...tokens);
      else if (tokens.length === 1 && looksLikeModelNumber(tokens[0]!)) found.push(tokens[0]!);
    }
  }
  return [...new Set(found)];
}
