import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { scoreCvssVector, type CvssScore } from '../enrichment/cvss.ts';
import { normaliseCsaf } from './csaf-normalise.ts';
import { createCsafValidator, type CsafValidator } from './csaf-validation.ts';
import {
  AFFECTED_PRODUCT_ID, buildNoticeCsaf, FIXED_PRODUCT_ID, MANUAL_NAMESPACE, manualTrackingId, noticeBytes, noticeFieldOfPath, noticeTitle, type NoticeContent, type NoticeDocumentMeta,
} from './manual-notice-csaf.ts';

const score = scoreCvssVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H') as CvssScore;

const content: NoticeContent = {
  title: null,
  vendor: 'Siemens',
  product: 'SIMATIC S7-1500 CPU 1516-3 PN/DP',
  model_number: '6ES7516-3AN02-0AB0',
  affected_versions: '< V3.1',
  fixed_version: 'V3.1',
  description: 'Der Lieferant meldet telefonisch: Pufferüberlauf im Webserver.\nUpdate folgt.',
  cve: 'CVE-2026-12345',
  channel: 'phone',
  reported_at: '2026-11-26T08:30:00.000Z',
  tlp: 'WHITE',
};

const meta: NoticeDocumentMeta = {
  trackingId: 'PW-MAN-2026-0001',
  revisions: [{ number: '1', date: '2026-11-26T09:00:00.000Z', summary: 'Initial version' }],
  lang: 'de',
  score,
};

describe('manual notice as CSAF: naming and field mapping', () => {
  it('numbers notices PW-MAN-<year>-<at least four digits>', () => {
    assert.equal(manualTrackingId(2026, 1), 'PW-MAN-2026-0001');
    assert.equal(manualTrackingId(2026, 42), 'PW-MAN-2026-0042');
    assert.equal(manualTrackingId(2027, 12345), 'PW-MAN-2027-12345');
  });

  it('titles the document with the user’s title, else vendor, product and range', () => {
    assert.equal(noticeTitle(content), 'Siemens SIMATIC S7-1500 CPU 1516-3 PN/DP < V3.1');
    assert.equal(noticeTitle({ ...content, title: 'Webserver' }), 'Webserver');
  });

  it('traces findings in the document back to the form field', () => {
    assert.equal(noticeFieldOfPath('/product_tree/branches/0/branches/0/branches/1/name'), 'fixed_version');
    assert.equal(noticeFieldOfPath('/product_tree/branches/0/branches/0/branches/0/name'), 'affected_versions');
    assert.equal(noticeFieldOfPath('/product_tree/branches/0/branches/0/branches/0/product/product_identification_helper/model_numbers/0'), 'model_number');
    assert.equal(noticeFieldOfPath('/product_tree/branches/0/branches/0/name'), 'product');
    assert.equal(noticeFieldOfPath('/product_tree/branches/0/name'), 'vendor');
    assert.equal(noticeFieldOfPath('/vulnerabilities/0/scores/0/cvss_v3/baseScore'), 'cvss_vector');
    assert.equal(noticeFieldOfPath('/vulnerabilities/0/cve'), 'cve');
    assert.equal(noticeFieldOfPath('/vulnerabilities/0/remediations/0'), 'fixed_version');
    assert.equal(noticeFieldOfPath('/document/title'), 'title');
    assert.equal(noticeFieldOfPath('/document/tracking/revision_history/0'), null);
    assert.equal(noticeFieldOfPath('/vulnerabilities/0/cvex'), null, 'a prefix only matches whole segments');
    assert.equal(noticeFieldOfPath(undefined), null);
  });

  it('writes keys in sorted order, UTF-8, with a final newline', () => {
    const text = noticeBytes({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 'ü' } }).toString('utf8');
    assert.equal(text, '{\n  "a": {\n    "c": "ü",\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n');
  });
});

