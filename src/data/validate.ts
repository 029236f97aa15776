import type { ColumnarData, NonFiniteReport, NormalizedData } from './columnar.js';
import { DataError, describeValue } from './data-error.js';
import { parseTimeValue } from './parse-time.js';

/** Maps a 0-based row to its 1-based line in a source file, for messages. */
export type LineOf = (row: number) => number;

/**
 * Copies user columns into fresh Float64Arrays and checks them (see `checkOwnedColumnar`).
 * Copies always: the caller keeps its arrays and may mutate them later, which must not change
 * (or corrupt the min/max pyramids of) what the chart shows.
 *
 * The types say numbers, but data arrives from JSON and untyped code, so each element is
 * checked: in `time` null/undefined is 'missing-time' and Dates or ISO strings are converted; in
 * value columns null/undefined become gaps and numeric strings are read, other values are
 * 'invalid-number'.
 */
export function validateColumnar(time: ArrayLike<number>, columns: Record<string, ArrayLike<number>>, source = 'data'): NormalizedData {
  // Shape first: it costs nothing and spares copying 10M rows of data that is then rejected.
  checkShape(time.length, columns, source);
  const own: Record<string, Float64Array> = {};
  for (const name of Object.keys(columns)) own[name] = copyValues(columns[name]!, name, source);
  return checkOwnedColumnar({ time: copyTime(time, source), columns: own }, source);
}

/**
 * Checks arrays this module's callers built themselves (parsers), in place, without copying:
 * rows exist, value columns exist and match `time` in length, times are finite and strictly
 * ascending. ±Infinity in value columns is rewritten to NaN so that every gap looks the same
 * downstream; gaps are counted, not rejected.
 */
export function checkOwnedColumnar(data: ColumnarData, source: string, lineOf?: LineOf): NormalizedData {
  const { time, columns } = data;
  const n = time.length;
  checkShape(n, columns, source);
  const where = (row: number): string => (lineOf ? `row ${row} (line ${lineOf(row)})` : `row ${row}`);
  const at = (row: number): { row: number; line?: number } => (lineOf ? { row, line: lineOf(row) } : { row });

  let previous = time[0]!;
  if (previous - previous !== 0) {
    throw new DataError(`time at ${where(0)} is not a finite number: ${previous}`, { code: 'invalid-time', ...at(0), column: 'time', value: previous, source });
  }
  for (let i = 1; i < n; i++) {
    const t = time[i]!;
    // One comparison per row in the common case; `previous` is finite, so `t > previous`
    // already rules out NaN and -Infinity.
    if (t > previous && t !== Infinity) {
      previous = t;
      continue;
    }
    if (t - t !== 0) {
      throw new DataError(`time at ${where(i)} is not a finite number: ${t}`, { code: 'invalid-time', ...at(i), column: 'time', value: t, source });
    }
    if (t === previous) {
      throw new DataError(`duplicate time at ${where(i)}: ${describeTime(t)} equals the time of row ${i - 1}`, { code: 'duplicate-time', ...at(i), column: 'time', value: t, source });
    }
    throw new DataError(`time is not ascending at ${where(i)}: ${describeTime(t)} after ${describeTime(previous)}`, { code: 'unsorted-time', ...at(i), column: 'time', value: t, source });
  }

  let nonFinite: NonFiniteReport | null = null;
  for (const name of Object.keys(columns)) {
    const column = columns[name]!;
    let count = 0;
    let firstRow = -1;
    for (let i = 0; i < n; i++) {
      const v = column[i]!;
      if (v - v !== 0) {
        if (firstRow < 0) firstRow = i;
        count++;
        column[i] = NaN;
      }
    }
    if (count === 0) continue;
    if (!nonFinite) nonFinite = { count, firstRow, firstColumn: name };
    else {
      nonFinite.count += count;
      if (firstRow < nonFinite.firstRow) {
        nonFinite.firstRow = firstRow;
        nonFinite.firstColumn = name;
      }
    }
  }
  return { data: { time, columns }, nonFinite };
}

