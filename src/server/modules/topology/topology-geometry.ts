import type { LayoutBox, TopologyLayout } from './topology-layout.ts';

// Plain geometry of the topology drawing: rectangles, points and the overlap checks the layout's
// tests assert with (`layoutProblems`). Touching edges do not count as overlap.

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Tolerance for floating point sums: 1/1000 px. */
const EPSILON = 1e-3;

/** True when the interiors of `a` and `b` share an area (touching edges do not). */
export function rectsOverlap(a: Rect, b: Rect): boolean {
  return (
    a.x < b.x + b.width - EPSILON &&
    b.x < a.x + a.width - EPSILON &&
    a.y < b.y + b.height - EPSILON &&
    b.y < a.y + a.height - EPSILON
  );
}

/** True when `inner` lies within `outer` (edges may coincide). */
export function rectContains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x - EPSILON &&
    inner.y >= outer.y - EPSILON &&
    inner.x + inner.width <= outer.x + outer.width + EPSILON &&
    inner.y + inner.height <= outer.y + outer.height + EPSILON
  );
}

/** The pairs (by index) of rectangles that overlap; a sweep over x, fine for thousands of boxes. */
export function overlappingPairs(rects: readonly Rect[]): [number, number][] {
  const order = rects.map((_, index) => index).sort((a, b) => rects[a]!.x - rects[b]!.x);
  const pairs: [number, number][] = [];
  const active: number[] = [];
  for (const index of order) {
    const rect = rects[index]!;
    for (let position = active.length - 1; position >= 0; position--) {
      const other = rects[active[position]!]!;
      if (other.x + other.width <= rect.x + EPSILON) active.splice(position, 1);
    }
    for (const otherIndex of active) {
      if (rectsOverlap(rect, rects[otherIndex]!)) pairs.push(otherIndex < index ? [otherIndex, index] : [index, otherIndex]);
    }
    active.push(index);
  }
  return pairs;
}

/**
 * True when the axis-parallel or oblique line segment from `a` to `b` passes through the interior
 * of `rect` (running along or ending on its edge does not count).
 */
export function segmentCrossesRect(a: Point, b: Point, rect: Rect): boolean {
  const left = rect.x + EPSILON;
  const right = rect.x + rect.width - EPSILON;
  const top = rect.y + EPSILON;
  const bottom = rect.y + rect.height - EPSILON;
  if (left >= right || top >= bottom) return false;
  // Liang–Barsky clipping of the segment against the shrunken rectangle.
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const clip = (p: number, q: number): boolean => {
    if (Math.abs(p) < 1e-12) return q > 0;
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
    return true;
  };
  return clip(-dx, a.x - left) && clip(dx, right - a.x) && clip(-dy, a.y - top) && clip(dy, bottom - a.y) && t1 - t0 > 1e-9;
}

/** The smallest rectangle holding all `rects` (a zero rectangle for none). */
export function boundingRect(rects: readonly Rect[]): Rect {
  if (rects.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const left = Math.min(...rects.map((rect) => rect.x));
  const top = Math.min(...rects.map((rect) => rect.y));
  const right = Math.max(...rects.map((rect) => rect.x + rect.width));
  const bottom = Math.max(...rects.map((rect) => rect.y + rect.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * Every problem of a layout as text; an empty list is a sound layout: boxes inside their parents
 * and overlapping none but their ancestors, labels inside their owners (conduit badges inside their
 * frame) overlapping no other label and no box but their owner's ancestors, arrows orthogonal,
 * through no box but site frames, ending on box edges.
 */
export function layoutProblems(layout: TopologyLayout): string[] {
  const problems: string[] = [];
  const byId = new Map(layout.boxes.map((box) => [box.elementId, box]));
  if (byId.size !== layout.boxes.length) problems.push('duplicate box ids');
  const ancestors = (box: LayoutBox): Set<string> => {
    const found = new Set<string>();
    for (let parent = box.parentId; parent !== null; parent = byId.get(parent)?.parentId ?? null) found.add(parent);
    return found;
  };
  const ancestry = new Map(layout.boxes.map((box) => [box.elementId, ancestors(box)]));
  const related = (a: LayoutBox, b: LayoutBox) => ancestry.get(a.elementId)!.has(b.elementId) || ancestry.get(b.elementId)!.has(a.elementId);

  // Boxes: inside their parent, inside the drawing, and no overlap unless one holds the other.
  for (const box of layout.boxes) {
    const parent = box.parentId === null ? { x: 0, y: 0, width: layout.width, height: layout.height } : byId.get(box.parentId);
    if (!parent) problems.push(`${box.elementId}: parent ${box.parentId} missing`);
    else if (!rectContains(parent, box)) problems.push(`${box.elementId} lies outside its parent ${box.parentId ?? 'drawing'}`);
  }
  for (const [a, b] of overlappingPairs(layout.boxes)) {
    const first = layout.boxes[a]!;
    const second = layout.boxes[b]!;
    if (!related(first, second)) problems.push(`boxes overlap: ${first.elementId} and ${second.elementId}`);
  }

  // Labels: inside their owner, overlapping no other label and no box but their owner's ancestors.
  const arrowsById = new Map(layout.arrows.map((arrow) => [arrow.elementId, arrow]));
  const labels = [...layout.labels, ...layout.arrows.map((arrow) => arrow.badge)];
  for (const label of labels) {
    const owner = byId.get(label.ownerId);
    const arrow = arrowsById.get(label.ownerId);
    const container = owner ?? layout.boxes.find((box) => box.kind === 'site' && box.siteKey === arrow?.siteKey);
    if (!container) {
      problems.push(`label "${label.text}" has no owner ${label.ownerId}`);
      continue;
    }
    if (!rectContains(container, label)) problems.push(`label "${label.text}" lies outside ${container.elementId}`);
    const allowed = new Set([container.elementId, ...ancestry.get(container.elementId)!]);
    for (const box of layout.boxes) {
      if (!allowed.has(box.elementId) && rectsOverlap(box, label)) problems.push(`label "${label.text}" of ${label.ownerId} overlaps box ${box.elementId}`);
    }
  }
  for (const [a, b] of overlappingPairs(labels)) problems.push(`labels overlap: "${labels[a]!.text}" (${labels[a]!.ownerId}) and "${labels[b]!.text}" (${labels[b]!.ownerId})`);

  // Arrows: orthogonal, through no box but frames, starting and ending on the edge of a box.
  const solid = layout.boxes.filter((box) => box.kind !== 'site');
  for (const arrow of layout.arrows) {
    arrow.points.slice(1).forEach((point, index) => {
      const previous = arrow.points[index]!;
      if (previous.x !== point.x && previous.y !== point.y) problems.push(`${arrow.elementId}: oblique segment`);
      for (const box of solid) if (segmentCrossesRect(previous, point, box)) problems.push(`${arrow.elementId} runs through ${box.elementId}`);
    });
    for (const end of [arrow.points[0]!, arrow.points[arrow.points.length - 1]!]) {
      const onEdge = solid.some((box) => (end.y === box.y || end.y === box.y + box.height) && end.x > box.x && end.x < box.x + box.width);
      if (!onEdge) problems.push(`${arrow.elementId} ends at (${end.x}, ${end.y}), on no box edge`);
    }
  }
  return problems;
}