describe('manual notice as CSAF: the document', () => {
  let validator: CsafValidator;
  before(async () => {
    validator = await createCsafValidator({ workers: 1 });
  });
  after(async () => {
    await validator.close();
  });

  it('is a valid csaf_base document that fails no mandatory test', async () => {
    const result = await validator.validateBytes(noticeBytes(buildNoticeCsaf(content, meta)));
    assert.equal(result.schemaValid, true);
    assert.deepEqual(result.errors, []);
    assert.equal(result.valid, true);
    // Only the canonical URL (a notice has none) and the free-text range remain as optional findings.
    assert.deepEqual(result.warnings.map((warning) => warning.test).sort(), ['6.2.11', '6.2.18']);
  });

  it('stays valid without the optional parts, with a vers range, and over several revisions', async () => {
    const minimal: NoticeContent = { ...content, model_number: null, fixed_version: null, cve: null, affected_versions: 'vers:generic/<2.4.1', tlp: 'AMBER' };
    const revisions = [
      { number: '1', date: '2026-11-26T09:00:00.000Z', summary: 'Initial version' },
      { number: '2', date: '2026-11-27T10:00:00.000Z', summary: 'Fixed version named' },
      { number: '3', date: '2026-11-28T11:00:00.000Z', summary: '' },
    ];
    for (const [input, withRevisions] of [[minimal, meta.revisions], [content, revisions]] as const) {
      const result = await validator.validateBytes(noticeBytes(buildNoticeCsaf(input, { ...meta, revisions: [...withRevisions], score: null })));
      assert.deepEqual(result.errors, [], JSON.stringify(result.errors));
    }
  });

  it('fails test 6.1.31 when the fixed version is written as a range', async () => {
    const result = await validator.validateBytes(noticeBytes(buildNoticeCsaf({ ...content, fixed_version: 'V3.1 and later' }, meta)));
    assert.equal(result.valid, false);
    assert.deepEqual(result.errors.map((error) => [error.test, noticeFieldOfPath(error.path)]), [['6.1.31', 'fixed_version']]);
  });

  it('normalises into vendor → product → range, the fixed version, the status, score and remediation', () => {
    const normalised = normaliseCsaf(buildNoticeCsaf(content, meta));
    assert.deepEqual([normalised.category, normalised.publisher.namespace, normalised.publisher.category, normalised.tracking.id, normalised.tracking.version, normalised.tlp_label], [
      'csaf_base', MANUAL_NAMESPACE, 'user', 'PW-MAN-2026-0001', '1', 'WHITE',
    ]);
    assert.deepEqual(
      normalised.products.map((product) => [product.product_id, product.vendor_norm, product.product_name, product.product_version_range, product.product_version, product.helpers.model_numbers]),
      [
        [AFFECTED_PRODUCT_ID, 'siemens', 'SIMATIC S7-1500 CPU 1516-3 PN/DP', '< V3.1', null, ['6ES7516-3AN02-0AB0']],
        [FIXED_PRODUCT_ID, 'siemens', 'SIMATIC S7-1500 CPU 1516-3 PN/DP', null, 'V3.1', ['6ES7516-3AN02-0AB0']],
      ],
    );
    assert.deepEqual(normalised.identifiers.map((identifier) => [identifier.product_id, identifier.kind, identifier.value_norm]), [
      [AFFECTED_PRODUCT_ID, 'model_number', '6es7516-3an02-0ab0'],
      [FIXED_PRODUCT_ID, 'model_number', '6es7516-3an02-0ab0'],
    ]);
    const vulnerability = normalised.vulnerabilities[0]!;
    assert.equal(vulnerability.cve, 'CVE-2026-12345');
    assert.deepEqual(vulnerability.product_status, [{ status: 'fixed', product_id: FIXED_PRODUCT_ID }, { status: 'known_affected', product_id: AFFECTED_PRODUCT_ID }]);
    assert.deepEqual(vulnerability.scores.map((entry) => [entry.cvss_version, entry.base_score, entry.base_severity]), [['3.1', 9.8, 'CRITICAL']]);
    assert.deepEqual(vulnerability.remediations.map((remediation) => [remediation.category, remediation.product_ids]), [['vendor_fix', [AFFECTED_PRODUCT_ID]]]);
    assert.equal(vulnerability.notes[0]!.text, content.description);
    assert.match(normalised.notes[0]!.text, /by phone on 2026-11-26T08:30:00.000Z/);
  });

  it('has no fixed product, no remediation and no score when none were given', () => {
    const normalised = normaliseCsaf(buildNoticeCsaf({ ...content, fixed_version: null, cve: null }, { ...meta, score: null }));
    const vulnerability = normalised.vulnerabilities[0]!;
    assert.deepEqual(normalised.products.map((product) => product.product_id), [AFFECTED_PRODUCT_ID]);
    assert.deepEqual([vulnerability.cve, vulnerability.scores, vulnerability.remediations], [null, [], []]);
    assert.deepEqual(vulnerability.product_status, [{ status: 'known_affected', product_id: AFFECTED_PRODUCT_ID }]);
  });
});
