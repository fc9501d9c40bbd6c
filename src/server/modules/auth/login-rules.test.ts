import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attemptsExhausted, isIpLimited, isLocked, lockAfterFailures, userFailuresSince } from './login-rules.ts';

const now = new Date('2026-11-26T08:00:00.000Z');

describe('login rules', () => {
  it('locks for 15 minutes at the fifth failure', () => {
    assert.equal(lockAfterFailures(4, now), null);
    assert.equal(lockAfterFailures(5, now), '2026-11-26T08:15:00.000Z');
  });

  it('counts failures of the last 15 minutes, or since the end of the last lock', () => {
    assert.equal(userFailuresSince(now, null), '2026-11-26T07:45:00.000Z');
    assert.equal(userFailuresSince(now, '2026-11-26T07:50:00.000Z'), '2026-11-26T07:50:00.000Z');
    assert.equal(userFailuresSince(now, '2026-11-26T07:00:00.000Z'), '2026-11-26T07:45:00.000Z');
  });

  it('knows a lock in force and the per-IP limit', () => {
    assert.equal(isLocked('2026-11-26T08:00:00.001Z', now), true);
    assert.equal(isLocked('2026-11-26T08:00:00.000Z', now), false);
    assert.equal(isLocked(null, now), false);
    assert.equal(isIpLimited(29), false);
    assert.equal(isIpLimited(30), true);
  });

  it('checks the password of at most five attempts per window', () => {
    assert.equal(attemptsExhausted(5), false);
    assert.equal(attemptsExhausted(6), true);
  });
});
