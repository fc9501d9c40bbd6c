import type { ZoneType } from '../../db/schema.ts';
import type { LabelTone, LayoutArrow, LayoutBox, LayoutLabel, SwatchKind, TopologyLayout } from './topology-layout.ts';
import { FONT_FAMILY } from './topology-text.ts';

// Renders a topology layout as one standalone SVG document: no scripts, no styles from elsewhere, no
// external references (the only `url(#…)` are the arrowhead markers inside the document). Every
// user text is XML-escaped; elements carry ids and data attributes (segment, conduit, machine,
// site) so the drawing can be checked and linked.

/** True for characters XML 1.0 allows (lone surrogates are not). */
function xmlAllowed(codePoint: number): boolean {
  return codePoint === 0x9 || codePoint === 0xa || codePoint === 0xd || (codePoint >= 0x20 && codePoint <= 0xd7ff) || (codePoint >= 0xe000 && codePoint <= 0xfffd) || codePoint >= 0x10000;
}

/** Text content: `&`, `<`, `>` escaped, characters XML cannot hold dropped. */
export function escapeXmlText(value: string): string {
  let out = '';
  // for…of walks code points; a lone surrogate comes as one unit and is dropped.
  for (const char of value) {
    if (!xmlAllowed(char.codePointAt(0)!)) continue;
    out += char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : char;
  }
  return out;
}

/** An attribute value (always written in double quotes): also quotes and line breaks escaped. */
export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

const zoneColours: Record<ZoneType, { fill: string; stroke: string }> = {
  internet: { fill: '#fde7ef', stroke: '#ad1457' },
  remote_access: { fill: '#f3e5f5', stroke: '#7b1fa2' },
  it: { fill: '#e3f2fd', stroke: '#1565c0' },
  ot_dmz: { fill: '#fff3e0', stroke: '#e65100' },
  ot_cell: { fill: '#e8f5e9', stroke: '#2e7d32' },
  unknown: { fill: '#f5f5f5', stroke: '#616161' },
};
const toneColours: Record<LabelTone, string> = { normal: '#1a1a1a', muted: '#37474f', alert: '#b71c1c' };
const LINE_COLOUR = '#37474f';
const ALERT_COLOUR = '#c2185b';
const ISOLATED_COLOUR = '#c62828';

interface BoxStyle {
  fill: string;
  stroke: string;
  strokeWidth: number;
  dash?: string;
  radius: number;
}

function swatchStyle(swatch: SwatchKind): BoxStyle {
  switch (swatch) {
    case 'unassigned':
      return { fill: '#fafafa', stroke: '#757575', strokeWidth: 1, dash: '5 3', radius: 4 };
    case 'peer':
      return { fill: '#ffffff', stroke: '#546e7a', strokeWidth: 1, dash: '2 2', radius: 4 };
    case 'isolated':
      return { fill: '#ffffff', stroke: ISOLATED_COLOUR, strokeWidth: 1.5, dash: '4 2', radius: 3 };
    default:
      return { ...zoneColours[swatch], strokeWidth: 1.25, radius: 4 };
  }
}

function boxStyle(box: LayoutBox): BoxStyle | null {
  switch (box.kind) {
    case 'heading':
      return null;
    case 'note':
      return { fill: '#ffffff', stroke: '#90a4ae', strokeWidth: 1, radius: 4 };
    case 'internet':
      return { ...zoneColours.internet, strokeWidth: 2, radius: 22 };
    case 'site':
      return { fill: '#ffffff', stroke: '#263238', strokeWidth: 1.5, radius: 8 };
    case 'segment':
      return { ...zoneColours[box.zoneType ?? 'unknown'], strokeWidth: 1.25, radius: 6 };
    case 'peer':
      return swatchStyle('peer');
    case 'unassigned':
      return swatchStyle('unassigned');
    case 'machine':
      return box.isolated ? swatchStyle('isolated') : { fill: '#ffffff', stroke: '#455a64', strokeWidth: 1, radius: 3 };
    case 'legend':
      return { fill: '#ffffff', stroke: '#90a4ae', strokeWidth: 1, radius: 6 };
    case 'swatch':
      return swatchStyle(box.swatch ?? 'unknown');
  }
}

const num = (value: number): string => String(Math.round(value * 10) / 10);

function attributes(entries: Record<string, string | number | undefined>): string {
  return Object.entries(entries)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${typeof value === 'number' ? num(value) : escapeXmlAttribute(value)}"`)
    .join('');
}

function boxData(box: LayoutBox): Record<string, string | undefined> {
  switch (box.kind) {
    case 'site':
      return { 'data-site-key': box.siteKey };
    case 'segment':
      return { 'data-segment-id': box.segmentId, 'data-segment-key': box.segmentKey, 'data-site-key': box.siteKey, 'data-zone-type': box.zoneType };
    case 'machine':
      return { 'data-machine-id': box.machineId, 'data-network-state': box.isolated ? 'isolated' : 'connected', 'data-site-key': box.siteKey };
    case 'peer':
      return { 'data-peer-segment-id': box.peerSegmentId, 'data-peer-site-key': box.peerSiteKey, 'data-site-key': box.siteKey };
    case 'unassigned':
      return { 'data-site-key': box.siteKey };
    case 'internet':
      return { 'data-zone-type': 'internet' };
    default:
      return {};
  }
}

function renderRect(rect: { x: number; y: number; width: number; height: number }, style: BoxStyle): string {
  return `<rect${attributes({
    x: rect.x, y: rect.y, width: rect.width, height: rect.height, rx: style.radius,
    fill: style.fill, stroke: style.stroke, 'stroke-width': style.strokeWidth, 'stroke-dasharray': style.dash,
  })}/>`;
}

