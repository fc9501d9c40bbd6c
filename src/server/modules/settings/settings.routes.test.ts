import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { buildApp } from '../../http/app.ts';
import { createUserWithSession, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertSite } from '../../../test-support/factories.ts';
import type { AdvisoryVisibilityView } from './settings.schema.ts';
import { normaliseRestrictedTlpRoles } from './settings.service.ts';

const url = '/api/v1/settings/advisory-visibility';

it('normaliseRestrictedTlpRoles keeps known roles in the order of the role list, always with admin; nothing stored means the default', () => {
  assert.deepEqual(normaliseRestrictedTlpRoles(['quality', 'security_officer']), ['admin', 'security_officer', 'quality']);
  assert.deepEqual(normaliseRestrictedTlpRoles(['superuser', 7, 'auditor']), ['admin', 'auditor']);
  assert.deepEqual(normaliseRestrictedTlpRoles([]), ['admin']);
  assert.deepEqual(normaliseRestrictedTlpRoles(undefined), ['admin', 'security_officer']);
});

describeEachDialect('settings: which roles see TLP AMBER/RED advisories', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let admin: TestSession;
  let siteAdmin: TestSession;
  let officer: TestSession;

  before(async () => {
    ctx = await createTestContext(database(), { clock: new ManualClock(new Date('2026-11-26T09:00:00.000Z')) });
    app = await buildApp(ctx);
    const now = ctx.clock.now();
    const site = await insertSite(ctx.db, { key: 'WERK1' });
    admin = await createUserWithSession(ctx.db, { username: 'root', role: 'admin' }, now);
    siteAdmin = await createUserWithSession(ctx.db, { username: 'werk1-admin', role: 'admin', scope: { kind: 'site', siteIds: [site.id] } }, now);
    officer = await createUserWithSession(ctx.db, { username: 'sec', role: 'security_officer' }, now);
  });

  it('starts with admin and security officer, readable by everyone, changeable only by an admin for all sites', async () => {
    const first = await app.inject({ method: 'GET', url, headers: officer.headers });
    assert.equal(first.statusCode, 200);
    assert.deepEqual(first.json(), { restricted_tlp_roles: ['admin', 'security_officer'], allowed_actions: [] });
    const asAdmin = await app.inject({ method: 'GET', url, headers: admin.headers });
    assert.deepEqual(asAdmin.json<AdvisoryVisibilityView>().allowed_actions, ['settings.advisory_visibility']);
    const bySiteAdmin = await app.inject({ method: 'PUT', url, headers: siteAdmin.headers, payload: { restricted_tlp_roles: ['admin'] } });
    assert.equal(bySiteAdmin.statusCode, 403);
    const byOfficer = await app.inject({ method: 'PUT', url, headers: officer.headers, payload: { restricted_tlp_roles: ['admin', 'security_officer', 'auditor'] } });
    assert.equal(byOfficer.statusCode, 403);
  });

  it('stores the chosen roles with admin always among them and records the change in the audit log', async () => {
    const response = await app.inject({ method: 'PUT', url, headers: admin.headers, payload: { restricted_tlp_roles: ['quality', 'security_officer'] } });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json<AdvisoryVisibilityView>().restricted_tlp_roles, ['admin', 'security_officer', 'quality']);
    const again = await app.inject({ method: 'GET', url, headers: officer.headers });
    assert.deepEqual(again.json<AdvisoryVisibilityView>().restricted_tlp_roles, ['admin', 'security_officer', 'quality']);
    const event = await ctx.db.selectFrom('audit_events').select(['action', 'object_type', 'object_id', 'summary']).where('action', '=', 'settings.advisory_visibility').executeTakeFirstOrThrow();
    assert.deepEqual(event, {
      action: 'settings.advisory_visibility',
      object_type: 'setting',
      object_id: 'advisories.restricted_tlp_roles',
      summary: 'Roles that see TLP AMBER/RED advisories: admin, security_officer, quality (before: admin, security_officer)',
    });
  });

  it('refuses an unknown role with a 400 at its field and changes nothing', async () => {
    const response = await app.inject({ method: 'PUT', url, headers: admin.headers, payload: { restricted_tlp_roles: ['admin', 'superuser'] } });
    assert.equal(response.statusCode, 400);
    assert.match(JSON.stringify(response.json()), /restricted_tlp_roles/);
    const after = await app.inject({ method: 'GET', url, headers: admin.headers });
    assert.deepEqual(after.json<AdvisoryVisibilityView>().restricted_tlp_roles, ['admin', 'security_officer', 'quality']);
  });
});
