import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataError, validateColumnar, normalizeData, parseTimeValue, parseJson, SeriesStore } from '../../build/node/data/index.js';
import * as api from '../../build/node/data/index.js';
import { throwsDataError } from './helpers.mjs';

const T0 = 1_700_000_000_000;

const toArrays = (result) => ({
  time: [...result.data.time],
  columns: Object.fromEntries(Object.entries(result.data.columns).map(([k, v]) => [k, [...v]])),
});

test('index re-exports the public API', () => {
  for (const name of ['DataError', 'validateColumnar', 'normalizeData', 'parseTimeValue', 'parseCsv', 'parseJson', 'loadUrl', 'TIME_COLUMN_NAMES']) {
    assert.ok(name in api, name);
  }
  assert.equal(api.DataError, DataError);
});

test('DataError carries its details, shortens long string values, and sets only what is known', () => {
  const long = 'x'.repeat(100);
  const error = new DataError('line 5, column "close": … is not a number', { code: 'invalid-number', row: 3, line: 5, column: 'close', value: long, source: 'a.csv' });
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'DataError');
  assert.equal(error.code, 'invalid-number');
  assert.equal(error.row, 3);
  assert.equal(error.line, 5);
  assert.equal(error.column, 'close');
  assert.equal(error.source, 'a.csv');
  assert.equal(/** @type {string} */ (error.value).length, 40);
  assert.equal(error.value, `${'x'.repeat(39)}…`);

  const bare = new DataError('the data is empty', { code: 'empty' });
  assert.equal('row' in bare, false);
  assert.equal('line' in bare, false);
  assert.equal('value' in bare, false);
  assert.equal(new DataError('m', { code: 'http', value: 404 }).value, 404);
  const cause = new Error('inner');
  assert.equal(new DataError('m', { code: 'network', cause }).cause, cause);
});

test('validateColumnar adopts Float64Arrays without copying or writing them, and copies everything else', () => {
  const time = new Float64Array([T0, T0 + 1000, T0 + 2000]);
  const value = new Float64Array([1, NaN, 3]);
  const plain = [10, 20, 30];
  const float32 = new Float32Array([1, 2, 3]);
  const result = validateColumnar(time, { value, plain, float32 });
  assert.equal(result.data.time, time, 'time adopted');
  assert.equal(result.data.columns.value, value, 'value adopted (NaN needs no rewrite)');
  assert.notEqual(result.data.columns.float32, float32);
  assert.ok(result.data.columns.plain instanceof Float64Array);
  assert.deepEqual([...result.data.borrowed].sort(), ['time', 'value']);
  assert.deepEqual(result.nonFinite, { count: 1, firstRow: 1, firstColumn: 'value' });
  // Plain arrays were copied: changing them later changes nothing.
  plain[2] = -1;
  assert.equal(result.data.columns.plain[2], 30);
});

test('validateColumnar copies a Float64Array holding ±Infinity (rewritten to NaN) and leaves the caller\'s array alone', () => {
  const value = new Float64Array([1, Infinity, 3]);
  const result = validateColumnar(new Float64Array([1, 2, 3]), { value });
  assert.notEqual(result.data.columns.value, value);
  assert.deepEqual(Array.from(result.data.columns.value), [1, NaN, 3]);
  assert.equal(value[1], Infinity, 'not written');
  assert.deepEqual(result.data.borrowed, ['time']);
});

test('a store never writes into borrowed arrays: updating the last row or appending copies them first', () => {
  const time = new Float64Array([1, 2, 3]);
  const value = new Float64Array([10, 20, 30]);
  const store = new SeriesStore(validateColumnar(time, { value }).data);
  store.pyramid('value');
  store.append({ time: Float64Array.of(3), columns: { value: Float64Array.of(99) } });
  assert.equal(value[2], 30, 'the caller\'s array is unchanged');
  assert.equal(store.column('value')[2], 99, 'the store has the new value');
  store.append({ time: Float64Array.of(4, 5), columns: { value: Float64Array.of(40, 50) } });
  assert.deepEqual(Array.from(store.time), [1, 2, 3, 4, 5]);
  assert.deepEqual(Array.from(time), [1, 2, 3]);
  const pair = new Uint32Array(2);
  store.pyramid('value').rangeMinMax(0, 5, pair);
  assert.deepEqual([store.column('value')[pair[0]], store.column('value')[pair[1]]], [10, 99], 'pyramid follows the copies');
});