/** A line of text; its baseline sits one font size below the label's top. */
function renderLabel(label: LayoutLabel): string {
  const parts: string[] = [];
  if (label.padX > 0) {
    const colour = label.tone === 'alert' ? ALERT_COLOUR : LINE_COLOUR;
    parts.push(`<rect${attributes({ x: label.x, y: label.y, width: label.width, height: label.height, rx: label.height / 2, fill: '#ffffff', stroke: colour, 'stroke-width': 1 })}/>`);
  }
  const baseline = label.y + (label.height - label.fontSize * 1.2) / 2 + label.fontSize * 0.95;
  parts.push(
    `<text${attributes({ x: label.x + label.padX, y: baseline, 'font-size': label.fontSize, 'font-weight': label.bold ? 'bold' : undefined, fill: toneColours[label.tone] })}>${escapeXmlText(label.text)}</text>`,
  );
  return parts.join('');
}

function renderArrowLine(arrow: Pick<LayoutArrow, 'points' | 'alert'>): string {
  return `<polyline${attributes({
    points: arrow.points.map((point) => `${num(point.x)},${num(point.y)}`).join(' '),
    fill: 'none',
    stroke: arrow.alert ? ALERT_COLOUR : LINE_COLOUR,
    'stroke-width': arrow.alert ? 1.75 : 1.5,
    'stroke-dasharray': arrow.alert ? '6 4' : undefined,
    'marker-end': arrow.alert ? 'url(#arrow-alert)' : 'url(#arrow-normal)',
  })}/>`;
}

/** Renders the layout as a standalone SVG document (UTF-8). */
export function renderTopologySvg(layout: TopologyLayout): string {
  const children = new Map<string | null, LayoutBox[]>();
  for (const box of layout.boxes) {
    const list = children.get(box.parentId);
    if (list) list.push(box);
    else children.set(box.parentId, [box]);
  }
  const labelsOf = new Map<string, LayoutLabel[]>();
  for (const label of layout.labels) {
    const list = labelsOf.get(label.ownerId);
    if (list) list.push(label);
    else labelsOf.set(label.ownerId, [label]);
  }

  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1"${attributes({
      width: layout.width, height: layout.height, viewBox: `0 0 ${num(layout.width)} ${num(layout.height)}`,
      'xml:lang': layout.lang, role: 'img', 'aria-labelledby': 'topology-title topology-desc', 'font-family': FONT_FAMILY,
    })}>`,
  );
  out.push(`<title id="topology-title">${escapeXmlText(layout.title)}</title>`);
  out.push(`<desc id="topology-desc">${escapeXmlText(layout.description)}</desc>`);
  out.push('<defs>');
  for (const [id, colour] of [['arrow-normal', LINE_COLOUR], ['arrow-alert', ALERT_COLOUR]] as const) {
    out.push(`<marker${attributes({ id, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, markerUnits: 'userSpaceOnUse', orient: 'auto' })}><path d="M0,0 L10,5 L0,10 z"${attributes({ fill: colour })}/></marker>`);
  }
  out.push('</defs>');
  out.push(`<rect${attributes({ x: 0, y: 0, width: layout.width, height: layout.height, fill: '#ffffff' })}/>`);

  const renderBox = (box: LayoutBox): void => {
    out.push(`<g${attributes({ id: box.elementId, class: `topology-${box.kind}`, ...boxData(box) })}>`);
    out.push(`<title>${escapeXmlText(box.title)}</title>`);
    const style = boxStyle(box);
    if (style) out.push(renderRect(box, style));
    for (const label of labelsOf.get(box.elementId) ?? []) out.push(renderLabel(label));
    for (const child of children.get(box.elementId) ?? []) renderBox(child);
    out.push('</g>');
  };
  for (const box of children.get(null) ?? []) {
    if (box.kind === 'legend') continue;
    renderBox(box);
  }

  out.push('<g id="conduits">');
  for (const arrow of layout.arrows) {
    out.push(
      `<g${attributes({
        id: arrow.elementId, class: 'topology-conduit', 'data-conduit-id': arrow.conduitId, 'data-conduit-number': String(arrow.number),
        'data-remote-access': String(arrow.remoteAccess), 'data-internet': String(arrow.internet), 'data-site-key': arrow.siteKey,
      })}>`,
    );
    out.push(`<title>${escapeXmlText(arrow.title)}</title>`);
    out.push(renderArrowLine(arrow));
    out.push('</g>');
  }
  // Badges above every line, so no line runs over a number.
  for (const arrow of layout.arrows) {
    out.push(`<g${attributes({ class: 'topology-conduit-badge', 'data-badge-for': arrow.elementId })}><title>${escapeXmlText(arrow.title)}</title>${renderLabel(arrow.badge)}</g>`);
  }
  out.push('</g>');

  for (const box of children.get(null) ?? []) {
    if (box.kind !== 'legend') continue;
    out.push(`<g${attributes({ id: box.elementId, class: 'topology-legend' })}>`);
    out.push(`<title>${escapeXmlText(box.title)}</title>`);
    out.push(renderRect(box, boxStyle(box)!));
    for (const label of labelsOf.get(box.elementId) ?? []) out.push(renderLabel(label));
    for (const child of children.get(box.elementId) ?? []) renderBox(child);
    for (const sample of layout.legendLines) out.push(renderArrowLine(sample));
    out.push('</g>');
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
