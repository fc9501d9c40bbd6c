import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canonicalTimeZone,
  isCalendarDay,
  nonWorkingDayProblems,
  parseTimeOfDay,
  shiftMinutes,
  shiftProblems,
  sortNonWorkingDays,
  sortWorkingDays,
  workingDayProblems,
} from './site-calendar.ts';

describe('canonicalTimeZone', () => {
  it('accepts IANA names and fixes their case', () => {
    assert.equal(canonicalTimeZone('Europe/Berlin'), 'Europe/Berlin');
    assert.equal(canonicalTimeZone('europe/berlin'), 'Europe/Berlin');
    assert.equal(canonicalTimeZone('America/Argentina/Buenos_Aires'), 'America/Argentina/Buenos_Aires');
    assert.equal(canonicalTimeZone('UTC'), 'UTC');
  });

  it('refuses unknown names, offsets and abbreviations of no zone', () => {
    for (const text of ['Mars/Olympus_Mons', 'Europe/Hamburg', '+01:00', '-0500', '', ' Europe/Berlin', 'Europe/Berlin\n', '../etc/passwd']) {
      assert.equal(canonicalTimeZone(text), null, JSON.stringify(text));
    }
  });
});

describe('times of day and shifts', () => {
  it('parses HH:MM from 00:00 to 23:59 only', () => {
    assert.equal(parseTimeOfDay('00:00'), 0);
    assert.equal(parseTimeOfDay('06:30'), 390);
    assert.equal(parseTimeOfDay('23:59'), 1439);
    for (const text of ['24:00', '6:30', '06:60', '06:30:00', '0630', ' 06:30', '']) assert.equal(parseTimeOfDay(text), null, text);
  });

  it('measures shifts, overnight ones across midnight', () => {
    assert.equal(shiftMinutes({ start: '06:00', end: '14:00' }), 480);
    assert.equal(shiftMinutes({ start: '22:00', end: '06:00' }), 480);
    assert.equal(shiftMinutes({ start: '06:00', end: '06:00' }), 0);
    assert.equal(shiftMinutes({ start: '6', end: '06:00' }), null);
  });

  it('accepts a two-shift plan with a night shift', () => {
    assert.deepEqual(
      shiftProblems([
        { name: 'Früh', start: '06:00', end: '14:00' },
        { name: 'Spät', start: '14:00', end: '22:00' },
        { name: 'Nacht', start: '22:00', end: '06:00' },
      ]),
      [],
    );
  });

  it('reports bad times, zero-length shifts and repeated names at their paths', () => {
    assert.deepEqual(
      shiftProblems([
        { name: 'Früh', start: '6:00', end: '25:00' },
        { name: 'Spät', start: '14:00', end: '14:00' },
        { name: 'früh', start: '06:00', end: '14:00' },
      ]),
      [
        { code: 'TIME_OF_DAY_INVALID', path: [0, 'start'] },
        { code: 'TIME_OF_DAY_INVALID', path: [0, 'end'] },
        { code: 'SHIFT_EMPTY', path: [1, 'end'] },
        { code: 'VALUE_DUPLICATE', path: [2, 'name'] },
      ],
    );
  });
});

describe('working and non-working days', () => {
  it('accepts ISO weekdays once each and sorts them', () => {
    assert.deepEqual(workingDayProblems([5, 1, 2, 3, 4]), []);
    assert.deepEqual(sortWorkingDays([5, 1, 3]), [1, 3, 5]);
  });

  it('reports weekdays out of range and repeats', () => {
    assert.deepEqual(workingDayProblems([0, 1, 8, 1, 2.5]), [
      { code: 'INVALID_VALUE', path: [0] },
      { code: 'INVALID_VALUE', path: [2] },
      { code: 'INVALID_VALUE', path: [4] },
      { code: 'VALUE_DUPLICATE', path: [3] },
    ]);
  });

  it('knows real calendar days', () => {
    assert.equal(isCalendarDay('2028-02-29'), true);
    assert.equal(isCalendarDay('2027-12-31'), true);
    for (const text of ['2027-02-29', '2027-13-01', '2027-04-31', '2027-1-01', '31.12.2027', '2027-12-31T00:00:00Z']) assert.equal(isCalendarDay(text), false, text);
  });

  it('reports invalid and repeated non-working days and sorts them by date', () => {
    const days = [
      { day: '2027-12-24', label: 'Heiligabend' },
      { day: '2027-02-30', label: 'Nie' },
      { day: '2027-12-24', label: 'Doppelt' },
    ];
    assert.deepEqual(nonWorkingDayProblems(days), [
      { code: 'INVALID_VALUE', path: [1, 'day'] },
      { code: 'VALUE_DUPLICATE', path: [2, 'day'] },
    ]);
    assert.deepEqual(sortNonWorkingDays([{ day: '2027-12-31', label: 'b' }, { day: '2027-01-01', label: 'a' }]).map((entry) => entry.day), ['2027-01-01', '2027-12-31']);
  });
});
