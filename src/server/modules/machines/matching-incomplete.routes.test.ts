import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { normaliseKey } from '../../db/normalise.ts';
import { buildApp } from '../../http/app.ts';
import { createUserWithSession, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertMachine, insertSite } from '../../../test-support/factories.ts';
import type { FindingSummaryView } from '../matching/findings.schema.ts';
import { refreshMachineSearchText } from './machines.repository.ts';
import type { MachineDetailView, MachineListView } from './machines.schema.ts';

// "Matching data incomplete" is judged twice: by the pure rule for one machine's detail
// (`matching_data_gaps`) and by one SQL condition for the list filter `matching_incomplete` and the
// dashboard's count. These machines cover every case; both judgements must agree on each dialect.

interface ComponentSpec {
  vendor: string | null;
  version: string | null;
  removed?: boolean;
}

interface Spec {
  machine_id: string;
  components: ComponentSpec[];
  decommissioned?: boolean;
  /** In the second site, outside the site engineer's scope. */
  elsewhere?: boolean;
}

const complete: ComponentSpec = { vendor: 'Siemens', version: 'V4.8' };

const specs: Spec[] = [
  { machine_id: 'NO-COMPONENTS', components: [] },
  { machine_id: 'ONLY-REMOVED', components: [{ ...complete, removed: true }] },
  { machine_id: 'BLANK-VENDOR', components: [complete, { vendor: '  ', version: '1.0' }] },
  { machine_id: 'NULL-VERSION', components: [{ vendor: 'Beckhoff', version: null }] },
  { machine_id: 'BLANK-VERSION', components: [{ vendor: 'Beckhoff', version: '' }] },
  { machine_id: 'NULL-VENDOR', components: [{ vendor: null, version: '3.0' }] },
  { machine_id: 'COMPLETE', components: [complete, { vendor: 'WAGO', version: '04.02.13' }] },
  // A removed component without vendor or version no longer counts.
  { machine_id: 'COMPLETE-REMOVED-GAP', components: [complete, { vendor: null, version: null, removed: true }] },
  { machine_id: 'PADDED-COMPLETE', components: [{ vendor: ' Siemens ', version: ' V1 ' }] },
  { machine_id: 'DECOMMISSIONED-GAPS', components: [{ vendor: null, version: null }], decommissioned: true },
  { machine_id: 'DECOMMISSIONED-EMPTY', components: [], decommissioned: true },
  { machine_id: 'ELSEWHERE-NO-COMPONENTS', components: [], elsewhere: true },
  { machine_id: 'ELSEWHERE-COMPLETE', components: [complete], elsewhere: true },
];

describeEachDialect('machines: matching data incomplete, listed and counted as the detail judges it', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let admin: TestSession;
  let siteEngineer: TestSession;

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    const home = await insertSite(ctx.db, { key: 'WERK-1' });
    const other = await insertSite(ctx.db, { key: 'WERK-2' });
    for (const spec of specs) {
      const machine = await insertMachine(ctx.db, { machine_id: spec.machine_id, site_id: spec.elsewhere ? other.id : home.id });
      for (const [index, component] of spec.components.entries()) {
        const name = `Component ${index}`;
        await ctx.db.insertInto('components').values({
          id: randomUUID(), machine_id: machine.id, component_type: 'other', vendor: component.vendor, vendor_norm: normaliseKey(component.vendor ?? ''),
          name, name_norm: normaliseKey(name), component_version: component.version, model_number: null, model_number_norm: '', cpe: null, purl: null,
          removed_at: component.removed ? machine.created_at : null, version: 1, created_at: machine.created_at, updated_at: machine.created_at,
        }).execute();
      }
      if (spec.decommissioned) await ctx.db.updateTable('machines').set({ decommissioned_at: machine.created_at }).where('id', '=', machine.id).execute();
      await refreshMachineSearchText(ctx.db, machine.id);
    }
    const now = ctx.clock.now();
    admin = await createUserWithSession(ctx.db, { username: 'admin', role: 'admin' }, now);
    siteEngineer = await createUserWithSession(ctx.db, { username: 'eng.werk1', role: 'engineering', scope: { kind: 'site', siteIds: [home.id] } }, now);
  });
  after(async () => {
    await app.close();
  });

  const get = async <T>(session: TestSession, url: string): Promise<T> => {
    const response = await app.inject({ method: 'GET', url, headers: session.headers });
    assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
    return response.json<T>();
  };
  const listed = async (session: TestSession, query: string): Promise<{ ids: string[]; total: number }> => {
    const page = await get<MachineListView>(session, `/api/v1/machines?limit=200${query}`);
    assert.equal(page.next_cursor, null);
    return { ids: page.items.map((item) => item.machine_id).sort(), total: page.total };
  };
  /** The machines whose detail view names matching data gaps, as the session sees them. */
  const withGaps = async (session: TestSession): Promise<string[]> => {
    const ids: string[] = [];
    for (const machineId of (await listed(session, '')).ids) {
      const detail = await get<MachineDetailView>(session, `/api/v1/machines/${encodeURIComponent(machineId)}`);
      if (detail.matching_data_gaps.length > 0) ids.push(machineId);
    }
    return ids.sort();
  };

  it('lists with matching_incomplete=true exactly the machines whose detail names gaps, and the summary counts them', async () => {
    const expected = await withGaps(admin);
    assert.deepEqual(expected, ['BLANK-VENDOR', 'BLANK-VERSION', 'ELSEWHERE-NO-COMPONENTS', 'NO-COMPONENTS', 'NULL-VENDOR', 'NULL-VERSION', 'ONLY-REMOVED']);
    const incomplete = await listed(admin, '&matching_incomplete=true');
    assert.deepEqual(incomplete.ids, expected);
    assert.equal(incomplete.total, expected.length);
    assert.equal((await get<FindingSummaryView>(admin, '/api/v1/findings/summary')).machines_incomplete, expected.length);
  });

  it('lists with matching_incomplete=false every other machine, decommissioned ones included', async () => {
    const everything = (await listed(admin, '')).ids;
    const incomplete = new Set((await listed(admin, '&matching_incomplete=true')).ids);
    assert.deepEqual((await listed(admin, '&matching_incomplete=false')).ids, everything.filter((id) => !incomplete.has(id)));
  });

  it('applies the caller’s scope to the filter and to the count', async () => {
    const expected = await withGaps(siteEngineer);
    assert.ok(!expected.includes('ELSEWHERE-NO-COMPONENTS'));
    assert.deepEqual((await listed(siteEngineer, '&matching_incomplete=true')).ids, expected);
    assert.equal((await get<FindingSummaryView>(siteEngineer, '/api/v1/findings/summary')).machines_incomplete, expected.length);
  });

  it('combines with the other filters and refuses values other than true and false', async () => {
    assert.deepEqual((await listed(admin, '&matching_incomplete=true&site=werk-2')).ids, ['ELSEWHERE-NO-COMPONENTS']);
    assert.deepEqual((await listed(admin, '&matching_incomplete=true&q=blank')).ids, ['BLANK-VENDOR', 'BLANK-VERSION']);
    for (const value of ['yes', '1', '']) {
      const response = await app.inject({ method: 'GET', url: `/api/v1/machines?matching_incomplete=${value}`, headers: admin.headers });
      assert.equal(response.statusCode, 400, value);
    }
  });
});
