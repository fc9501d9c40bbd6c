import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bomFileName, bomRefs, machineBom, machineProperties, serializeBom, tableFromBom, uuidFromDigest, type CdxBom } from './cyclonedx.ts';
import { cyclonedxProblems, cyclonedxSchemaProblems, readCycloneDx } from './cyclonedx-validation.ts';

// The CycloneDX codec and the document checks, without a database.

const options = { timestamp: '2026-11-26T08:00:00.000Z', toolVersion: '9.9.9' };

const machine = {
  site: 'NORD', area: 'Halle 2', machine_id: 'PR-1', machine_name: 'Presse Müller', machine_vendor: 'Schuler', machine_model: 'MSP 400',
  serial_number: 'S-1', machine_type: 'Presse', criticality: 'high', updatable: 'yes', end_of_support: '2029-12-31', network_state: 'connected',
  segment: 'cell-1|cell-2', ip: '10.1.0.5|10.2.0.5', mac: '00:1b:1b:aa:bb:cc|', hostname: 'pr-1|pr-1b',
};
const components = [
  { component_type: 'firmware', component_vendor: 'Bosch Rexroth', component_name: 'IndraDrive', component_version: '20V14', model_number: 'HCS01' },
  { component_type: 'os', component_name: 'Windows 10 IoT', component_version: '21H2', purl: 'pkg:generic/windows@21H2' },
  { component_type: 'plc', component_vendor: 'Siemens', component_name: 'S7-1500', component_version: '2.9.4', model_number: '6ES7516', cpe: 'cpe:2.3:o:siemens:s7-1500_firmware:2.9.4:*:*:*:*:*:*:*' },
];

function parse(bom: CdxBom): CdxBom {
  return JSON.parse(serializeBom(bom).toString('utf8')) as CdxBom;
}

