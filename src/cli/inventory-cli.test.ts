import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { cyclonedxSchemaProblems } from '../server/modules/inventory/cyclonedx-validation.ts';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../test-support/databases.ts';
import { cliJson as json, databaseEnv, runCli, type CliRun as Run } from '../test-support/cli.ts';

/** Runs `patchwerk …` against `database`. */
const patchwerk = (database: TestDatabase, args: string[]): Promise<Run> => runCli(args, { env: databaseEnv(database) });


interface Detail {
  code: string;
  message: string;
  file?: string;
  row?: number;
  column?: string;
  value?: string;
  path?: string;
}

interface ImportResult {
  machines_created: number;
  machines_updated: number;
  components_created: number;
  components_updated: number;
  components_removed: number;
  warnings: Detail[];
  errors: Detail[];
}

const importKeys = ['components_created', 'components_removed', 'components_updated', 'errors', 'machines_created', 'machines_updated', 'warnings'];

const header = 'site,machine_id,machine_name,machine_vendor,machine_model,serial_number,machine_type,criticality,segment,ip,component_type,component_vendor,component_name,component_version,model_number,cpe,purl';

const plantCsv = [
  header,
  'WERK1,PR-1,Presse <b>1</b>,Schuler,MSP 400,S-1,Presse,high,cell-1,10.1.0.5,plc,Siemens,S7-1500,2.9.4,6ES7516,,',
  'WERK1,PR-1,Presse <b>1</b>,Schuler,MSP 400,S-1,Presse,high,cell-1,10.1.0.5,hmi,Siemens,WinCC,=1+2,,,',
  'WERK1,DM-7,Drehmaschine,,,,,,,,,,,,,,',
].map((line) => `${line}\r\n`).join('');

const secondCsv = [header, 'WERK2,RB-1,Roboter,KUKA,KR 16,,Roboter,medium,cell-9,10.9.0.1,firmware,KUKA,KSS,8.6.4,,,'].map((line) => `${line}\r\n`).join('');

const badCsv = [header, 'WERK1,BAD-1,Bad,,,,,sehr hoch,cell-1,10.0.0.300,,,Comp,1.0,,,'].map((line) => `${line}\r\n`).join('');