test('validateColumnar converts other typed arrays and numeric strings', () => {
  // @ts-expect-error: strings and bigints on purpose (validateColumnar coerces them; the types ask for numbers)
  const result = validateColumnar(new Int32Array([1, 2, 3]), { a: new Float32Array([0.5, 1.5, 2.5]), b: ['1.25', ' 2 ', '3e2'], c: new BigInt64Array([1n, 2n, 3n]) });
  assert.deepEqual(toArrays(result), { time: [1, 2, 3], columns: { a: [0.5, 1.5, 2.5], b: [1.25, 2, 300], c: [1, 2, 3] } });
});

test('validateColumnar: empty, no value columns, length mismatch', () => {
  throwsDataError(() => validateColumnar([], { value: [] }), { code: 'empty', message: 'the data is empty: it has no rows', source: 'data' });
  throwsDataError(() => validateColumnar([1, 2], {}, 'mine'), { code: 'no-value-columns', source: 'mine', message: /no value columns/ });
  const time = Array.from({ length: 100 }, (_, i) => T0 + i);
  throwsDataError(() => validateColumnar(time, { close: new Float64Array(100), high: new Float64Array(99) }), {
    code: 'length-mismatch',
    column: 'high',
    value: 99,
    message: 'column "high" has 99 values but time has 100',
  });
});

test('validateColumnar: non-finite and missing times are rejected with their row', () => {
  throwsDataError(() => validateColumnar([1, 2, 3, NaN, 5], { v: [1, 2, 3, 4, 5] }), {
    code: 'invalid-time',
    row: 3,
    column: 'time',
    value: NaN,
    line: undefined,
    message: 'time at row 3 is not a finite number: NaN',
  });
  throwsDataError(() => validateColumnar([1, 2, Infinity], { v: [1, 2, 3] }), { code: 'invalid-time', row: 2, value: Infinity });
  throwsDataError(() => validateColumnar([-Infinity, 2], { v: [1, 2] }), { code: 'invalid-time', row: 0, value: -Infinity });
  throwsDataError(() => validateColumnar([1, null, 3], { v: [1, 2, 3] }), { code: 'missing-time', row: 1, value: null, message: 'row 1: time is null' });
  // @ts-expect-error: a time that is not one, on purpose (validation is under test)
  throwsDataError(() => validateColumnar([1, 2, 'soon'], { v: [1, 2, 3] }), { code: 'invalid-time', row: 2, value: 'soon', message: /^row 2, column "time": "soon" is not a valid time/ });
});

test('validateColumnar: unsorted and duplicate times name the row and both values', () => {
  // Rows 0..16 end at T0 + 60 s; row 17 steps back to T0.
  const time = Array.from({ length: 20 }, (_, i) => T0 + (i - 15) * 60_000);
  time[17] = T0;
  throwsDataError(() => validateColumnar(time, { value: new Float64Array(20) }), {
    code: 'unsorted-time',
    row: 17,
    column: 'time',
    value: T0,
    message: 'time is not ascending at row 17: 1700000000000 (2023-11-14T22:13:20.000Z) after 1700000060000 (2023-11-14T22:14:20.000Z)',
  });
  throwsDataError(() => validateColumnar([T0 + 60_000, T0], { v: [1, 2] }), {
    code: 'unsorted-time',
    row: 1,
    value: T0,
    message: 'time is not ascending at row 1: 1700000000000 (2023-11-14T22:13:20.000Z) after 1700000060000 (2023-11-14T22:14:20.000Z)',
  });
  throwsDataError(() => validateColumnar([1, 2, 2, 3], { v: [1, 2, 3, 4] }), {
    code: 'duplicate-time',
    row: 2,
    value: 2,
    message: 'duplicate time at row 2: 2 (1970-01-01T00:00:00.002Z) equals the time of row 1',
  });
});

