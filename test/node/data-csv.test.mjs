import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from '../../build/node/data/index.js';
import { throwsDataError } from './helpers.mjs';

const toArrays = (result) => ({
  time: [...result.data.time],
  columns: Object.fromEntries(Object.entries(result.data.columns).map(([k, v]) => [k, [...v]])),
});

const D = (day, hour = 0) => Date.UTC(2024, 2, day, hour);

test('parses a comma-separated file with LF line ends', () => {
  const result = parseCsv('time,value\n1700000000000,1.5\n1700000060000,-2\n1700000120000,3e2\n');
  assert.ok(result.data.time instanceof Float64Array);
  assert.ok(result.data.columns.value instanceof Float64Array);
  assert.deepEqual(toArrays(result), { time: [1700000000000, 1700000060000, 1700000120000], columns: { value: [1.5, -2, 300] } });
  assert.equal(result.nonFinite, null);
});

test('detects ; and tab delimiters; a ; file may use decimal commas', () => {
  assert.deepEqual(toArrays(parseCsv('date;open;close\n2024-03-05;1,5;2\n2024-03-06;"3,25";-0,5\n')), {
    time: [D(5), D(6)],
    columns: { open: [1.5, 3.25], close: [2, -0.5] },
  });
  assert.deepEqual(toArrays(parseCsv('time\tvalue\tother\n1\t2\t3\n2\t4\t5\n')), { time: [1, 2], columns: { value: [2, 4], other: [3, 5] } });
  // Commas inside a quoted header name don't outvote the real delimiter.
  assert.deepEqual(toArrays(parseCsv('time;"a,b,c"\n1;2\n')), { time: [1], columns: { 'a,b,c': [2] } });
});

test('CRLF, CR, a missing final line break, blank lines, a BOM', () => {
  const expected = { time: [1, 2], columns: { v: [3, 4] } };
  assert.deepEqual(toArrays(parseCsv('time,v\r\n1,3\r\n2,4\r\n')), expected);
  assert.deepEqual(toArrays(parseCsv('time,v\r1,3\r2,4\r')), expected);
  assert.deepEqual(toArrays(parseCsv('time,v\n1,3\n2,4')), expected);
  assert.deepEqual(toArrays(parseCsv('time,v\n1,3\n\n2,4\n\n\n')), expected);
  assert.deepEqual(toArrays(parseCsv('\ufefftime,v\n1,3\n2,4\n')), expected);
  // Mixed line ends (an LF header, CR rows): more rows than LF breaks, so the arrays must grow.
  const mixed = parseCsv('time,v\n1,2\r2,3\r3,4\r4,5\r5,6\r6,7');
  assert.deepEqual(toArrays(mixed), { time: [1, 2, 3, 4, 5, 6], columns: { v: [2, 3, 4, 5, 6, 7] } });
  assert.throws(() => parseCsv('time,v\n1,2\r2,3\r3,4\r2,5\r5,6'), { code: 'unsorted-time', row: 3, line: 5 });
});

test('RFC 4180 quotes: delimiters, escaped quotes and line breaks inside fields', () => {
  const text = 'time,"say ""hi""","a,b"\r\n"1","2","3"\r\n2,"4\r\n",5\r\n3,6,"7"\r\n';
  assert.deepEqual(toArrays(parseCsv(text)), { time: [1, 2, 3], columns: { 'say "hi"': [2, 4, 6], 'a,b': [3, 5, 7] } });
  // A cell error names the line where the cell starts; line numbers keep counting through quoted line breaks.
  throwsDataError(() => parseCsv('time,v\n1,"a\nb"\n2,x\n'), { code: 'invalid-number', row: 0, line: 2, value: 'a\nb' });
  throwsDataError(() => parseCsv('time,v\n1,"2\n"\n2,x\n'), { code: 'invalid-number', row: 1, line: 4, value: 'x' });
});

