import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../errors/app-error.ts';
import type { ActorGrant } from '../../policies/actor.ts';
import { checkTokenExpiry, checkTokenWithinGrants, latestTokenExpiry } from './token-rules.ts';

const now = new Date('2026-11-26T08:00:00.000Z');
const grants: ActorGrant[] = [{ role: 'maintenance', scope: { kind: 'site', siteIds: ['ham'] }, expiresAt: null }];
const machineSites = new Map([['m1', 'ham'], ['m2', 'koe']]);

const refusal = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;

describe('checkTokenWithinGrants', () => {
  it('accepts a role the user holds within its scope', () => {
    assert.doesNotThrow(() => checkTokenWithinGrants(grants, 'maintenance', { kind: 'machine', machineIds: ['m1'] }, machineSites));
  });

  it('refuses a role the user does not hold', () => {
    assert.throws(() => checkTokenWithinGrants(grants, 'admin', { kind: 'site', siteIds: ['ham'] }, machineSites), refusal('GRANT_EXCEEDS_SCOPE'));
  });

  it('refuses a scope beyond the grant', () => {
    assert.throws(() => checkTokenWithinGrants(grants, 'maintenance', { kind: 'all' }, machineSites), refusal('GRANT_EXCEEDS_SCOPE'));
    assert.throws(() => checkTokenWithinGrants(grants, 'maintenance', { kind: 'machine', machineIds: ['m2'] }, machineSites), refusal('GRANT_EXCEEDS_SCOPE'));
  });
});

describe('checkTokenExpiry', () => {
  it('accepts up to one year ahead', () => {
    assert.equal(latestTokenExpiry(now).toISOString(), '2027-11-26T08:00:00.000Z');
    assert.doesNotThrow(() => checkTokenExpiry('2027-11-26T08:00:00.000Z', now));
  });

  it('refuses more than one year ahead or the past', () => {
    assert.throws(() => checkTokenExpiry('2027-11-26T08:00:00.001Z', now), refusal('VALIDATION_FAILED'));
    assert.throws(() => checkTokenExpiry('2026-11-26T08:00:00.000Z', now), refusal('VALIDATION_FAILED'));
  });
});
