import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeTicks, formatValue, linearTicks, logTicks } from '../../build/node/core/index.js';
import * as ticksIndex from '../../build/node/core/ticks/index.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365.25 * DAY;

const times = (result) => result.ticks.map((tick) => tick.time);
const labels = (result) => result.ticks.map((tick) => tick.label);
const majors = (result) => result.ticks.filter((tick) => tick.major).map((tick) => tick.label);

test('index re-exports the public functions', () => {
  for (const name of ['timeTicks', 'linearTicks', 'logTicks', 'formatValue', 'formatTime', 'isValidTimeZone', 'zoneOffsetMs', 'wallClockToUtc']) {
    assert.equal(typeof ticksIndex[name], 'function', name);
  }
});

test('timeTicks picks the smallest step of each family that fits maxTicks', () => {
  const start = Date.UTC(2024, 0, 1);
  /** @type {Array<[number, number, string, number]>} */
  const cases = [
    // [span, maxTicks, unit, step]: worst-case count floor(span / spacing) + 1 must be ≤ maxTicks.
    [5, 10, 'millisecond', 1],
    [80, 10, 'millisecond', 10],
    [SECOND, 10, 'millisecond', 200],
    [10 * SECOND, 12, 'second', 1],
    [5 * MINUTE, 12, 'second', 30],
    [HOUR, 10, 'minute', 10],
    [6 * HOUR, 13, 'minute', 30],
    [12 * HOUR, 10, 'hour', 2],
    [3 * DAY, 10, 'hour', 12],
    [10 * DAY, 12, 'day', 1],
    [20 * DAY, 12, 'day', 2],
    [60 * DAY, 12, 'week', 1],
    [183 * DAY, 8, 'month', 1],
    [366 * DAY, 12, 'month', 2],
    [3 * YEAR, 14, 'month', 3],
    [5 * YEAR, 12, 'month', 6],
    [8 * YEAR, 10, 'year', 1],
    [20 * YEAR, 6, 'year', 5],
    [80 * YEAR, 10, 'year', 10],
    [300 * YEAR, 8, 'year', 50],
  ];
  for (const [span, maxTicks, unit, step] of cases) {
    const result = timeTicks(start, start + span, maxTicks);
    assert.deepEqual([result.unit, result.step], [unit, step], `span ${span} ms, maxTicks ${maxTicks}`);
    assert.ok(result.ticks.length >= 1 && result.ticks.length <= maxTicks, `count for span ${span}`);
  }
});

test('timeTicks steps are aligned in UTC', () => {
  const start = Date.UTC(2024, 4, 17, 9, 41, 13, 250);
  const minutes = timeTicks(start, start + HOUR, 10);
  assert.deepEqual(times(minutes), [50, 60, 70, 80, 90, 100].map((m) => Date.UTC(2024, 4, 17, 9, m)));
  const years = timeTicks(Date.UTC(1950, 0, 1), Date.UTC(2030, 0, 1), 10);
  assert.deepEqual(times(years), [1950, 1960, 1970, 1980, 1990, 2000, 2010, 2020, 2030].map((y) => Date.UTC(y, 0, 1)));
  assert.deepEqual(labels(years), ['1950', '1960', '1970', '1980', '1990', '2000', '2010', '2020', '2030']);
  assert.deepEqual(majors(years), ['1950']);
});

test('a 20 ms window deep in the epoch gets exact integer ms ticks', () => {
  const base = Date.UTC(2024, 0, 1, 12);
  const start = base + 0.3;
  const fine = timeTicks(start, start + 20, 30);
  assert.equal(fine.unit, 'millisecond');
  assert.equal(fine.step, 1);
  assert.deepEqual(times(fine), Array.from({ length: 20 }, (_, i) => base + i + 1));
  const coarse = timeTicks(start, start + 20, 2);
  assert.deepEqual([coarse.unit, coarse.step], ['millisecond', 20]);
  assert.deepEqual(times(coarse), [base + 20]);
  // Under a millisecond wide: the one integer inside.
  assert.deepEqual(times(timeTicks(base + 6.6, base + 7.2, 10)), [base + 7]);
  assert.deepEqual(times(timeTicks(base + 6.2, base + 6.9, 10)), []);
});