describe('CycloneDX codec', () => {
  it('writes a machine as a valid CycloneDX 1.6 BOM: device with properties, typed components, tools, dependencies', async () => {
    const bom = machineBom({ machine, components }, options);
    const text = serializeBom(bom).toString('utf8');
    assert.deepEqual(await cyclonedxSchemaProblems(text), []);
    assert.deepEqual(await cyclonedxProblems('x.cdx.json', JSON.parse(text)), []);
    assert.equal(bom.specVersion, '1.6');
    assert.match(bom.serialNumber!, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(bom.metadata!.timestamp, options.timestamp);
    assert.deepEqual(bom.metadata!.tools, { components: [{ type: 'application', manufacturer: { name: 'Patchwerk' }, name: 'Patchwerk', version: '9.9.9' }] });
    const device = bom.metadata!.component!;
    assert.deepEqual([device.type, device['bom-ref'], device.name, device.manufacturer?.name], ['device', 'PR-1', 'Presse Müller', 'Schuler']);
    const properties = Object.fromEntries((device.properties ?? []).map((property) => [property.name, property.value]));
    assert.deepEqual(Object.keys(properties), machineProperties.map(([, name]) => name), 'every machine property, in a fixed order');
    assert.equal(properties['patchwerk:site'], 'NORD');
    assert.equal(properties['patchwerk:model'], 'MSP 400');
    assert.equal(properties['patchwerk:ip'], '10.1.0.5|10.2.0.5');
    assert.equal(properties['patchwerk:line'], '', 'unset fields are written empty');
    assert.deepEqual(bom.components!.map((component) => [component.type, component.name, component.supplier?.name, component.version, component.cpe, component.purl, component.properties]), [
      ['firmware', 'IndraDrive', 'Bosch Rexroth', '20V14', undefined, undefined, [{ name: 'patchwerk:component_type', value: 'firmware' }, { name: 'patchwerk:model_number', value: 'HCS01' }]],
      ['operating-system', 'Windows 10 IoT', undefined, '21H2', undefined, 'pkg:generic/windows@21H2', [{ name: 'patchwerk:component_type', value: 'os' }]],
      ['firmware', 'S7-1500', 'Siemens', '2.9.4', 'cpe:2.3:o:siemens:s7-1500_firmware:2.9.4:*:*:*:*:*:*:*', undefined, [{ name: 'patchwerk:component_type', value: 'plc' }, { name: 'patchwerk:model_number', value: '6ES7516' }]],
    ]);
    assert.deepEqual(bom.dependencies, [{ ref: 'PR-1', dependsOn: bom.components!.map((component) => component['bom-ref']) }]);
  });

  it('maps every Patchwerk component type to a CycloneDX type', () => {
    const types = ['firmware', 'os', 'application', 'hmi', 'plc', 'network', 'other'];
    const bom = machineBom({ machine, components: types.map((type) => ({ component_type: type, component_name: `c-${type}` })) }, options);
    assert.deepEqual(bom.components!.map((component) => component.type), ['firmware', 'operating-system', 'application', 'application', 'firmware', 'firmware', 'application']);
  });

  it('is deterministic: the serial number depends on the content, not on the timestamp', () => {
    const first = machineBom({ machine, components }, options);
    const later = machineBom({ machine, components }, { ...options, timestamp: '2027-01-01T00:00:00.000Z' });
    assert.equal(later.serialNumber, first.serialNumber);
    assert.deepEqual({ ...later, metadata: { ...later.metadata, timestamp: '' } }, { ...first, metadata: { ...first.metadata, timestamp: '' } });
    const changed = machineBom({ machine: { ...machine, criticality: 'low' }, components }, options);
    assert.notEqual(changed.serialNumber, first.serialNumber);
    const refs = bomRefs(first).map((entry) => entry.ref);
    assert.equal(new Set(refs).size, refs.length, 'bom-refs are unique');
    assert.ok(refs.slice(1).every((ref) => /^component-[0-9a-f]{16}$/.test(ref)), refs.join());
  });

  it('reads its own BOM back into the same cells, one row per component', () => {
    const table = tableFromBom('pr-1.cdx.json', parse(machineBom({ machine, components }, options)));
    assert.deepEqual(table.errors, []);
    assert.deepEqual(table.warnings, []);
    assert.equal(table.cyclonedx.siteMissing, false);
    assert.deepEqual(table.rows.map((row) => row.row), [2, 3, 4]);
    for (const [index, row] of table.rows.entries()) {
      for (const [column, value] of Object.entries(machine)) assert.equal(row.cells[column as keyof typeof row.cells], value, column);
      const expected = components[index]!;
      for (const column of ['component_type', 'component_vendor', 'component_name', 'component_version', 'model_number', 'cpe', 'purl'] as const) {
        assert.equal(row.cells[column] ?? '', expected[column] ?? '', `${index} ${column}`);
      }
    }
    assert.equal(table.cyclonedx.locate(4, 'cpe'), '/components/2/cpe');
    assert.equal(table.cyclonedx.locate(2, 'model_number'), '/components/0/properties/1/value');
    assert.equal(table.cyclonedx.locate(3, 'component_type'), '/components/1/properties/0/value');
    assert.equal(table.cyclonedx.locate(3, 'criticality'), '/metadata/component/properties/7/value');
    assert.equal(table.cyclonedx.locate(2, 'machine_vendor'), '/metadata/component/manufacturer/name');
    assert.equal(table.cyclonedx.locate(2, 'machine_id'), '/metadata/component/bom-ref');
  });

  it('reads foreign BOMs: types mapped back, nested components, vendor fallbacks, skipped non-software, absent properties', () => {
    const bom: CdxBom = {
      bomFormat: 'CycloneDX', specVersion: '1.6',
      metadata: { component: { type: 'device', 'bom-ref': 'KUKA-7', name: 'Roboter', supplier: { name: 'KUKA' }, properties: [{ name: 'patchwerk:criticality', value: 'hoch' }, { name: 'patchwerk:colour', value: 'orange' }, { name: 'vendor:x', value: 'y' }] } },
      components: [
        { type: 'operating-system', name: 'VxWorks', version: '6.9', manufacturer: { name: 'Wind River' } },
        { type: 'application', name: 'KSS', version: '8.6', publisher: 'KUKA', components: [{ type: 'library', name: 'openssl', version: '1.1.1w', purl: 'pkg:generic/openssl@1.1.1w' }] },
        { type: 'cryptographic-asset', name: 'AES-128-GCM' },
        { type: 'device', name: 'Servo X' },
        { type: 'firmware', name: 'Safety', properties: [{ name: 'patchwerk:component_type', value: 'plc' }] },
      ],
    };
    const table = tableFromBom('kuka.cdx.json', bom);
    assert.deepEqual(table.errors, []);
    assert.equal(table.cyclonedx.siteMissing, true);
    assert.equal(table.headers.criticality, 'criticality');
    assert.equal(table.headers.area, undefined, 'absent properties are absent columns: stored values stay');
    assert.deepEqual(table.rows.map((row) => [row.cells.component_type, row.cells.component_name, row.cells.component_vendor, row.cells.machine_vendor, row.cells.criticality, row.cells.site]), [
      ['os', 'VxWorks', 'Wind River', 'KUKA', 'hoch', ''],
      ['application', 'KSS', 'KUKA', 'KUKA', 'hoch', ''],
      ['application', 'openssl', '', 'KUKA', 'hoch', ''],
      ['other', 'Servo X', '', 'KUKA', 'hoch', ''],
      ['plc', 'Safety', '', 'KUKA', 'hoch', ''],
    ]);
    assert.deepEqual(table.warnings.map((warning) => [warning.code, warning.path, warning.value]), [
      ['INVENTORY_COLUMN_IGNORED', '/metadata/component/properties/1/name', 'patchwerk:colour'],
      ['CYCLONEDX_TYPE_MAPPED', '/components/1/components/0/type', 'library'],
      ['CYCLONEDX_COMPONENT_SKIPPED', '/components/2/type', 'cryptographic-asset'],
      ['CYCLONEDX_TYPE_MAPPED', '/components/3/type', 'device'],
    ]);
    assert.equal(table.cyclonedx.locate(4, 'purl'), '/components/1/components/0/purl');
    assert.equal(table.cyclonedx.locate(2, 'site'), '/metadata/component/properties');
    assert.equal(table.cyclonedx.locate(2, 'machine_vendor'), '/metadata/component/supplier/name');
  });

  it('reports repeated Patchwerk properties; a BOM without software is a machine without components', () => {
    const table = tableFromBom('x.cdx.json', {
      bomFormat: 'CycloneDX', specVersion: '1.6',
      metadata: { component: { type: 'device', 'bom-ref': 'M-1', name: 'M', properties: [{ name: 'patchwerk:site', value: 'A' }, { name: 'patchwerk:site', value: 'B' }] } },
    });
    assert.deepEqual(table.errors.map((error) => [error.code, error.path, error.value]), [['FIELD_REPEATED', '/metadata/component/properties/1/name', 'patchwerk:site']]);
    assert.deepEqual(table.rows.map((row) => [row.cells.machine_id, row.cells.component_name]), [['M-1', undefined]]);
  });

  it('names files after the machine with unsafe characters replaced', () => {
    assert.equal(bomFileName('PR-1'), 'PR-1.cdx.json');
    assert.equal(bomFileName('Halle 2/Presse:Ö*1'), 'Halle_2_Presse___1.cdx.json');
    assert.equal(bomFileName('../etc'), '.._etc.cdx.json');
  });

  it('makes RFC 9562 version-8 UUIDs from digests', () => {
    assert.equal(uuidFromDigest(Buffer.alloc(32, 0xff)), 'ffffffff-ffff-8fff-bfff-ffffffffffff');
    assert.equal(uuidFromDigest(Buffer.alloc(32, 0)), '00000000-0000-8000-8000-000000000000');
  });
});

describe('CycloneDX document checks', () => {
  const valid = (): Record<string, unknown> => JSON.parse(serializeBom(machineBom({ machine, components }, options)).toString('utf8')) as Record<string, unknown>;
  const read = async (document: unknown) => readCycloneDx('x.cdx.json', Buffer.from(typeof document === 'string' ? document : JSON.stringify(document)));

  it('refuses files that are not JSON (also invalid UTF-8), and JSON that is no CycloneDX', async () => {
    for (const bytes of [Buffer.from('{"bomFormat": "CycloneDX", '), Buffer.from([0x7b, 0xff, 0x7d])]) {
      const table = await readCycloneDx('x.cdx.json', bytes);
      assert.deepEqual(table.errors, [{ code: 'CYCLONEDX_NOT_JSON', file: 'x.cdx.json' }]);
      assert.deepEqual(table.rows, []);
    }
    const other = await read({ document: { category: 'csaf_base' } });
    assert.deepEqual(other.errors.map((error) => [error.code, error.path]), [['CYCLONEDX_SCHEMA', '/bomFormat']]);
    const bom = await readCycloneDx('x.cdx.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(valid()))]));
    assert.deepEqual(bom.errors, [], 'a UTF-8 byte order mark is allowed');
  });

  it('refuses other spec versions by name', async () => {
    for (const version of ['1.5', '1.4', '2.0']) {
      const table = await read({ ...valid(), specVersion: version });
      assert.deepEqual(table.errors, [{ code: 'CYCLONEDX_SPEC_VERSION', params: { value: version }, file: 'x.cdx.json', path: '/specVersion', value: version }]);
    }
  });

  it('reports schema violations with their JSON pointer', async () => {
    const document = valid();
    (document.components as Record<string, unknown>[])[1]!.colour = 'red';
    const table = await read(document);
    assert.deepEqual(table.errors.map((error) => [error.code, error.path, error.value]), [['CYCLONEDX_SCHEMA', '/components/1/colour', 'colour']]);
    assert.match(String(table.errors[0]!.params?.message), /additional properties/);
    const wrongType = valid();
    (wrongType.components as Record<string, unknown>[])[0]!.type = 'robot';
    assert.deepEqual((await read(wrongType)).errors.map((error) => [error.code, error.path]), [['CYCLONEDX_SCHEMA', '/components/0/type']]);
  });

  it('reports duplicate bom-refs anywhere in the document', async () => {
    const document = valid();
    const list = document.components as Record<string, unknown>[];
    list[2]!['bom-ref'] = list[0]!['bom-ref'];
    list[1]!['bom-ref'] = 'PR-1';
    const table = await read(document);
    assert.deepEqual(table.errors.map((error) => [error.code, error.path, error.value]), [
      ['CYCLONEDX_BOM_REF_DUPLICATE', '/components/1/bom-ref', 'PR-1'],
      ['CYCLONEDX_BOM_REF_DUPLICATE', '/components/2/bom-ref', list[0]!['bom-ref']],
    ]);
  });

  it('needs the machine as metadata.component of type device', async () => {
    const missing = valid();
    delete (missing.metadata as Record<string, unknown>).component;
    assert.deepEqual((await read(missing)).errors.map((error) => [error.code, error.path]), [['CYCLONEDX_MACHINE_MISSING', '/metadata/component']]);
    const noMetadata = valid();
    delete noMetadata.metadata;
    assert.deepEqual((await read(noMetadata)).errors.map((error) => [error.code, error.path]), [['CYCLONEDX_MACHINE_MISSING', '/metadata']]);
    const application = valid();
    ((application.metadata as Record<string, unknown>).component as Record<string, unknown>).type = 'application';
    assert.deepEqual((await read(application)).errors.map((error) => [error.code, error.path, error.value]), [['CYCLONEDX_MACHINE_MISSING', '/metadata/component/type', 'application']]);
  });
});