test('the time column is found by name (any case), else the first column', () => {
  assert.deepEqual(toArrays(parseCsv('close,Timestamp\n5,2024-03-05 10:00\n6,2024-03-05 11:00\n')), { time: [D(5, 10), D(5, 11)], columns: { close: [5, 6] } });
  assert.deepEqual(toArrays(parseCsv('value,T\n5,1\n6,2\n')), { time: [1, 2], columns: { value: [5, 6] } });
  assert.deepEqual(toArrays(parseCsv('DateTime,x\n2024-03-05T10:00:00Z,1\n')), { time: [D(5, 10)], columns: { x: [1] } });
  // pandas writes its index as an unnamed first column.
  assert.deepEqual(toArrays(parseCsv(',price\n2024-03-05,1\n2024-03-06,2\n')), { time: [D(5), D(6)], columns: { price: [1, 2] } });
  assert.deepEqual(toArrays(parseCsv('when,price\n"2024-03-05",1\n')), { time: [D(5)], columns: { price: [1] } });
});

test('empty cells and missing markers are NaN gaps, counted', () => {
  const result = parseCsv('time,a,b\n1,,1\n2,NaN,2\n3,3,NA\n4, 4 ,null\n5,inf,-Infinity\n');
  assert.deepEqual(toArrays(result), { time: [1, 2, 3, 4, 5], columns: { a: [NaN, NaN, 3, 4, NaN], b: [1, 2, NaN, NaN, NaN] } });
  assert.deepEqual(result.nonFinite, { count: 6, firstRow: 0, firstColumn: 'a' });
});

test('a row with another field count is malformed-csv naming the line and both counts', () => {
  throwsDataError(() => parseCsv('time,open,close\n1,2,3\n2,3\n', 'f.csv'), {
    code: 'malformed-csv',
    row: 1,
    line: 3,
    value: 2,
    source: 'f.csv',
    message: 'line 3 has 2 fields but the header has 3',
  });
  throwsDataError(() => parseCsv('time,v\n1,2\n2,3\n3,4,5,"6,7"\n'), { code: 'malformed-csv', row: 2, line: 4, value: 4, message: 'line 4 has 4 fields but the header has 2' });
  // A missing delimiter makes a cell unreadable too, but the field count is the real problem.
  throwsDataError(() => parseCsv('time,open,close\n1,2,3\n2,3 4\n'), { code: 'malformed-csv', line: 3, message: 'line 3 has 2 fields but the header has 3' });
  throwsDataError(() => parseCsv('time,v\n1,2\n   \n'), { code: 'malformed-csv', line: 3, message: 'line 3 has 1 field but the header has 2' });
});

test('a non-numeric cell is invalid-number with line, column and value', () => {
  throwsDataError(() => parseCsv('time,open,close\n1,1,2\n2,1,2\n3,1,2\n4,1,abc\n', 'ohlc.csv'), {
    code: 'invalid-number',
    row: 3,
    line: 5,
    column: 'close',
    value: 'abc',
    source: 'ohlc.csv',
    message: 'line 5, column "close": "abc" is not a number',
  });
  throwsDataError(() => parseCsv('time,v\n1,0x10\n'), { code: 'invalid-number', value: '0x10' });
  throwsDataError(() => parseCsv('time,v\n1,1,5\n'), { code: 'malformed-csv' }); // a decimal comma needs a ; file
  const long = 'z'.repeat(80);
  const error = throwsDataError(() => parseCsv(`time,v\n1,${long}\n`), { code: 'invalid-number', line: 2 });
  assert.equal(error.value, `${'z'.repeat(39)}…`);
});