test('daily ticks sit on New York local midnights across both DST changes', () => {
  const ny = 'America/New_York';
  // March 2024: EST (-5) until the 10th, EDT (-4) from the 11th's midnight.
  const march = timeTicks(Date.UTC(2024, 2, 1, 5), Date.UTC(2024, 2, 31, 4), 31, ny);
  assert.deepEqual([march.unit, march.step], ['day', 1]);
  const marchExpected = Array.from({ length: 31 }, (_, i) => Date.UTC(2024, 2, i + 1, i + 1 <= 10 ? 5 : 4));
  assert.deepEqual(times(march), marchExpected);
  assert.equal(march.ticks[10].time - march.ticks[9].time, 23 * HOUR);
  assert.deepEqual(labels(march), ['Mar 1, 2024', ...Array.from({ length: 30 }, (_, i) => `${i + 2}`)]);
  // November 2024: EDT until the 3rd, a 25-hour day, EST after.
  const november = timeTicks(Date.UTC(2024, 10, 1, 4), Date.UTC(2024, 10, 30, 5), 30, ny);
  const novemberExpected = Array.from({ length: 30 }, (_, i) => Date.UTC(2024, 10, i + 1, i + 1 <= 3 ? 4 : 5));
  assert.deepEqual(times(november), novemberExpected);
  assert.equal(november.ticks[3].time - november.ticks[2].time, 25 * HOUR);
});

test('hourly ticks skip the missing 02:00 and repeat 01:00 in New York', () => {
  const ny = 'America/New_York';
  const spring = timeTicks(Date.UTC(2024, 2, 10, 4), Date.UTC(2024, 2, 10, 9), 10, ny);
  assert.deepEqual([spring.unit, spring.step], ['hour', 1]);
  assert.deepEqual(times(spring), [4, 5, 6, 7, 8, 9].map((h) => Date.UTC(2024, 2, 10, h)));
  assert.deepEqual(labels(spring), ['Mar 9 23:00', 'Mar 10', '01:00', '03:00', '04:00', '05:00']);
  assert.deepEqual(majors(spring), ['Mar 9 23:00', 'Mar 10']);
  const fall = timeTicks(Date.UTC(2024, 10, 3, 3), Date.UTC(2024, 10, 3, 8), 10, ny);
  assert.deepEqual(times(fall), [3, 4, 5, 6, 7, 8].map((h) => Date.UTC(2024, 10, 3, h)));
  assert.deepEqual(labels(fall), ['Nov 2 23:00', 'Nov 3', '01:00', '01:00', '02:00', '03:00']);
  // Every 2 hours on the local clock: 00:00 EST, then 02:00 does not exist, so 04:00 EDT.
  const twoHours = timeTicks(Date.UTC(2024, 2, 10, 5), Date.UTC(2024, 2, 10, 12), 5, ny);
  assert.deepEqual([twoHours.unit, twoHours.step], ['hour', 2]);
  assert.deepEqual(times(twoHours), [Date.UTC(2024, 2, 10, 5), Date.UTC(2024, 2, 10, 8), Date.UTC(2024, 2, 10, 10), Date.UTC(2024, 2, 10, 12)]);
  assert.deepEqual(labels(twoHours), ['Mar 10 00:00', '04:00', '06:00', '08:00']);
});

test('a skipped calendar day (Samoa, 2011-12-30) gives no duplicate tick', () => {
  // Apia jumped from UTC-10 to UTC+14: December 30th never happened there.
  const result = timeTicks(Date.UTC(2011, 11, 28, 10), Date.UTC(2012, 0, 2, 10), 10, 'Pacific/Apia');
  assert.deepEqual([result.unit, result.step], ['day', 1]);
  assert.deepEqual(labels(result), ['Dec 28, 2011', '29', '31', '2012', '2', '3']);
  assert.deepEqual(times(result), [
    Date.UTC(2011, 11, 28, 10),
    Date.UTC(2011, 11, 29, 10),
    Date.UTC(2011, 11, 30, 10),
    Date.UTC(2011, 11, 31, 10),
    Date.UTC(2012, 0, 1, 10),
    Date.UTC(2012, 0, 2, 10),
  ]);
});

