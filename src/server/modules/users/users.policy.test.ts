import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor, ActorGrant } from '../../policies/actor.ts';
import { authorizeUserManage, type UserTarget } from './users.policy.ts';

const actor = (grants: ActorGrant[]): Actor => ({ kind: 'user', userId: 'actor', name: 'actor', via: 'web', grants, language: 'de' });
const northAdminAuditingAll = actor([
  { role: 'admin', scope: { kind: 'site', siteIds: ['north'] }, expiresAt: null },
  { role: 'auditor', scope: { kind: 'all' }, expiresAt: null },
]);
const allSitesAdmin = actor([{ role: 'admin', scope: { kind: 'all' }, expiresAt: null }]);
const noSites = new Map<string, string>();

describe('managing users', () => {
  it('lets a site admin manage a user whose grants all lie in that site', () => {
    const target: UserTarget = { id: 'u1', disabled: false, grants: [{ scope: { kind: 'site', siteIds: ['north'] } }] };
    assert.equal(authorizeUserManage(northAdminAuditingAll, 'user.update', target, noSites), 'admin');
  });

  it('leaves a user without grants (e.g. a former admin) to all-sites admins', () => {
    const former: UserTarget = { id: 'u2', disabled: false, grants: [] };
    assert.throws(() => authorizeUserManage(northAdminAuditingAll, 'user.password_reset', former, noSites), { code: 'FORBIDDEN' });
    assert.equal(authorizeUserManage(allSitesAdmin, 'user.password_reset', former, noSites), 'admin');
  });
});