test('bad and empty times: invalid-time / missing-time with line', () => {
  throwsDataError(() => parseCsv('date,v\n2024-03-05,1\n2024-03-06,2\n2024-02-30,3\n'), {
    code: 'invalid-time',
    row: 2,
    line: 4,
    column: 'date',
    value: '2024-02-30',
    message: 'line 4, column "date": "2024-02-30" is not a valid time (use epoch milliseconds or ISO-8601)',
  });
  throwsDataError(() => parseCsv('time,v\n1,1\n,2\n'), { code: 'missing-time', row: 1, line: 3, column: 'time', message: 'line 3, column "time": the time is empty' });
});

test('unsorted and duplicate times report the CSV line (blank lines counted)', () => {
  throwsDataError(() => parseCsv('time,v\n1700000000000,1\n\n1700000060000,2\n1700000000000,3\n', 'a.csv'), {
    code: 'unsorted-time',
    row: 2,
    line: 5,
    value: 1700000000000,
    source: 'a.csv',
    message: 'time is not ascending at row 2 (line 5): 1700000000000 (2023-11-14T22:13:20.000Z) after 1700000060000 (2023-11-14T22:14:20.000Z)',
  });
  throwsDataError(() => parseCsv('time,v\n2024-03-05,1\n2024-03-05T00:00:00Z,2\n'), { code: 'duplicate-time', row: 1, line: 3 });
});

test('broken quotes are malformed-csv', () => {
  throwsDataError(() => parseCsv('time,v\n1,2\n2,"3\n3,4\n'), { code: 'malformed-csv', line: 3, message: 'line 3: a quoted field is never closed' });
  throwsDataError(() => parseCsv('time,v\n1,"2"x\n'), { code: 'malformed-csv', line: 2, column: 'v', message: 'line 2, column "v": unexpected text after a closing quote' });
});

test('header problems and empty files', () => {
  throwsDataError(() => parseCsv('', 'e.csv'), { code: 'empty', source: 'e.csv' });
  throwsDataError(() => parseCsv('\n\n'), { code: 'empty' });
  throwsDataError(() => parseCsv('time,value\n'), { code: 'empty', line: 1, message: 'the CSV has a header (line 1) but no data rows' });
  throwsDataError(() => parseCsv('time|value\n1|2\n'), { code: 'no-value-columns', line: 1, message: /has one column "time\|value"/ });
  throwsDataError(() => parseCsv('1700000000000,5\n1700000060000,6\n'), { code: 'malformed-csv', line: 1, message: 'line 1 looks like data, not a header: the first row must name the columns, e.g. time,value' });
  throwsDataError(() => parseCsv('time,v,v\n1,2,3\n'), { code: 'malformed-csv', column: 'v', message: 'the CSV header (line 1) names column "v" twice' });
  throwsDataError(() => parseCsv('time,,v\n1,2,3\n'), { code: 'malformed-csv', message: 'the CSV header (line 1) has no name for column 2' });
});

test('numbers equal what Number() reads, fast path or not', () => {
  const values = ['0', '-0.5', '123456789012345', '1234567890123456789', '0.1', '0.30000000000000004', '3.141592653589793', '.5', '5.', '+7', '1e-7', '-2.5E+3', String(Math.random()), String(-Math.random() * 1e6)];
  const text = `time,v\n${values.map((v, i) => `${i},${v}`).join('\n')}\n`;
  assert.deepEqual([...parseCsv(text).data.columns.v], values.map(Number));
});

test('a large file parses to the right values', () => {
  const n = 200_000;
  const lines = ['time,open,close'];
  for (let i = 0; i < n; i++) lines.push(`${1_700_000_000_000 + i * 1000},${(i % 1000) / 8},${-i}`);
  const { data, nonFinite } = parseCsv(lines.join('\n'));
  assert.equal(nonFinite, null);
  assert.equal(data.time.length, n);
  assert.equal(data.columns.open.length, n);
  assert.equal(data.time[n - 1], 1_700_000_000_000 + (n - 1) * 1000);
  assert.equal(data.columns.open[999], 999 / 8);
  assert.equal(data.columns.close[n - 1], -(n - 1));
});
