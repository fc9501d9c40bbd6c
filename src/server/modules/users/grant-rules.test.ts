import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../errors/app-error.ts';
import type { ActorGrant } from '../../policies/actor.ts';
import { checkAdminRemains, checkGrantShape, checkGrantWithinGranter, checkNotOwnGrants, type GrantRequest } from './grant-rules.ts';

const now = new Date('2026-11-26T08:00:00.000Z');
const later = '2026-12-31T00:00:00.000Z';
const machineSites = new Map([['m-ham-1', 'ham'], ['m-koe-1', 'koe']]);

function refusal(code: string): (error: unknown) => boolean {
  return (error) => error instanceof AppError && error.code === code;
}

const allSitesAdmin: ActorGrant = { role: 'admin', scope: { kind: 'all' }, expiresAt: null };
const hamAdmin: ActorGrant = { role: 'admin', scope: { kind: 'site', siteIds: ['ham'] }, expiresAt: null };
const hamMaintenance: ActorGrant = { role: 'maintenance', scope: { kind: 'site', siteIds: ['ham'] }, expiresAt: null };

describe('checkGrantShape', () => {
  it('refuses a vendor grant without expiry', () => {
    const grant: GrantRequest = { role: 'vendor', scope: { kind: 'machine', machineIds: ['m-ham-1'] }, expiresAt: null };
    assert.throws(() => checkGrantShape(grant, now), refusal('VENDOR_GRANT_INVALID'));
  });

  it('refuses a vendor grant on a site scope', () => {
    const grant: GrantRequest = { role: 'vendor', scope: { kind: 'site', siteIds: ['ham'] }, expiresAt: later };
    assert.throws(() => checkGrantShape(grant, now), refusal('VENDOR_GRANT_INVALID'));
  });

  it('accepts a machine-scoped vendor grant with expiry', () => {
    assert.doesNotThrow(() => checkGrantShape({ role: 'vendor', scope: { kind: 'machine', machineIds: ['m-ham-1'] }, expiresAt: later }, now));
  });

  it('refuses an expiry in the past', () => {
    const grant: GrantRequest = { role: 'maintenance', scope: { kind: 'all' }, expiresAt: '2026-11-01T00:00:00.000Z' };
    assert.throws(() => checkGrantShape(grant, now), refusal('VALIDATION_FAILED'));
  });
});

describe('checkGrantWithinGranter', () => {
  it('lets a site admin grant a non-admin role in their site', () => {
    assert.doesNotThrow(() => checkGrantWithinGranter([hamAdmin], { role: 'maintenance', scope: { kind: 'site', siteIds: ['ham'] }, expiresAt: null }, machineSites));
  });

  it('lets a site admin grant machines inside their site', () => {
    assert.doesNotThrow(() => checkGrantWithinGranter([hamAdmin], { role: 'vendor', scope: { kind: 'machine', machineIds: ['m-ham-1'] }, expiresAt: later }, machineSites));
  });

  it('refuses a site admin granting all sites', () => {
    assert.throws(
      () => checkGrantWithinGranter([hamAdmin], { role: 'maintenance', scope: { kind: 'all' }, expiresAt: null }, machineSites),
      refusal('GRANT_EXCEEDS_SCOPE'),
    );
  });

  it('refuses a site admin granting a machine of another site', () => {
    assert.throws(
      () => checkGrantWithinGranter([hamAdmin], { role: 'vendor', scope: { kind: 'machine', machineIds: ['m-koe-1'] }, expiresAt: later }, machineSites),
      refusal('GRANT_EXCEEDS_SCOPE'),
    );
  });

  it('does not count non-admin grants as granting rights', () => {
    assert.throws(
      () => checkGrantWithinGranter([hamMaintenance], { role: 'operator', scope: { kind: 'site', siteIds: ['ham'] }, expiresAt: null }, machineSites),
      refusal('GRANT_EXCEEDS_SCOPE'),
    );
  });

  it('lets only an all-sites admin create admins', () => {
    assert.throws(
      () => checkGrantWithinGranter([hamAdmin], { role: 'admin', scope: { kind: 'site', siteIds: ['ham'] }, expiresAt: null }, machineSites),
      refusal('ADMIN_GRANT_REQUIRES_ALL_SITES'),
    );
    assert.doesNotThrow(() => checkGrantWithinGranter([allSitesAdmin], { role: 'admin', scope: { kind: 'site', siteIds: ['ham'] }, expiresAt: null }, machineSites));
  });
});

describe('checkNotOwnGrants', () => {
  it('refuses changing one’s own grants', () => {
    assert.throws(() => checkNotOwnGrants('u1', 'u1'), refusal('OWN_GRANTS_IMMUTABLE'));
  });

  it('allows other users and the CLI', () => {
    assert.doesNotThrow(() => checkNotOwnGrants('u1', 'u2'));
    assert.doesNotThrow(() => checkNotOwnGrants(null, 'u2'));
  });
});

describe('checkAdminRemains', () => {
  it('refuses removing the last all-sites admin', () => {
    assert.throws(() => checkAdminRemains(['u1'], []), refusal('LAST_ADMIN'));
  });

  it('allows the change while another all-sites admin remains, or when there was none', () => {
    assert.doesNotThrow(() => checkAdminRemains(['u1', 'u2'], ['u2']));
    assert.doesNotThrow(() => checkAdminRemains([], []));
  });
});