test('validateColumnar: NaN, ±Infinity, null and undefined values become NaN gaps and are counted', () => {
  const result = validateColumnar([1, 2, 3, 4, 5], {
    a: [1, null, 3, undefined, 5],
    b: new Float64Array([Infinity, 2, -Infinity, 4, NaN]),
    c: [1, 2, 3, 4, 5],
  });
  assert.deepEqual(toArrays(result).columns, { a: [1, NaN, 3, NaN, 5], b: [NaN, 2, NaN, 4, NaN], c: [1, 2, 3, 4, 5] });
  // The earliest row wins across columns: b has one at row 0.
  assert.deepEqual(result.nonFinite, { count: 5, firstRow: 0, firstColumn: 'b' });

  // On the same row, the first column in column order is named.
  const tie = validateColumnar([1, 2], { x: [1, NaN], y: [1, NaN] });
  assert.deepEqual(tie.nonFinite, { count: 2, firstRow: 1, firstColumn: 'x' });
});

test('validateColumnar: a non-numeric value is invalid-number with row and column', () => {
  // @ts-expect-error: a value that is not a number, on purpose (validation is under test)
  throwsDataError(() => validateColumnar([1, 2, 3], { close: [1, 'abc', 3] }, 'feed'), {
    code: 'invalid-number',
    row: 1,
    column: 'close',
    value: 'abc',
    source: 'feed',
    message: 'row 1, column "close": "abc" is not a number',
  });
  // @ts-expect-error: booleans on purpose (validation refuses them)
  throwsDataError(() => validateColumnar([1, 2], { flag: [true, false] }), { code: 'invalid-number', row: 0, column: 'flag', value: true });
});

test('normalizeData: columnar objects with typed or plain arrays, time aliases, Dates and ISO strings', () => {
  const typed = normalizeData({ time: new Float64Array([1, 2]), open: new Float32Array([1.5, 2.5]), close: [3, 4] });
  assert.deepEqual(toArrays(typed), { time: [1, 2], columns: { open: [1.5, 2.5], close: [3, 4] } });

  for (const key of ['timestamp', 'date', 'datetime', 't', 'Time', 'TIMESTAMP']) {
    const result = normalizeData({ [key]: [10, 20], value: [1, 2] });
    assert.deepEqual(toArrays(result), { time: [10, 20], columns: { value: [1, 2] } }, key);
  }

  const dated = normalizeData({ time: [new Date(Date.UTC(2024, 2, 5)), '2024-03-05T14:03:07.123Z', '2024-03-06'], value: [1, 2, 3], name: 'AAPL' });
  assert.deepEqual(toArrays(dated), {
    time: [Date.UTC(2024, 2, 5), Date.UTC(2024, 2, 5, 14, 3, 7, 123), Date.UTC(2024, 2, 6)],
    columns: { value: [1, 2, 3] }, // `name` is not an array: metadata, ignored
  });
});

test('normalizeData copies plain-array columns and adopts Float64Array ones', () => {
  const input = { time: [1, 2, 3], value: new Float64Array([4, 5, 6]) };
  const result = normalizeData(input);
  input.time[0] = 100;
  assert.equal(result.data.time[0], 1, 'plain array copied');
  assert.equal(result.data.columns.value, input.value, 'Float64Array adopted');
});

test('normalizeData: records with number, Date and ISO times; missing keys are gaps', () => {
  const result = normalizeData([
    { time: T0, open: 1, close: 2, symbol: 'AAPL' },
    { time: new Date(T0 + 60_000), open: 3 },
    { time: '2023-11-14T22:15:20Z', open: null, close: '4.5' },
  ]);
  assert.deepEqual(toArrays(result), { time: [T0, T0 + 60_000, T0 + 120_000], columns: { open: [1, 3, NaN], close: [2, NaN, 4.5] } });
  assert.deepEqual(result.nonFinite, { count: 2, firstRow: 1, firstColumn: 'close' });
  assert.deepEqual(Object.keys(result.data.columns), ['open', 'close']);
});

