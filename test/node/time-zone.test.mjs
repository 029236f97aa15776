import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTime, isValidTimeZone, wallClockToUtc, zoneOffsetMs } from '../../build/node/time/time-zone.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

test('isValidTimeZone accepts IANA names and UTC, rejects unknown names', () => {
  for (const zone of ['UTC', 'America/New_York', 'Asia/Kolkata', 'Europe/Paris', 'Australia/Lord_Howe']) {
    assert.equal(isValidTimeZone(zone), true, zone);
  }
  for (const zone of ['Mars/Olympus_Mons', '', 'New York', 'Europe/Pariss']) {
    assert.equal(isValidTimeZone(zone), false, zone);
  }
  // Cached answers stay the same.
  assert.equal(isValidTimeZone('Mars/Olympus_Mons'), false);
  assert.equal(isValidTimeZone('Asia/Kolkata'), true);
});

test('zoneOffsetMs gives the wall-clock offset, DST included', () => {
  assert.equal(zoneOffsetMs(Date.UTC(2024, 0, 15, 12), 'UTC'), 0);
  assert.equal(zoneOffsetMs(Date.UTC(2024, 0, 15, 12), 'Europe/Paris'), HOUR);
  assert.equal(zoneOffsetMs(Date.UTC(2024, 6, 15, 12), 'Europe/Paris'), 2 * HOUR);
  assert.equal(zoneOffsetMs(Date.UTC(2024, 0, 15, 12), 'America/New_York'), -5 * HOUR);
  assert.equal(zoneOffsetMs(Date.UTC(2024, 6, 15, 12), 'America/New_York'), -4 * HOUR);
  assert.equal(zoneOffsetMs(Date.UTC(2024, 6, 15, 12), 'Asia/Kolkata'), 5 * HOUR + 30 * MINUTE);
  assert.equal(zoneOffsetMs(Date.UTC(2024, 6, 15, 12), 'Asia/Kathmandu'), 5 * HOUR + 45 * MINUTE);
  // Lord Howe shifts by half an hour: +10:30 in winter, +11 in summer.
  assert.equal(zoneOffsetMs(Date.UTC(2024, 6, 15), 'Australia/Lord_Howe'), 10.5 * HOUR);
  assert.equal(zoneOffsetMs(Date.UTC(2024, 0, 15), 'Australia/Lord_Howe'), 11 * HOUR);
});

test('zoneOffsetMs switches exactly at the transition instant, inside a cached hour', () => {
  // New York springs forward at 02:00 EST = 07:00Z on 2024-03-10, falls back at 02:00 EDT = 06:00Z on 2024-11-03.
  const spring = Date.UTC(2024, 2, 10, 7);
  assert.equal(zoneOffsetMs(spring - 1, 'America/New_York'), -5 * HOUR);
  assert.equal(zoneOffsetMs(spring, 'America/New_York'), -4 * HOUR);
  const fall = Date.UTC(2024, 10, 3, 6);
  assert.equal(zoneOffsetMs(fall - 1, 'America/New_York'), -4 * HOUR);
  assert.equal(zoneOffsetMs(fall, 'America/New_York'), -5 * HOUR);
  // Lord Howe leaves DST at 02:00 local (+11) = 15:00Z, not on a UTC day boundary; 30 min later still +10:30.
  const lordHowe = Date.UTC(2024, 3, 6, 15);
  assert.equal(zoneOffsetMs(lordHowe - 1000, 'Australia/Lord_Howe'), 11 * HOUR);
  assert.equal(zoneOffsetMs(lordHowe, 'Australia/Lord_Howe'), 10.5 * HOUR);
  assert.equal(zoneOffsetMs(lordHowe + 30 * MINUTE, 'Australia/Lord_Howe'), 10.5 * HOUR);
  // St. John's springs forward at 02:00 NST (-03:30) = 05:30Z, halfway through a UTC hour.
  const stJohns = Date.UTC(2024, 2, 10, 5, 30);
  assert.equal(zoneOffsetMs(stJohns - 1000, 'America/St_Johns'), -3.5 * HOUR);
  assert.equal(zoneOffsetMs(stJohns, 'America/St_Johns'), -2.5 * HOUR);
  assert.equal(zoneOffsetMs(stJohns - 30 * MINUTE, 'America/St_Johns'), -3.5 * HOUR);
  assert.equal(zoneOffsetMs(stJohns + 29 * MINUTE, 'America/St_Johns'), -2.5 * HOUR);
});