test('hour ticks in Asia/Kolkata (+05:30) are aligned on local hours', () => {
  const kolkata = 'Asia/Kolkata';
  const result = timeTicks(Date.UTC(2024, 0, 1, 15), Date.UTC(2024, 0, 1, 23), 10, kolkata);
  assert.deepEqual([result.unit, result.step], ['hour', 1]);
  // 20:30 local is the window start; ticks at 21:00 … 04:00 local = 15:30Z … 22:30Z.
  assert.deepEqual(times(result), [15, 16, 17, 18, 19, 20, 21, 22].map((h) => Date.UTC(2024, 0, 1, h, 30)));
  assert.deepEqual(labels(result), ['Jan 1 21:00', '22:00', '23:00', 'Jan 2', '01:00', '02:00', '03:00', '04:00']);
  const sixHours = timeTicks(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 3), 10, kolkata);
  assert.deepEqual([sixHours.unit, sixHours.step], ['hour', 6]);
  for (const time of times(sixHours)) assert.equal((time + 5.5 * HOUR) % (6 * HOUR), 0);
});

test('month ticks land on the 1st at local midnight', () => {
  const ny = 'America/New_York';
  const quarters = timeTicks(Date.UTC(2023, 0, 1, 5), Date.UTC(2025, 5, 1), 12, ny);
  assert.deepEqual([quarters.unit, quarters.step], ['month', 3]);
  const expected = [];
  for (const year of [2023, 2024, 2025]) {
    expected.push(Date.UTC(year, 0, 1, 5), Date.UTC(year, 3, 1, 4), Date.UTC(year, 6, 1, 4), Date.UTC(year, 9, 1, 4));
  }
  assert.deepEqual(times(quarters), expected.filter((t) => t <= Date.UTC(2025, 5, 1)));
  assert.deepEqual(labels(quarters), ['2023', 'Apr', 'Jul', 'Oct', '2024', 'Apr', 'Jul', 'Oct', '2025', 'Apr']);
  assert.deepEqual(majors(quarters), ['2023', '2024', '2025']);
  // Monthly in Paris: midnight is 23:00Z in winter, 22:00Z in summer (DST from March 31st).
  const paris = timeTicks(Date.UTC(2024, 0, 15), Date.UTC(2024, 6, 15), 8, 'Europe/Paris');
  assert.deepEqual([paris.unit, paris.step], ['month', 1]);
  assert.deepEqual(times(paris), [
    Date.UTC(2024, 0, 31, 23),
    Date.UTC(2024, 1, 29, 23),
    Date.UTC(2024, 2, 31, 22),
    Date.UTC(2024, 3, 30, 22),
    Date.UTC(2024, 4, 31, 22),
    Date.UTC(2024, 5, 30, 22),
  ]);
  assert.deepEqual(labels(paris), ['Feb 2024', 'Mar', 'Apr', 'May', 'Jun', 'Jul']);
});

test('year ticks are local January 1st midnights', () => {
  const tokyo = timeTicks(Date.UTC(2000, 0, 1), Date.UTC(2010, 0, 1), 12, 'Asia/Tokyo');
  assert.deepEqual([tokyo.unit, tokyo.step], ['year', 1]);
  // Tokyo's 2001-01-01 00:00 is 2000-12-31 15:00Z: 2000's is before the window, 2010's inside it.
  assert.deepEqual(times(tokyo), Array.from({ length: 10 }, (_, i) => Date.UTC(2000 + i, 11, 31, 15)));
  assert.deepEqual(labels(tokyo), ['2001', '2002', '2003', '2004', '2005', '2006', '2007', '2008', '2009', '2010']);
});