test('normalizeData: record errors name row and column', () => {
  throwsDataError(() => normalizeData([{ time: 1, value: 2 }, { time: 2, value: 'x' }]), {
    code: 'invalid-number',
    row: 1,
    column: 'value',
    value: 'x',
    message: 'row 1, column "value": "x" is not a number',
  });
  throwsDataError(() => normalizeData([{ time: 1, value: 2 }, { value: 3 }]), { code: 'missing-time', row: 1, column: 'time', message: 'row 1: time is missing' });
  throwsDataError(() => normalizeData([{ date: '2024-03-05', value: 2 }, { date: '2024-02-30', value: 3 }]), {
    code: 'invalid-time',
    row: 1,
    column: 'date',
    value: '2024-02-30',
  });
  throwsDataError(() => normalizeData([{ time: 1, value: 2 }, null]), { code: 'unsupported-format', row: 1, message: /^row 1 is null, not a record/ });
  throwsDataError(() => normalizeData([{ time: 2, value: 2 }, { time: 1, value: 3 }]), { code: 'unsorted-time', row: 1, value: 1 });
  throwsDataError(() => normalizeData([{ when: 1, value: 2 }]), { code: 'missing-time', row: 0, message: /time field named time, timestamp, date, datetime or t; row 0 has keys "when", "value"/ });
  throwsDataError(() => normalizeData([{ time: 1, symbol: 'AAPL' }]), { code: 'no-value-columns', message: /no numeric fields besides "time"/ });
  throwsDataError(() => normalizeData([]), { code: 'empty' });
});

test('normalizeData: one record object is one row (a streaming append)', () => {
  assert.deepEqual(toArrays(normalizeData({ time: '2024-03-05', value: 3 }, 'append')), { time: [Date.UTC(2024, 2, 5)], columns: { value: [3] } });
});