async function machineCount(database: TestDatabase): Promise<number> {
  return Number((await database.db.selectFrom('machines').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

describeEachDialect('patchwerk inventory and demo CLI', (database, dialect) => {
  let dir: string;
  const file = (name: string, content: string | Buffer): string => {
    const target = path.join(dir, name);
    writeFileSync(target, content);
    return target;
  };
  /** Runs `work` with a fresh migrated database of this dialect. */
  const withFresh = async <T>(work: (fresh: TestDatabase) => Promise<T>): Promise<T> => {
    const fresh = await createTestDatabase(dialect);
    try {
      return await work(fresh);
    } finally {
      await fresh.destroy();
    }
  };

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'patchwerk-inventory-cli-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('import --dry-run --json prints the counts and writes nothing', async () => {
    const run = await patchwerk(database(), ['inventory', 'import', file('plant.csv', plantCsv), '--dry-run', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const result = json<ImportResult>(run);
    assert.deepEqual(Object.keys(result).sort(), importKeys);
    assert.deepEqual(result.errors, []);
    assert.deepEqual([result.machines_created, result.machines_updated, result.components_created, result.components_updated, result.components_removed], [2, 0, 2, 0, 0]);
    assert.ok(result.warnings.some((warning) => warning.code === 'INVENTORY_SITE_CREATED' && warning.row === 2 && warning.column === 'site' && warning.value === 'WERK1'));
    assert.equal(await machineCount(database()), 0);
  });

  it('import --json writes and counts; a second import changes nothing', async () => {
    const target = path.join(dir, 'plant.csv');
    const run = await patchwerk(database(), ['inventory', 'import', target, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const result = json<ImportResult>(run);
    assert.deepEqual([result.machines_created, result.machines_updated, result.components_created, result.components_updated, result.components_removed], [2, 0, 2, 0, 0]);
    assert.equal(await machineCount(database()), 2);
    const machine = await database().db.selectFrom('machines').select('name').where('machine_id', '=', 'PR-1').executeTakeFirstOrThrow();
    assert.equal(machine.name, 'Presse <b>1</b>');

    const again = await patchwerk(database(), ['inventory', 'import', target, '--json']);
    assert.equal(again.code, 0, again.stderr);
    const second = json<ImportResult>(again);
    assert.deepEqual([second.machines_created, second.machines_updated, second.components_created, second.components_updated, second.components_removed], [0, 0, 0, 0, 0]);
    assert.deepEqual(second.errors, []);
    assert.equal(await machineCount(database()), 2);
  });

  it('imports a folder: all its inventory files in one go', async () => {
    const folder = path.join(dir, 'folder');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'a.csv'), plantCsv);
    writeFileSync(path.join(folder, 'b.csv'), secondCsv);
    writeFileSync(path.join(folder, 'notes.txt'), 'not an inventory file');
    const run = await patchwerk(database(), ['inventory', 'import', folder, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const result = json<ImportResult>(run);
    assert.deepEqual(result.errors, []);
    assert.deepEqual([result.machines_created, result.machines_updated, result.components_created, result.components_updated, result.components_removed], [1, 0, 1, 0, 0]);
    assert.ok(result.warnings.some((warning) => warning.file === 'b.csv' && warning.code === 'INVENTORY_SITE_CREATED'));
    assert.equal(await machineCount(database()), 3);
  });

  it('rejects a file with errors: exit 1, errors with row, column and value, nothing written', async () => {
    const before = await machineCount(database());
    const run = await patchwerk(database(), ['inventory', 'import', file('bad.csv', badCsv), '--json']);
    assert.equal(run.code, 1, run.stderr);
    const result = json<ImportResult>(run);
    assert.deepEqual(Object.keys(result).sort(), importKeys);
    const found = result.errors.map((error) => [error.code, error.file, error.row, error.column, error.value]);
    assert.deepEqual(found.sort(), [
      ['INVENTORY_CODE_UNKNOWN', 'bad.csv', 2, 'criticality', 'sehr hoch'],
      ['IP_INVALID', 'bad.csv', 2, 'ip', '10.0.0.300'],
    ]);
    assert.ok(result.errors.every((error) => error.message.length > 0));
    assert.equal(await machineCount(database()), before);
    const human = await patchwerk(database(), ['inventory', 'import', path.join(dir, 'bad.csv')]);
    assert.equal(human.code, 1);
    assert.equal(human.stdout, '');
    assert.match(human.stderr, /bad\.csv:2:ip/);
  });

  it('exports CSV (--out, --json) that round-trips byte-identically through a fresh data dir', async () => {
    const out = path.join(dir, 'export.csv');
    const run = await patchwerk(database(), ['inventory', 'export', '--format', 'csv', '--out', out, '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(json(run), { format: 'csv', machines: 3, components: 3, out });
    const bytes = readFileSync(out);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    assert.ok(text.includes(",'=1+2,"), 'formula start neutralised');
    assert.ok(text.includes('Presse <b>1</b>'), 'HTML exported as text');

    await withFresh(async (fresh) => {
      const imported = await patchwerk(fresh, ['inventory', 'import', out, '--json']);
      assert.equal(imported.code, 0, imported.stderr);
      assert.deepEqual(json<ImportResult>(imported).errors, []);
      const again = path.join(dir, 'export-again.csv');
      const exported = await patchwerk(fresh, ['inventory', 'export', '--format', 'csv', '--out', again, '--json']);
      assert.equal(exported.code, 0, exported.stderr);
      assert.ok(readFileSync(again).equals(bytes), 'byte-identical round trip');
    });
  });

  it("exports with --delimiter ';', as XLSX, and one machine with --machine", async () => {
    const semicolon = path.join(dir, 'export-de.csv');
    const run = await patchwerk(database(), ['inventory', 'export', '--format', 'csv', '--delimiter', ';', '--out', semicolon, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const lines = readFileSync(semicolon, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    assert.ok(lines[0]!.startsWith('site;area;machine_id;'), lines[0]);
    assert.equal(lines.filter((line) => line !== '').length, 5);

    const xlsx = path.join(dir, 'export.xlsx');
    const book = await patchwerk(database(), ['inventory', 'export', '--format', 'xlsx', '--out', xlsx, '--json']);
    assert.equal(book.code, 0, book.stderr);
    assert.deepEqual(json(book), { format: 'xlsx', machines: 3, components: 3, out: xlsx });
    assert.equal(readFileSync(xlsx).subarray(0, 2).toString('latin1'), 'PK');
    await withFresh(async (fresh) => {
      const imported = await patchwerk(fresh, ['inventory', 'import', xlsx, '--json']);
      assert.equal(imported.code, 0, imported.stderr);
      const result = json<ImportResult>(imported);
      assert.deepEqual(result.errors, []);
      assert.deepEqual([result.machines_created, result.components_created], [3, 3]);
    });

    const one = path.join(dir, 'one.csv');
    const single = await patchwerk(database(), ['inventory', 'export', '--format', 'csv', '--machine', 'pr-1', '--out', one, '--json']);
    assert.equal(single.code, 0, single.stderr);
    assert.deepEqual(json(single), { format: 'csv', machines: 1, components: 2, out: one });
    const rows = readFileSync(one, 'utf8').split('\r\n').filter((line) => line !== '').slice(1);
    assert.equal(rows.length, 2);
    assert.ok(rows.every((line) => line.includes(',PR-1,')));
  });

  it('refuses a bad --delimiter or format, and a file as the --out folder of a CycloneDX export, as usage errors (exit 2)', async () => {
    const out = path.join(dir, 'bom');
    writeFileSync(path.join(dir, 'a-file'), '');
    for (const args of [['--format', 'cyclonedx', '--delimiter', ';', '--out', out], ['--format', 'csv', '--delimiter', '|', '--out', out], ['--format', 'pdf', '--out', out], ['--format', 'cyclonedx', '--out', path.join(dir, 'a-file')]]) {
      const run = await patchwerk(database(), ['inventory', 'export', ...args, '--json']);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.equal(json<{ code: string }>(run).code, 'USAGE');
    }
  });

  it('exports CycloneDX: one valid BOM per machine into a folder (unsafe characters replaced), or one file with --machine; a folder of BOMs imports into a fresh database', async () => {
    const unsafe = [header, 'WERK1,Halle 2/Ö-1,Säge,,,,,,,,firmware,Bosch,Säge-FW,1.0,,,'].map((line) => `${line}\r\n`).join('');
    const seeded = await patchwerk(database(), ['inventory', 'import', file('unsafe.csv', unsafe), '--json']);
    assert.equal(seeded.code, 0, seeded.stderr);
    const folder = path.join(dir, 'boms', 'nested');
    const run = await patchwerk(database(), ['inventory', 'export', '--format', 'cyclonedx', '--out', folder, '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(json(run), { format: 'cyclonedx', machines: 4, components: 4, out: folder });
    const names = readdirSync(folder).sort();
    assert.deepEqual(names, ['DM-7.cdx.json', 'Halle_2__-1.cdx.json', 'PR-1.cdx.json', 'RB-1.cdx.json']);
    for (const name of names) assert.deepEqual(await cyclonedxSchemaProblems(readFileSync(path.join(folder, name), 'utf8')), [], name);
    const saw = JSON.parse(readFileSync(path.join(folder, 'Halle_2__-1.cdx.json'), 'utf8')) as { metadata: { component: { 'bom-ref': string; name: string } } };
    assert.deepEqual([saw.metadata.component['bom-ref'], saw.metadata.component.name], ['Halle 2/Ö-1', 'Säge']);

    const one = path.join(dir, 'pr-1.cdx.json');
    const single = await patchwerk(database(), ['inventory', 'export', '--format', 'cyclonedx', '--machine', 'pr-1', '--out', one, '--json']);
    assert.equal(single.code, 0, single.stderr);
    assert.deepEqual(json(single), { format: 'cyclonedx', machines: 1, components: 2, out: one });
    assert.deepEqual(await cyclonedxSchemaProblems(readFileSync(one, 'utf8')), []);
    const unknown = await patchwerk(database(), ['inventory', 'export', '--format', 'cyclonedx', '--machine', 'nope', '--out', path.join(dir, 'nope.cdx.json'), '--json']);
    assert.equal(unknown.code, 4, unknown.stderr);

    await withFresh(async (fresh) => {
      const dry = await patchwerk(fresh, ['inventory', 'import', folder, '--dry-run', '--json']);
      assert.equal(dry.code, 0, dry.stderr);
      assert.deepEqual([json<ImportResult>(dry).machines_created, json<ImportResult>(dry).components_created], [4, 4]);
      assert.equal(await machineCount(fresh), 0);
      const imported = await patchwerk(fresh, ['inventory', 'import', folder, '--json']);
      assert.equal(imported.code, 0, imported.stderr);
      const result = json<ImportResult>(imported);
      assert.deepEqual(result.errors, []);
      assert.deepEqual([result.machines_created, result.components_created], [4, 4]);
      const again = path.join(dir, 'again.cdx.json');
      assert.equal((await patchwerk(fresh, ['inventory', 'export', '--format', 'cyclonedx', '--machine', 'PR-1', '--out', again, '--json'])).code, 0);
      const strip = (text: string): unknown => ({ ...(JSON.parse(text) as { metadata: object }), metadata: { ...(JSON.parse(text) as { metadata: object }).metadata, timestamp: '' } });
      assert.deepEqual(strip(readFileSync(again, 'utf8')), strip(readFileSync(one, 'utf8')));
    });

    const broken = path.join(dir, 'broken');
    mkdirSync(broken);
    writeFileSync(path.join(broken, 'a.cdx.json'), readFileSync(one));
    writeFileSync(path.join(broken, 'b.cdx.json'), readFileSync(one, 'utf8').replace('"specVersion": "1.6"', '"specVersion": "1.4"'));
    const before = await machineCount(database());
    const rejected = await patchwerk(database(), ['inventory', 'import', broken, '--json']);
    assert.equal(rejected.code, 1, rejected.stderr);
    assert.deepEqual(json<ImportResult>(rejected).errors.map((error) => [error.code, error.file, error.path]), [['CYCLONEDX_SPEC_VERSION', 'b.cdx.json', '/specVersion']]);
    assert.equal(await machineCount(database()), before);
    const human = await patchwerk(database(), ['inventory', 'import', broken]);
    assert.match(human.stderr, /b\.cdx\.json:\/specVersion: CycloneDX 1\.4/);
  });

  it('demo generate prints its counts; the same seed in two fresh data dirs gives identical exports', async () => {
    const exports: Buffer[] = [];
    for (const index of [1, 2]) {
      await withFresh(async (fresh) => {
        const run = await patchwerk(fresh, ['demo', 'generate', '--machines', '50', '--components-per-machine', '5', '--seed', '7', '--json']);
        assert.equal(run.code, 0, run.stderr);
        const result = json<Record<string, unknown>>(run);
        assert.equal(result.machines, 50);
        assert.equal(result.components, 250);
        for (const key of ['sites', 'segments', 'vendors']) assert.equal(typeof result[key], 'number', key);
        assert.ok((result.sites as number) >= 5 && (result.segments as number) >= 30, JSON.stringify(result));
        const out = path.join(dir, `demo-${index}.csv`);
        const exported = await patchwerk(fresh, ['inventory', 'export', '--format', 'csv', '--out', out, '--json']);
        assert.equal(exported.code, 0, exported.stderr);
        assert.deepEqual(json(exported), { format: 'csv', machines: 50, components: 250, out });
        exports.push(readFileSync(out));
      });
    }
    assert.ok(exports[0]!.equals(exports[1]!), 'same seed, same export bytes');
  });
});
