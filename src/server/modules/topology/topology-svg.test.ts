import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layoutTopology } from './topology-layout.ts';
import type { TopologyModel } from './topology-model.ts';
import { escapeXmlAttribute, escapeXmlText, renderTopologySvg } from './topology-svg.ts';
import { generatedPlantModel, HOSTILE, smallPlantModel } from './topology.fixture.ts';

// A tiny XML well-formedness walk (no parser library is installed): elements nest and close,
// attributes are quoted and unique, `<` never appears raw in values, `&` only starts a known entity.

interface XmlElement {
  name: string;
  attributes: Map<string, string>;
  children: XmlElement[];
  /** Direct text content, entities decoded. */
  text: string;
}

const NAME_START = /[A-Za-z_:]/;
const NAME_CHAR = /[-A-Za-z0-9_:.]/;

function decodeEntities(raw: string, where: string): string {
  let out = '';
  for (let index = 0; index < raw.length; index++) {
    const char = raw[index]!;
    if (char !== '&') {
      out += char;
      continue;
    }
    const end = raw.indexOf(';', index);
    if (end < 0) throw new Error(`bare & in ${where}`);
    const entity = raw.slice(index + 1, end);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[entity] !== undefined) out += named[entity];
    else if (entity.startsWith('#x') && entity.length > 2 && [...entity.slice(2)].every((c) => /[0-9a-fA-F]/.test(c))) out += String.fromCodePoint(parseInt(entity.slice(2), 16));
    else if (entity.startsWith('#') && entity.length > 1 && [...entity.slice(1)].every((c) => c >= '0' && c <= '9')) out += String.fromCodePoint(Number(entity.slice(1)));
    else throw new Error(`unknown entity &${entity}; in ${where}`);
    index = end;
  }
  return out;
}