test('normalizeData: unsupported shapes say what is accepted', () => {
  for (const input of ['time,value\n1,2', 42, null, undefined, [1, 2, 3], [[1, 2]], new Float64Array(3), true]) {
    throwsDataError(() => normalizeData(input, 'data'), { code: 'unsupported-format', source: 'data', message: /expected columns like \{ time: \[\.\.\.\], value: \[\.\.\.\] \}.*or records like \[\{ time, value \}/ });
  }
  throwsDataError(() => normalizeData('abc'), { message: /got a string "abc" \(for CSV or JSON text use parseCsv \/ parseJson\)/ });
  throwsDataError(() => normalizeData({ x: [1, 2], y: [3, 4] }), { code: 'missing-time', message: 'columnar data needs a time column named time, timestamp, date, datetime or t; found keys "x", "y"' });
});

test('parseTimeValue: numbers, Dates, numeric and ISO-8601 strings', () => {
  assert.equal(parseTimeValue(T0), T0);
  assert.equal(parseTimeValue(NaN), NaN);
  assert.equal(parseTimeValue(Infinity), NaN);
  assert.equal(parseTimeValue(new Date(T0)), T0);
  assert.equal(parseTimeValue(new Date('nope')), NaN);
  assert.equal(parseTimeValue('1700000000000'), T0);
  assert.equal(parseTimeValue(' 1700000000000 '), T0);
  assert.equal(parseTimeValue('-5'), -5);
  assert.equal(parseTimeValue('1700000000000.5'), T0 + 0.5);
  assert.equal(parseTimeValue('1.7e12'), 1.7e12);
  assert.equal(parseTimeValue('12345678901234567'), 12345678901234567);

  assert.equal(parseTimeValue('2024-03-05'), Date.UTC(2024, 2, 5));
  assert.equal(parseTimeValue('2024-03-05T14:03:07.123Z'), Date.UTC(2024, 2, 5, 14, 3, 7, 123));
  assert.equal(parseTimeValue('2024-03-05 14:03:07'), Date.UTC(2024, 2, 5, 14, 3, 7)); // no zone: UTC
  assert.equal(parseTimeValue('2024-03-05T14:03'), Date.UTC(2024, 2, 5, 14, 3));
  assert.equal(parseTimeValue('2024-03-05T14:03:07.5'), Date.UTC(2024, 2, 5, 14, 3, 7, 500));
  assert.equal(parseTimeValue('2024-03-05T14:03:07.123456789Z'), Date.UTC(2024, 2, 5, 14, 3, 7, 123));
  assert.equal(parseTimeValue('2024-03-05T14:03:07+01:00'), Date.UTC(2024, 2, 5, 13, 3, 7));
  assert.equal(parseTimeValue('2024-03-05T14:03:07-0530'), Date.UTC(2024, 2, 5, 19, 33, 7));
  assert.equal(parseTimeValue('2024-03-05T14:03:07+09'), Date.UTC(2024, 2, 5, 5, 3, 7));
  assert.equal(parseTimeValue('2024-02-29'), Date.UTC(2024, 1, 29));
  assert.equal(parseTimeValue('2000-02-29'), Date.UTC(2000, 1, 29));
  assert.equal(parseTimeValue('1969-12-31T23:59:59.999Z'), -1);
  assert.equal(parseTimeValue('0050-06-01'), Date.parse('0050-06-01T00:00:00Z'));

  // Zone-explicit strings agree with the engine's parser everywhere in a range of dates.
  for (let ms = Date.UTC(1900, 0, 1); ms < Date.UTC(2100, 0, 1); ms += 86_400_000 * 37 + 3_723_456) {
    const iso = new Date(ms).toISOString();
    assert.equal(parseTimeValue(iso), ms, iso);
  }

  for (const bad of ['', '   ', 'abc', '0x10', 'Infinity', '2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-03-32', '2024-3-5', '2024-03-05T25:00', '2024-03-05T14:60', '2024-03-05T14:03:61', '2024-03-05T14:03:07.', '2024-03-05T14:03:07X', '2024-03-05T14:03:07+1', '2024-03-05x', '05/03/2024', null, undefined, {}, true]) {
    assert.equal(parseTimeValue(bad), NaN, JSON.stringify(bad));
  }
});

test('parseJson: records, columns and { data } wrappers', () => {
  const records = parseJson('[{"time":"2024-03-05T00:00:00Z","value":1},{"time":"2024-03-06","value":null}]', 'x.json');
  assert.deepEqual(toArrays(records), { time: [Date.UTC(2024, 2, 5), Date.UTC(2024, 2, 6)], columns: { value: [1, NaN] } });
  assert.deepEqual(records.nonFinite, { count: 1, firstRow: 1, firstColumn: 'value' });
  assert.deepEqual(toArrays(parseJson('{"t":[1,2],"v":[3,4]}')), { time: [1, 2], columns: { v: [3, 4] } });
  assert.deepEqual(toArrays(parseJson('{"data":[{"time":1,"v":3}],"meta":{"n":1}}')), { time: [1], columns: { v: [3] } });
  assert.deepEqual(toArrays(parseJson('{"data":{"time":[5],"v":[6]}}')), { time: [5], columns: { v: [6] } });
});

test('parseJson: syntax errors are malformed-json with the place; validation errors keep the source', () => {
  const error = throwsDataError(() => parseJson('[\n  {"time": 1, "value": 2},\n  {"time": 2 "value": 3}\n]', 'x.json'), {
    code: 'malformed-json',
    source: 'x.json',
    line: 3,
    message: /^invalid JSON at line 3, column 14: /,
  });
  assert.ok(error.cause instanceof SyntaxError);
  throwsDataError(() => parseJson('[{"time": 1, "value": 2}', 'y.json'), { code: 'malformed-json', line: 1, message: /^invalid JSON at line 1, column 25: / });
  throwsDataError(() => parseJson('  \n', 'z.json'), { code: 'empty', source: 'z.json' });
  throwsDataError(() => parseJson('[{"time":1,"v":1},{"time":1,"v":2}]', 'd.json'), { code: 'duplicate-time', row: 1, source: 'd.json' });
  throwsDataError(() => parseJson('"hello"'), { code: 'unsupported-format', source: 'json' });
});