test('major ticks and their labels', () => {
  const ms = timeTicks(Date.UTC(2024, 2, 5, 14, 3, 6, 800), Date.UTC(2024, 2, 5, 14, 3, 7, 200), 5);
  assert.deepEqual(labels(ms), ['Mar 5 14:03:06.800', '.900', '14:03:07', '.100', '.200']);
  assert.deepEqual(ms.ticks.map((t) => t.major), [true, false, true, false, false]);

  const seconds = timeTicks(Date.UTC(2024, 2, 5, 14, 3, 30), Date.UTC(2024, 2, 5, 14, 5), 7);
  assert.deepEqual([seconds.unit, seconds.step], ['second', 15]);
  assert.deepEqual(labels(seconds), ['Mar 5 14:03:30', '14:03:45', '14:04:00', '14:04:15', '14:04:30', '14:04:45', '14:05:00']);
  assert.deepEqual(majors(seconds), ['Mar 5 14:03:30', '14:04:00', '14:05:00']);

  const minutes = timeTicks(Date.UTC(2024, 2, 5, 14, 30), Date.UTC(2024, 2, 5, 16), 7);
  assert.deepEqual(majors(minutes), ['Mar 5 14:30', '15:00', '16:00']);

  const hours = timeTicks(Date.UTC(2024, 2, 5, 18), Date.UTC(2024, 2, 6, 6), 7);
  assert.deepEqual(labels(hours), ['Mar 5 18:00', '20:00', '22:00', 'Mar 6', '02:00', '04:00', '06:00']);
  assert.deepEqual(majors(hours), ['Mar 5 18:00', 'Mar 6']);

  const midnightMs = timeTicks(Date.UTC(2024, 11, 31, 23, 59, 59, 800), Date.UTC(2025, 0, 1, 0, 0, 0, 100), 4);
  assert.deepEqual(labels(midnightMs), ['Dec 31 23:59:59.800', '.900', '2025', '.100']);

  const days = timeTicks(Date.UTC(2024, 1, 26), Date.UTC(2024, 2, 3), 10);
  assert.deepEqual(labels(days), ['Feb 26, 2024', '27', '28', '29', 'Mar 1', '2', '3']);
  assert.deepEqual(majors(days), ['Feb 26, 2024', 'Mar 1']);

  const everyOtherDay = timeTicks(Date.UTC(2024, 0, 25), Date.UTC(2024, 1, 8), 8);
  assert.deepEqual([everyOtherDay.unit, everyOtherDay.step], ['day', 2]);
  // Odd days of the month; the 31st is skipped so the 1st follows the 29th two days on.
  assert.deepEqual(labels(everyOtherDay), ['Jan 25, 2024', '27', '29', 'Feb 1', '3', '5', '7']);

  const weeks = timeTicks(Date.UTC(2024, 11, 1), Date.UTC(2025, 1, 10), 12);
  assert.deepEqual([weeks.unit, weeks.step], ['week', 1]);
  // Mondays.
  for (const time of times(weeks)) assert.equal(new Date(time).getUTCDay(), 1);
  assert.deepEqual(majors(weeks), ['Dec 2, 2024', '2025', 'Feb 3']);

  const months = timeTicks(Date.UTC(2024, 9, 1), Date.UTC(2025, 3, 1), 8);
  assert.deepEqual(labels(months), ['Oct 2024', 'Nov', 'Dec', '2025', 'Feb', 'Mar', 'Apr']);
  assert.deepEqual(majors(months), ['Oct 2024', '2025']);
});

