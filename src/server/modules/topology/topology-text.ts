// Text metrics of the topology drawing, estimated without a font renderer: per-glyph advance
// widths of DejaVu Sans (the widest of the fonts the SVG names, so Arial and Liberation Sans fit
// too), in em. Unknown glyphs count as wide, so estimates err on the large side and text stays
// inside the boxes sized for it.

/** The font list every text of the drawing uses. */
export const FONT_FAMILY = "'DejaVu Sans', Verdana, Arial, Helvetica, sans-serif";

const advances: Record<string, number> = {
  ' ': 0.318, '!': 0.401, '"': 0.46, '#': 0.838, $: 0.636, '%': 0.95, '&': 0.78, "'": 0.275, '(': 0.39, ')': 0.39, '*': 0.5,
  '+': 0.838, ',': 0.318, '-': 0.361, '.': 0.318, '/': 0.337, ':': 0.337, ';': 0.337, '<': 0.838, '=': 0.838, '>': 0.838,
  '?': 0.531, '@': 1.0, '[': 0.39, '\\': 0.337, ']': 0.39, '^': 0.838, _: 0.5, '`': 0.5, '{': 0.636, '|': 0.337, '}': 0.636,
  '~': 0.838, '·': 0.318, '…': 1.0, '–': 0.5, '—': 1.0, '→': 0.838, '←': 0.838, '↔': 0.838, '§': 0.5, '°': 0.5, '€': 0.636,
  A: 0.684, B: 0.686, C: 0.698, D: 0.77, E: 0.632, F: 0.575, G: 0.775, H: 0.752, I: 0.295, J: 0.295, K: 0.656, L: 0.557, M: 0.863,
  N: 0.748, O: 0.787, P: 0.603, Q: 0.787, R: 0.695, S: 0.635, T: 0.611, U: 0.732, V: 0.684, W: 0.989, X: 0.685, Y: 0.611, Z: 0.685,
  a: 0.613, b: 0.635, c: 0.55, d: 0.635, e: 0.615, f: 0.352, g: 0.635, h: 0.634, i: 0.278, j: 0.278, k: 0.579, l: 0.278, m: 0.974,
  n: 0.634, o: 0.612, p: 0.635, q: 0.635, r: 0.411, s: 0.521, t: 0.392, u: 0.634, v: 0.592, w: 0.818, x: 0.592, y: 0.592, z: 0.525,
  ß: 0.63,
};
const DIGIT = 0.636;
const UNKNOWN = 0.85;
const WIDE = 1.05;
const BOLD_FACTOR = 1.12;
const ELLIPSIS = '…';

const segmenter = new Intl.Segmenter('de', { granularity: 'grapheme' });

/** The grapheme clusters of a text (a base letter with its marks, an emoji sequence) in order. */
function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text.normalize('NFC')), (part) => part.segment);
}

function graphemeAdvance(cluster: string): number {
  const direct = advances[cluster];
  if (direct !== undefined) return direct;
  // Letters with marks (ä, é, Ł …) are as wide as their base letter.
  const base = cluster.normalize('NFD').replace(/\p{M}/gu, '');
  const fromBase = base.length === 1 ? advances[base] : undefined;
  if (fromBase !== undefined) return fromBase;
  if (/^\p{Nd}$/u.test(base)) return DIGIT;
  const codePoint = cluster.codePointAt(0) ?? 0;
  // CJK, Hangul, emoji and other symbols of full width.
  if (codePoint >= 0x1100 || /\p{Extended_Pictographic}/u.test(cluster)) return WIDE;
  return UNKNOWN;
}

/** The estimated width of `text` in pixels at `fontSize` (bold a little wider). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const cluster of graphemes(text)) em += graphemeAdvance(cluster);
  return em * fontSize * (bold ? BOLD_FACTOR : 1);
}

/** The line height of a text line at `fontSize`: room for ascenders and descenders. */
export function lineHeight(fontSize: number): number {
  return Math.ceil(fontSize * 1.3);
}

/** `text` shortened with "…" so that its estimated width is at most `maxWidth`; whole when it fits. */
export function truncateText(text: string, maxWidth: number, fontSize: number, bold = false): string {
  if (textWidth(text, fontSize, bold) <= maxWidth) return text;
  const clusters = graphemes(text);
  const limit = maxWidth - textWidth(ELLIPSIS, fontSize, bold);
  if (limit < 0) return '';
  let width = 0;
  let kept = 0;
  for (const cluster of clusters) {
    const advance = graphemeAdvance(cluster) * fontSize * (bold ? BOLD_FACTOR : 1);
    if (width + advance > limit) break;
    width += advance;
    kept += 1;
  }
  return `${clusters.slice(0, kept).join('').trimEnd()}${ELLIPSIS}`;
}