function parseXml(source: string): XmlElement {
  let index = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} at ${index}: ${JSON.stringify(source.slice(index, index + 40))}`);
  };
  const readName = (): string => {
    if (!NAME_START.test(source[index] ?? '')) fail('name expected');
    const start = index;
    while (NAME_CHAR.test(source[index] ?? '')) index++;
    return source.slice(start, index);
  };
  const skipSpace = () => {
    while (' \t\r\n'.includes(source[index] ?? 'x')) index++;
  };
  if (source.startsWith('<?xml')) {
    const end = source.indexOf('?>');
    if (end < 0) fail('unterminated declaration');
    index = end + 2;
  }
  const root: XmlElement = { name: '#document', attributes: new Map(), children: [], text: '' };
  const stack: XmlElement[] = [root];
  while (index < source.length) {
    const current = stack[stack.length - 1]!;
    if (source[index] !== '<') {
      const end = source.indexOf('<', index);
      const raw = source.slice(index, end < 0 ? source.length : end);
      const text = decodeEntities(raw, `text of <${current.name}>`);
      if (current === root && text.trim() !== '') fail('text outside the root');
      current.text += text;
      index += raw.length;
      continue;
    }
    if (source.startsWith('</', index)) {
      index += 2;
      const name = readName();
      skipSpace();
      if (source[index] !== '>') fail('> expected');
      index++;
      if (current.name !== name || stack.length === 1) fail(`</${name}> closes <${current.name}>`);
      stack.pop();
      continue;
    }
    if (source.startsWith('<!--', index)) {
      const end = source.indexOf('-->', index + 4);
      if (end < 0) fail('unterminated comment');
      index = end + 3;
      continue;
    }
    if (source.startsWith('<!', index) || source.startsWith('<?', index)) fail('markup declaration or processing instruction');
    index++;
    const element: XmlElement = { name: readName(), attributes: new Map(), children: [], text: '' };
    for (;;) {
      const before = index;
      skipSpace();
      if (source.startsWith('/>', index)) {
        index += 2;
        current.children.push(element);
        break;
      }
      if (source[index] === '>') {
        index++;
        current.children.push(element);
        stack.push(element);
        break;
      }
      if (before === index) fail('space expected before an attribute');
      const name = readName();
      if (source[index] !== '=') fail('= expected');
      index++;
      const quote = source[index];
      if (quote !== '"' && quote !== "'") fail('quoted value expected');
      const end = source.indexOf(quote!, index + 1);
      if (end < 0) fail('unterminated value');
      const raw = source.slice(index + 1, end);
      if (raw.includes('<')) fail('< in an attribute value');
      if (element.attributes.has(name)) fail(`duplicate attribute ${name}`);
      element.attributes.set(name, decodeEntities(raw, `attribute ${name}`));
      index = end + 1;
    }
    if (current === root && root.children.length > 1) fail('more than one root element');
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1) throw new Error('no root element');
  return root.children[0]!;
}

function allElements(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(allElements)];
}

function allText(element: XmlElement): string {
  return element.text + element.children.map(allText).join('');
}

function render(model: TopologyModel, lang: 'de' | 'en' = 'de', siteKey: string | null = null): { svg: string; root: XmlElement; elements: XmlElement[] } {
  const svg = renderTopologySvg(layoutTopology(model, { lang, siteKey }));
  const root = parseXml(svg);
  return { svg, root, elements: allElements(root) };
}

/** Asserts that every segment, machine and drawn conduit of the model is on an element with its id. */
function assertIdsPresent(model: TopologyModel, elements: XmlElement[]): void {
  const ids = elements.map((element) => element.attributes.get('id')).filter((id): id is string => id !== undefined);
  assert.equal(new Set(ids).size, ids.length, 'element ids are unique');
  const withAttribute = (name: string) => new Map(elements.filter((element) => element.attributes.has(name)).map((element) => [element.attributes.get(name)!, element]));
  const segments = withAttribute('data-segment-id');
  for (const site of model.sites) {
    const frame = elements.find((element) => element.attributes.get('data-site-key') === site.key && element.attributes.get('class') === 'topology-site');
    assert.ok(frame, `site ${site.key} has a frame`);
    for (const segment of site.segments) {
      const element = segments.get(segment.id);
      assert.ok(element, `segment ${segment.id} is drawn`);
      assert.equal(element.attributes.get('id'), `segment-${segment.id}`);
      assert.equal(element.attributes.get('data-segment-key'), segment.key);
      assert.equal(element.attributes.get('data-zone-type'), segment.zoneType);
      for (const machine of segment.machines) {
        const drawn: XmlElement | undefined = allElements(element).find((child) => child.attributes.get('data-machine-id') === machine.machineId);
        assert.ok(drawn, `machine ${machine.machineId} is drawn inside segment ${segment.key}`);
        assert.equal(drawn.attributes.get('data-network-state'), machine.isolated ? 'isolated' : 'connected');
      }
    }
    for (const machine of site.unassigned) assert.ok(allElements(frame).some((child) => child.attributes.get('data-machine-id') === machine.machineId));
  }
  const conduits = elements.filter((element) => element.attributes.get('class') === 'topology-conduit');
  const drawnSegments = new Set(model.sites.flatMap((site) => site.segments.map((segment) => segment.id)));
  for (const conduit of model.conduits) {
    if (![conduit.from, conduit.to].some((end) => end.kind === 'segment' && drawnSegments.has(end.segmentId))) continue;
    const element = conduits.find((candidate) => candidate.attributes.get('data-conduit-id') === conduit.id);
    assert.ok(element, `conduit ${conduit.id} is drawn`);
    assert.equal(element.attributes.get('id'), `conduit-${conduit.id}`);
    assert.equal(element.attributes.get('data-remote-access'), String(conduit.remoteAccess));
    assert.ok(element.children.some((child) => child.name === 'polyline'));
  }
  // Every arrow has its numbered badge, and every badge names an arrow.
  const badges = elements.filter((element) => element.attributes.get('class') === 'topology-conduit-badge').map((element) => element.attributes.get('data-badge-for'));
  assert.deepEqual(badges.sort(), conduits.map((element) => element.attributes.get('id')).sort());
}

describe('topology SVG', () => {
  it('is a well-formed standalone SVG whose elements carry the site, segment, machine and conduit ids', () => {
    const model = smallPlantModel();
    const { root, elements } = render(model);
    assert.equal(root.name, 'svg');
    assert.equal(root.attributes.get('xmlns'), 'http://www.w3.org/2000/svg');
    assert.equal(root.attributes.get('xml:lang'), 'de');
    assert.match(root.attributes.get('viewBox')!, /^0 0 \d+(\.\d)? \d+(\.\d)?$/);
    assert.equal(root.children[0]!.name, 'title');
    assertIdsPresent(model, elements);
    const peers = elements.filter((element) => element.attributes.get('class') === 'topology-peer');
    assert.deepEqual(peers.map((peer) => peer.attributes.get('data-peer-segment-id') ?? null).sort(), [null, 's-z1', 'n-dmz'].sort());
  });

  it('escapes hostile text everywhere and keeps it readable', () => {
    const model = smallPlantModel();
    const { svg, elements } = render(model);
    assert.ok(!svg.includes(HOSTILE), 'raw hostile text never appears');
    assert.ok(!svg.includes('<script'));
    assert.ok(!svg.includes('<b>'));
    assert.ok(!elements.some((element) => element.name === 'script'));
    // Decoded, the names come back as written (truncated in boxes, whole in titles).
    const titles = elements.filter((element) => element.name === 'title').map((element) => element.text);
    assert.ok(titles.some((title) => title.includes(`Werk Nord ${HOSTILE}`)));
    assert.ok(titles.some((title) => title.includes(`DMZ – ${HOSTILE}`)));
    assert.ok(elements.some((element) => element.attributes.get('data-machine-id') === 'N-<b>&"2"'));
  });

  it('has no scripts, event handlers or external references', () => {
    for (const model of [smallPlantModel(), generatedPlantModel(60)]) {
      const { elements } = render(model);
      const names = new Set(elements.map((element) => element.name));
      for (const forbidden of ['script', 'foreignObject', 'image', 'style', 'a', 'use', 'iframe', 'object', 'embed']) assert.ok(!names.has(forbidden), forbidden);
      for (const element of elements) {
        for (const [name, value] of element.attributes) {
          assert.ok(!/^on/i.test(name), `event handler ${name}`);
          assert.ok(!/href$|^src$/i.test(name), `reference ${name}`);
          if (value.includes('url(')) assert.match(value, /^url\(#arrow-(normal|alert)\)$/);
          assert.ok(!/javascript:|data:|https?:\/\/(?!www\.w3\.org\/2000\/svg$)/i.test(value), `${name}=${value}`);
        }
      }
    }
  });

  it('labels in German or English and draws a legend with the numbered conduits', () => {
    const model = smallPlantModel();
    const german = allText(render(model, 'de').root);
    for (const text of ['Internet', 'isoliert', 'Fernzugriff', 'ohne Segment', 'Legende', 'anderer Standort', 'Zweck']) assert.ok(german.includes(text), text);
    const english = render(model, 'en');
    const text = allText(english.root);
    for (const expected of ['Internet', 'isolated', 'Remote access', 'no segment', 'Legend', 'other site', 'Purpose']) assert.ok(text.includes(expected), expected);
    assert.ok(!text.includes('isoliert'));
    assert.equal(english.root.attributes.get('xml:lang'), 'en');
    const legend = english.elements.find((element) => element.attributes.get('id') === 'legend')!;
    assert.ok(allText(legend).includes('Patch-Server'));
  });

  it('renders a generated 200-machine plant with every id', () => {
    const model = generatedPlantModel(200);
    const { elements } = render(model);
    assertIdsPresent(model, elements);
    assert.equal(elements.filter((element) => element.attributes.has('data-machine-id')).length, 200);
  });

  it('drops characters XML cannot hold and escapes attribute quotes', () => {
    assert.equal(escapeXmlText('a\u0001b\uD800c<&>'), 'abc&lt;&amp;&gt;');
    assert.equal(escapeXmlAttribute(`"x" 'y'\n`), '&quot;x&quot; &apos;y&apos;&#10;');
    const model = smallPlantModel();
    model.sites[0]!.segments[0]!.name = 'Büro\u0000\u001b[31m\uDC00';
    const { root } = render(model);
    assert.ok(allText(root).includes('Büro[31m'));
  });

  it('the well-formedness walk refuses broken XML (it can fail)', () => {
    for (const broken of ['<a><b></a>', '<a x="1&">', '<a>&foo;</a>', '<a x="<"/>', '<a x="1" x="2"/>', '<a/><b/>', '<a>', '<a><![CDATA[x]]></a>']) {
      assert.throws(() => parseXml(broken), Error, broken);
    }
    assert.equal(parseXml('<a x="&lt;&#38;">t&amp;</a>').attributes.get('x'), '<&');
  });
});