test('timeTicks never exceeds maxTicks and keeps ticks ordered inside the window', () => {
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const zones = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Europe/London'];
  for (let i = 0; i < 3000; i++) {
    const start = Date.UTC(1970, 0, 1) + random() * 130 * YEAR + random();
    const span = Math.exp(random() * Math.log(100 * YEAR));
    const maxTicks = 1 + Math.floor(random() * 30);
    const zone = zones[i % zones.length];
    const result = timeTicks(start, start + span, maxTicks, zone);
    const ts = times(result);
    assert.ok(ts.length <= maxTicks, `${ts.length} > ${maxTicks} for ${start}+${span} in ${zone}`);
    ts.forEach((t, j) => {
      assert.ok(t >= start && t <= start + span, 'inside the window');
      if (j > 0) assert.ok(t > ts[j - 1], 'strictly increasing');
    });
    if (ts.length > 0) assert.equal(result.ticks[0].major, true);
  }
});

test('timeTicks handles degenerate input', () => {
  assert.deepEqual(timeTicks(Number.NaN, 10, 5).ticks, []);
  assert.deepEqual(timeTicks(0, Number.POSITIVE_INFINITY, 5).ticks, []);
  assert.deepEqual(timeTicks(0, 10, 0).ticks, []);
  // Reversed bounds are swapped.
  assert.deepEqual(times(timeTicks(Date.UTC(2024, 0, 1, 1), Date.UTC(2024, 0, 1), 3)), times(timeTicks(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 1), 3)));
  assert.throws(() => timeTicks(0, DAY, 5, 'Mars/Olympus_Mons'), RangeError);
});