test('zoneOffsetMs agrees with Intl.formatToParts over three years of quarter hours', () => {
  const reference = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/London',
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  for (let t = Date.UTC(2022, 0, 1); t < Date.UTC(2025, 0, 1); t += 15 * MINUTE) {
    const parts = Object.fromEntries(reference.formatToParts(t).map((p) => [p.type, Number(p.value)]));
    const expected = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute) - t;
    if (zoneOffsetMs(t, 'Europe/London') !== expected) {
      assert.fail(`offset at ${new Date(t).toISOString()}: ${zoneOffsetMs(t, 'Europe/London')} != ${expected}`);
    }
  }
});

test('zoneOffsetMs throws RangeError for an unknown zone', () => {
  assert.throws(() => zoneOffsetMs(0, 'Mars/Olympus_Mons'), RangeError);
});

test('wallClockToUtc inverts the wall clock and resolves DST gaps and overlaps deterministically', () => {
  const ny = 'America/New_York';
  assert.equal(wallClockToUtc(Date.UTC(2024, 0, 15, 9, 30), ny), Date.UTC(2024, 0, 15, 14, 30));
  assert.equal(wallClockToUtc(Date.UTC(2024, 6, 15, 9, 30), ny), Date.UTC(2024, 6, 15, 13, 30));
  assert.equal(wallClockToUtc(Date.UTC(2024, 6, 15, 9, 30), 'UTC'), Date.UTC(2024, 6, 15, 9, 30));
  assert.equal(wallClockToUtc(Date.UTC(2024, 6, 15, 0, 0), 'Asia/Kolkata'), Date.UTC(2024, 6, 14, 18, 30));
  // 02:30 does not exist on 2024-03-10: moved forward by the gap, to 03:30 EDT.
  assert.equal(wallClockToUtc(Date.UTC(2024, 2, 10, 2, 30), ny), Date.UTC(2024, 2, 10, 7, 30));
  // 01:30 happens twice on 2024-11-03: the earlier one (EDT) wins.
  assert.equal(wallClockToUtc(Date.UTC(2024, 10, 3, 1, 30), ny), Date.UTC(2024, 10, 3, 5, 30));
  // Right after the overlap, the only reading is EST.
  assert.equal(wallClockToUtc(Date.UTC(2024, 10, 3, 2, 0), ny), Date.UTC(2024, 10, 3, 7, 0));
});

test('formatTime gives unit-suited precision in the zone wall clock', () => {
  const t = Date.UTC(2024, 2, 5, 14, 3, 7, 123);
  const expected = {
    millisecond: '2024-03-05 14:03:07.123',
    second: '2024-03-05 14:03:07',
    minute: '2024-03-05 14:03',
    hour: '2024-03-05 14:03',
    day: '2024-03-05',
    week: '2024-03-05',
    month: '2024-03',
    year: '2024',
  };
  for (const [unit, text] of Object.entries(expected)) assert.equal(formatTime(t, 'UTC', /** @type {import('../../build/node/time/time-zone.js').TimeUnit} */ (unit)), text, unit);
  assert.equal(formatTime(t, 'Europe/Paris', 'millisecond'), '2024-03-05 15:03:07.123');
  assert.equal(formatTime(t, 'Asia/Kolkata', 'minute'), '2024-03-05 19:33');
  assert.equal(formatTime(t, 'America/New_York', 'second'), '2024-03-05 09:03:07');
  // The local date can differ from the UTC one.
  assert.equal(formatTime(Date.UTC(2024, 11, 31, 20), 'Asia/Tokyo', 'day'), '2025-01-01');
  assert.equal(formatTime(Date.UTC(2024, 11, 31, 20), 'Asia/Tokyo', 'year'), '2025');
  assert.equal(formatTime(Date.UTC(2024, 0, 1, 2), 'America/New_York', 'month'), '2023-12');
  // Sub-millisecond instants are floored, also before 1970.
  assert.equal(formatTime(Date.UTC(2024, 0, 1) + 0.9, 'UTC', 'millisecond'), '2024-01-01 00:00:00.000');
  assert.equal(formatTime(-0.5, 'UTC', 'millisecond'), '1969-12-31 23:59:59.999');
  assert.equal(formatTime(Number.NaN, 'UTC', 'day'), '');
});
