import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layoutProblems } from './topology-geometry.ts';
import { layoutTopology, type LayoutBox, type TopologyLayout } from './topology-layout.ts';
import type { TopologyModel } from './topology-model.ts';
import { textWidth, truncateText } from './topology-text.ts';
import { denseSiteModel, generatedPlantModel, smallPlantModel } from './topology.fixture.ts';

function assertSound(layout: TopologyLayout): void {
  const problems = layoutProblems(layout);
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
}

/** Every segment, machine and conduit of the model is drawn: segments and machines exactly once. */
function assertComplete(model: TopologyModel, layout: TopologyLayout): void {
  const segmentBoxes = layout.boxes.filter((box) => box.kind === 'segment').map((box) => box.segmentId);
  assert.deepEqual(segmentBoxes.sort(), model.sites.flatMap((site) => site.segments.map((segment) => segment.id)).sort());
  const machineBoxes = layout.boxes.filter((box) => box.kind === 'machine').map((box) => box.machineId!);
  const machines = model.sites.flatMap((site) => [...site.unassigned, ...site.segments.flatMap((segment) => segment.machines)]).map((machine) => machine.machineId);
  assert.deepEqual(machineBoxes.sort(), machines.sort());
  const drawnSegments = new Set(segmentBoxes);
  const drawn = model.conduits.filter((conduit) => [conduit.from, conduit.to].some((end) => end.kind === 'segment' && drawnSegments.has(end.segmentId)));
  assert.deepEqual([...new Set(layout.arrows.map((arrow) => arrow.conduitId))].sort(), drawn.map((conduit) => conduit.id).sort());
  assert.deepEqual([...new Set(layout.arrows.map((arrow) => arrow.number))].sort((a, b) => a - b), drawn.map((_, index) => index + 1));
}