test('linearTicks over [0, 1] and [0.1, 0.3] gives exact decimals and labels', () => {
  const unit = linearTicks(0, 1, 6);
  assert.deepEqual(unit.map((t) => t.value), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(unit.map((t) => t.label), ['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
  const narrow = linearTicks(0.1, 0.3, 5);
  assert.deepEqual(narrow.map((t) => t.value), [0.1, 0.15, 0.2, 0.25, 0.3]);
  assert.deepEqual(narrow.map((t) => t.label), ['0.10', '0.15', '0.20', '0.25', '0.30']);
  const tenths = linearTicks(0.1, 0.3, 3);
  assert.deepEqual(tenths.map((t) => t.value), [0.1, 0.2, 0.3]);
  assert.deepEqual(tenths.map((t) => t.label), ['0.1', '0.2', '0.3']);
});

test('linearTicks over [-5, 1e6] uses compact labels', () => {
  const ticks = linearTicks(-5, 1e6, 6);
  assert.deepEqual(ticks.map((t) => t.value), [0, 2e5, 4e5, 6e5, 8e5, 1e6]);
  assert.deepEqual(ticks.map((t) => t.label), ['0', '200k', '400k', '600k', '800k', '1M']);
  const finer = linearTicks(-5, 1e6, 12);
  assert.deepEqual(finer.map((t) => t.label), ['0', '100k', '200k', '300k', '400k', '500k', '600k', '700k', '800k', '900k', '1M']);
  assert.deepEqual(linearTicks(1e6, 3e6, 5).map((t) => t.label), ['1M', '1.5M', '2M', '2.5M', '3M']);
  assert.deepEqual(linearTicks(-2e9, 2e9, 5).map((t) => t.label), ['-2B', '-1B', '0', '1B', '2B']);
});

test('linearTicks over [1e-9, 5e-9] uses exponent labels', () => {
  const ticks = linearTicks(1e-9, 5e-9, 5);
  assert.deepEqual(ticks.map((t) => t.value), [1e-9, 2e-9, 3e-9, 4e-9, 5e-9]);
  assert.deepEqual(ticks.map((t) => t.label), ['1e-9', '2e-9', '3e-9', '4e-9', '5e-9']);
  assert.deepEqual(linearTicks(1e-9, 5e-9, 9).map((t) => t.label), ['1e-9', '1.5e-9', '2e-9', '2.5e-9', '3e-9', '3.5e-9', '4e-9', '4.5e-9', '5e-9']);
});

test('linearTicks edge cases', () => {
  assert.deepEqual(linearTicks(3, 3, 5), [{ value: 3, label: '3' }]);
  assert.deepEqual(linearTicks(Number.NaN, 1, 5), []);
  assert.deepEqual(linearTicks(0, Number.POSITIVE_INFINITY, 5), []);
  assert.deepEqual(linearTicks(0, 1, 0), []);
  assert.deepEqual(linearTicks(1, 0, 6), linearTicks(0, 1, 6));
  const negative = linearTicks(-1, -0.5, 6);
  assert.deepEqual(negative.map((t) => t.value), [-1, -0.9, -0.8, -0.7, -0.6, -0.5]);
  assert.deepEqual(negative.map((t) => t.label), ['-1.0', '-0.9', '-0.8', '-0.7', '-0.6', '-0.5']);
  // Zero never reads "-0".
  assert.deepEqual(linearTicks(-1, 1, 3).map((t) => t.label), ['-1', '0', '1']);
  assert.deepEqual(linearTicks(40000, 41000, 6).map((t) => t.label), ['40000', '40200', '40400', '40600', '40800', '41000']);
});

test('linearTicks never exceeds maxTicks', () => {
  let seed = 11;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < 5000; i++) {
    const center = (random() - 0.5) * 10 ** Math.floor(random() * 20 - 10);
    const width = 10 ** (random() * 24 - 12);
    const maxTicks = 1 + Math.floor(random() * 20);
    const ticks = linearTicks(center - width, center + width, maxTicks);
    assert.ok(ticks.length <= maxTicks);
    for (const tick of ticks) assert.ok(tick.value >= center - width && tick.value <= center + width);
  }
});

test('logTicks over [1, 1e6] thins from 1-2-5 to decades to every other decade', () => {
  const dense = logTicks(1, 1e6, 20);
  assert.deepEqual(dense.map((t) => t.label), ['1', '2', '5', '10', '20', '50', '100', '200', '500', '1k', '2k', '5k', '10k', '20k', '50k', '100k', '200k', '500k', '1M']);
  assert.equal(dense[2].value, 5);
  assert.equal(dense[18].value, 1e6);
  const decades = logTicks(1, 1e6, 10);
  assert.deepEqual(decades.map((t) => t.value), [1, 10, 100, 1e3, 1e4, 1e5, 1e6]);
  const sparse = logTicks(1, 1e6, 4);
  assert.deepEqual(sparse.map((t) => t.value), [1, 100, 1e4, 1e6]);
  assert.deepEqual(logTicks(0.001, 0.1, 10).map((t) => t.label), ['0.001', '0.002', '0.005', '0.01', '0.02', '0.05', '0.1']);
  assert.deepEqual(logTicks(1e-9, 1e-6, 4).map((t) => t.label), ['1e-9', '1e-8', '1e-7', '1e-6']);
});

test('logTicks within one decade falls back to linear ticks', () => {
  const ticks = logTicks(2, 8, 10);
  assert.deepEqual(ticks.map((t) => t.value), [2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(ticks.map((t) => t.label), ['2', '3', '4', '5', '6', '7', '8']);
  assert.deepEqual(logTicks(0, 10, 5), []);
  assert.deepEqual(logTicks(-1, 10, 5), []);
});

test('formatValue', () => {
  assert.equal(formatValue(0.1 + 0.2), '0.3');
  assert.equal(formatValue(43125.37), '43125.37');
  assert.equal(formatValue(1234567.891), '1234567.9');
  assert.equal(formatValue(-0.000123456), '-0.000123456');
  assert.equal(formatValue(1.5e-7), '1.5e-7');
  assert.equal(formatValue(2e20), '2e20');
  assert.equal(formatValue(-0), '0');
  assert.equal(formatValue(-0.001, 0.01), '0.00');
  assert.equal(formatValue(-0.004, 1e4), '0');
  assert.equal(formatValue(Number.NaN), 'NaN');
  assert.equal(formatValue(1234.5678, 0.01), '1234.57');
  assert.equal(formatValue(1.5, 0.25), '1.50');
  assert.equal(formatValue(1.5e6, 1e5), '1.5M');
  assert.equal(formatValue(1.5e-7, 0.01), '0.00');
  assert.equal(formatValue(3.5e-9, 5e-10), '3.5e-9');
});