function checkShape(n: number, columns: Record<string, ArrayLike<unknown>>, source: string): void {
  if (n === 0) throw new DataError('the data is empty: it has no rows', { code: 'empty', source });
  const names = Object.keys(columns);
  if (names.length === 0) {
    throw new DataError('the data has a time column but no value columns (add one, e.g. "value")', { code: 'no-value-columns', source });
  }
  for (const name of names) {
    const length = columns[name]!.length;
    if (length !== n) {
      throw new DataError(`column "${name}" has ${length} values but time has ${n}`, { code: 'length-mismatch', column: name, value: length, source });
    }
  }
}

/** Epoch ms with its UTC date, so a reader of the message can find the row in an ISO-dated file. */
export function describeTime(t: number): string {
  return Math.abs(t) <= 8.64e15 ? `${t} (${new Date(t).toISOString()})` : String(t);
}

function isBigIntArray(input: ArrayLike<unknown>): boolean {
  return input instanceof BigInt64Array || input instanceof BigUint64Array;
}

/** Typed arrays convert in one engine call (a memcpy for Float64Array); the rest element by element. */
function isNumericTypedArray(input: ArrayLike<unknown>): input is ArrayLike<number> {
  return ArrayBuffer.isView(input) && !(input instanceof DataView) && !isBigIntArray(input);
}

function copyTime(input: ArrayLike<unknown>, source: string): Float64Array {
  if (isNumericTypedArray(input)) return new Float64Array(input);
  const n = input.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = input[i];
    out[i] = typeof v === 'number' ? v : timeFromRaw(v, i, source);
  }
  return out;
}

/** A non-number time: Date, ISO or numeric string, bigint. Non-finite numbers are left to the ascending check. */
export function timeFromRaw(raw: unknown, row: number, source: string, column = 'time'): number {
  if (raw == null) {
    throw new DataError(`row ${row}: ${column} is ${raw === null ? 'null' : 'missing'}`, { code: 'missing-time', row, column, value: raw, source });
  }
  const t = typeof raw === 'bigint' ? Number(raw) : parseTimeValue(raw);
  if (t - t !== 0) {
    throw new DataError(`row ${row}, column "${column}": ${describeValue(raw)} is not a valid time (use epoch milliseconds, a Date or an ISO-8601 string)`, {
      code: 'invalid-time',
      row,
      column,
      value: raw,
      source,
    });
  }
  return t;
}

function copyValues(input: ArrayLike<unknown>, column: string, source: string): Float64Array {
  if (isNumericTypedArray(input)) return new Float64Array(input);
  const n = input.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = input[i];
    out[i] = typeof v === 'number' ? v : valueFromRaw(v, i, column, source);
  }
  return out;
}

/** A non-number value: null/undefined are gaps, strings are read as numbers, everything else is rejected. */
export function valueFromRaw(raw: unknown, row: number, column: string, source: string): number {
  if (raw == null) return NaN;
  if (typeof raw === 'string') {
    const v = numberFromText(raw);
    if (v !== undefined) return v;
  } else if (typeof raw === 'bigint') return Number(raw);
  throw new DataError(`row ${row}, column "${column}": ${describeValue(raw)} is not a number`, { code: 'invalid-number', row, column, value: raw, source });
}

/** Text that means "no value" in common exports (pandas, R, spreadsheets); compared lower-cased. */
const MISSING = new Set(['', 'nan', 'null', 'na', 'n/a', 'none']);
const INFINITE = new Map([
  ['inf', Infinity],
  ['+inf', Infinity],
  ['-inf', -Infinity],
  ['infinity', Infinity],
  ['+infinity', Infinity],
  ['-infinity', -Infinity],
]);
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads a cell's text as a number: decimal notation (surrounding spaces allowed), or a missing
 * marker (NaN, a gap) or an infinity (a gap too, later). Returns undefined for anything else,
 * including "0x10" and "1,5" that `Number` would take or half-take.
 */
export function numberFromText(text: string): number | undefined {
  const trimmed = text.trim();
  if (DECIMAL.test(trimmed)) return Number(trimmed);
  if (trimmed.length > 9) return undefined;
  const lower = trimmed.toLowerCase();
  if (MISSING.has(lower)) return NaN;
  return INFINITE.get(lower);
}