describe('topology layout', () => {
  it('lays out the small hand-written plant without overlaps, in German and English', () => {
    const model = smallPlantModel();
    for (const lang of ['de', 'en'] as const) {
      const layout = layoutTopology(model, { lang, siteKey: null });
      assertSound(layout);
      assertComplete(model, layout);
    }
  });

  it('draws the special cases: isolated machines, the no-segment box, peers of other and hidden sites, cross-site conduits twice', () => {
    const model = smallPlantModel();
    const layout = layoutTopology(model, { lang: 'de', siteKey: null });
    const box = (predicate: (box: LayoutBox) => boolean) => layout.boxes.filter(predicate);
    const isolated = box((entry) => entry.kind === 'machine' && entry.isolated === true).map((entry) => entry.machineId);
    assert.deepEqual(isolated.sort(), ['N-<b>&"2"', 'N-LOSE'].sort());
    const unassigned = box((entry) => entry.kind === 'unassigned');
    assert.equal(unassigned.length, 1);
    assert.deepEqual(box((entry) => entry.parentId === unassigned[0]!.elementId).map((entry) => entry.machineId), ['N-LOSE']);
    const labelsOf = (ownerId: string) => layout.labels.filter((label) => label.ownerId === ownerId).map((label) => label.text);
    assert.ok(labelsOf(box((entry) => entry.machineId === 'N-LOSE')[0]!.elementId).includes('isoliert'));
    assert.ok(labelsOf(box((entry) => entry.machineId === 'N-DM-1')[0]!.elementId).includes('auch: DMZ'));
    // Peers: SUED / ZELLE 1 in NORD, NORD / DMZ in SUED, and the anonymous other site in NORD.
    const peers = box((entry) => entry.kind === 'peer');
    assert.deepEqual(peers.map((peer) => [peer.siteKey, peer.peerSiteKey ?? null]).sort(), [['NORD', 'SUED'], ['NORD', null], ['SUED', 'NORD']].sort());
    const cross = layout.arrows.filter((arrow) => arrow.conduitId === 'k-cross');
    assert.deepEqual(cross.map((arrow) => [arrow.elementId, arrow.siteKey]), [['conduit-k-cross', 'NORD'], ['conduit-k-cross-2', 'SUED']]);
    // Remote access and internet conduits are marked; others are not.
    const alert = (id: string) => layout.arrows.find((arrow) => arrow.conduitId === id)!.alert;
    assert.deepEqual(['k-inet-ra', 'k-ra-z1', 'k-dmz-inet', 'k-it-dmz', 'k-z1-z2'].map(alert), [true, true, true, false, false]);
    // The internet box is on top, above every frame.
    const internet = box((entry) => entry.kind === 'internet')[0]!;
    for (const frame of box((entry) => entry.kind === 'site')) assert.ok(internet.y + internet.height <= frame.y);
    // Arrows run from their `from` end: the internet conduit starts at the internet box.
    const inbound = layout.arrows.find((arrow) => arrow.conduitId === 'k-inet-ra')!;
    assert.equal(inbound.points[0]!.y, internet.y + internet.height);
    const outbound = layout.arrows.find((arrow) => arrow.conduitId === 'k-dmz-inet')!;
    assert.equal(outbound.points[outbound.points.length - 1]!.y, internet.y + internet.height);
  });

  it('truncates long texts with … and keeps the full text', () => {
    const layout = layoutTopology(smallPlantModel(), { lang: 'de', siteKey: null });
    const long = layout.labels.find((label) => label.fullText.startsWith('Fräse mit einem Namen'))!;
    assert.ok(long.text.endsWith('…'));
    assert.ok(long.text.length < long.fullText.length);
    const machine = layout.boxes.find((box) => box.machineId === 'N-FR-3')!;
    assert.match(machine.title, /gekürzt werden muss/);
  });

  it('stacks zones as in IEC 62443: remote access and IT above the DMZ, the DMZ above the cells', () => {
    const layout = layoutTopology(smallPlantModel(), { lang: 'de', siteKey: null });
    const top = (id: string) => layout.boxes.find((box) => box.segmentId === id)!.y;
    assert.ok(top('n-ra') === top('n-it'));
    assert.ok(top('n-it') < top('n-dmz'));
    assert.ok(top('n-dmz') < top('n-z1'));
    assert.ok(top('n-z1') === top('n-z2'));
    assert.ok(top('n-z1') < top('n-unk'));
  });

  it('lays out a generated 200-machine plant (all sites, and each site alone) without overlaps', () => {
    const model = generatedPlantModel(200);
    assert.equal(model.sites.reduce((sum, site) => sum + site.segments.reduce((inner, segment) => inner + segment.machines.length, 0), 0), 200);
    const all = layoutTopology(model, { lang: 'de', siteKey: null });
    assertSound(all);
    assertComplete(model, all);
    for (const site of model.sites) {
      const single = { sites: [site], conduits: model.conduits };
      const layout = layoutTopology(single, { lang: 'en', siteKey: site.key });
      assertSound(layout);
      assertComplete(single, layout);
    }
  });

  it('keeps a dense site (20 segments, 250 machines, 62 conduits) readable and free of overlaps', () => {
    const model = denseSiteModel(250);
    const layout = layoutTopology(model, { lang: 'de', siteKey: 'DICHT' });
    assertSound(layout);
    assertComplete(model, layout);
    // Machine texts keep a readable size: no font below 10 px, machine boxes at least 112 px wide.
    assert.ok(layout.labels.every((label) => label.fontSize >= 10));
    assert.ok(layout.boxes.filter((box) => box.kind === 'machine').every((box) => box.width >= 112));
  });

  it('is deterministic', () => {
    const model = generatedPlantModel(120, 3);
    assert.deepEqual(layoutTopology(model, { lang: 'de', siteKey: null }), layoutTopology(generatedPlantModel(120, 3), { lang: 'de', siteKey: null }));
  });

  it('draws an empty scope as a note', () => {
    const layout = layoutTopology({ sites: [], conduits: [] }, { lang: 'en', siteKey: null });
    assertSound(layout);
    assert.deepEqual(layout.labels.map((label) => label.text), ['Network topology: all sites', 'No site in your scope.']);
    assert.deepEqual(layout.arrows, []);
  });

  it('finds overlaps it is meant to find (the checks can fail)', () => {
    const layout = layoutTopology(smallPlantModel(), { lang: 'de', siteKey: null });
    const machines = layout.boxes.filter((box) => box.kind === 'machine' && box.parentId === 'segment-n-z1');
    const broken: TopologyLayout = {
      ...layout,
      boxes: layout.boxes.map((box) => (box === machines[1] ? { ...box, x: machines[0]!.x + 5 } : box)),
    };
    assert.ok(layoutProblems(broken).some((problem) => problem.startsWith('boxes overlap')));
    const outside: TopologyLayout = { ...layout, boxes: layout.boxes.map((box) => (box === machines[0] ? { ...box, y: box.y - 200 } : box)) };
    assert.ok(layoutProblems(outside).some((problem) => problem.includes('outside its parent')));
    const arrow = layout.arrows[0]!;
    const badge = { ...arrow.badge, x: machines[0]!.x, y: machines[0]!.y };
    assert.ok(layoutProblems({ ...layout, arrows: [{ ...arrow, badge }, ...layout.arrows.slice(1)] }).some((problem) => problem.includes('overlaps box')));
  });
});

describe('topology text metrics', () => {
  it('estimates widths per glyph and truncates to a width', () => {
    assert.ok(textWidth('WWW', 10) > textWidth('iii', 10) * 2);
    assert.ok(textWidth('Ä', 10) === textWidth('A', 10));
    assert.ok(textWidth('abc', 10, true) > textWidth('abc', 10));
    const cut = truncateText('Bearbeitungszentrum', 60, 10);
    assert.ok(cut.endsWith('…'));
    assert.ok(textWidth(cut, 10) <= 60);
    assert.equal(truncateText('kurz', 60, 10), 'kurz');
    // Grapheme clusters stay whole.
    assert.ok(!truncateText('👩‍🔧👩‍🔧👩‍🔧👩‍🔧', 30, 10).includes('\u200d…'));
  });
});
