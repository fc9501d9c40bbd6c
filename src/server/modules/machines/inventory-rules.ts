import { PackageURL } from 'packageurl-js';

// Pure checks of inventory values: MAC addresses, CPE 2.3 formatted strings and package URLs (IP
// addresses and CIDR blocks: sites/cidr.ts). The
// API and the importer use the same functions, so a value accepted by one is accepted by the other.

/**
 * The MAC address in lower-case colon form (`00:1b:1b:aa:bb:cc`), or null when `value` is none.
 * Accepts colons, hyphens, Cisco dots (`001b.1baa.bbcc`) or twelve bare hex digits.
 */
export function normaliseMac(value: string): string | null {
  const text = value.trim();
  let hex: string | null = null;
  if (/^[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}$/i.test(text)) hex = text.replace(/[:-]/g, '');
  else if (/^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i.test(text)) hex = text.replace(/\./g, '');
  else if (/^[0-9a-f]{12}$/i.test(text)) hex = text;
  if (hex === null) return null;
  return hex.toLowerCase().match(/../g)!.join(':');
}

// CPE 2.3 formatted string binding (NISTIR 7695 §6.2): `cpe:2.3:` and eleven attributes, split at
// colons not escaped by a backslash. An attribute is `*` (ANY), `-` (NA), or a value of letters,
// digits, `-`, `.`, `_` and backslash-escaped punctuation, with optional wildcards at either end.
const CPE_VALUE = /^(?:\?+|\*)?(?:[A-Za-z0-9._-]|\\[\\*?!"#$%&'()+,/:;<=>@[\]^`{|}~])+(?:\?+|\*)?$/;
const CPE_LANGUAGE = /^[A-Za-z]{2,3}(?:-(?:[A-Za-z]{2}|[0-9]{3}))?$/;
const CPE_ATTRIBUTES = 11;
const CPE_LANGUAGE_INDEX = 6;

/** Splits a CPE formatted string at colons that are not escaped; escapes stay in the parts. */
function splitCpe(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let index = 0; index < value.length; index++) {
    const char = value[index]!;
    if (char === '\\' && index + 1 < value.length) {
      current += char + value[index + 1]!;
      index++;
    } else if (char === ':') {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

/** True when `value` is a syntactically valid CPE 2.3 formatted string (matching checks the rest). */
export function isCpe23(value: string): boolean {
  if (!value.startsWith('cpe:2.3:')) return false;
  const attributes = splitCpe(value.slice('cpe:2.3:'.length));
  if (attributes.length !== CPE_ATTRIBUTES) return false;
  return attributes.every((attribute, index) => {
    if (attribute === '*' || attribute === '-') return true;
    if (index === 0) return /^[aoh]$/.test(attribute);
    if (index === CPE_LANGUAGE_INDEX) return CPE_LANGUAGE.test(attribute);
    return CPE_VALUE.test(attribute);
  });
}

/** True when `value` parses as a package URL (packageurl-js) and has no unencoded whitespace. */
export function isPurl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    PackageURL.fromString(value);
    return true;
  } catch {
    return false;
  }
}
