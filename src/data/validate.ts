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
  const n = time.length;
  const borrowed: string[] = [];
  // Float64Arrays are adopted, not copied: checked where they are (a fresh 80 MB copy of 10M rows
  // costs hundreds of ms in page faults alone). The checks write nothing into them; a column
  // holding ±Infinity (which becomes NaN) is copied first.
  let ownTime: Float64Array;
  if (time instanceof Float64Array) {
    checkTimes(time, null, source);
    ownTime = time;
    borrowed.push('time');
  } else {
    ownTime = new Float64Array(n);
    checkTimes(time, ownTime, source);
  }
  const own: Record<string, Float64Array> = {};
  const counts: NonFiniteCount[] = [];
  for (const name of Object.keys(columns)) {
    const column = columns[name]!;
    if (column instanceof Float64Array) {
      const scan = checkValues(column, null, name, source);
      if (!scan.infinite) {
        own[name] = column;
        borrowed.push(name);
        counts.push(scan);
        continue;
      }
    }
    const out = (own[name] = new Float64Array(n));
    counts.push(checkValues(column, out, name, source));
  }
  return { data: { time: ownTime, columns: own, ...(borrowed.length > 0 ? { borrowed } : {}) }, nonFinite: summarize(counts) };
}

/**
 * Checks arrays this module's callers built themselves (parsers), in place, without copying:
 * rows exist, value columns exist and match `time` in length, times are finite and strictly
 * ascending. ±Infinity in value columns is rewritten to NaN so that every gap looks the same
 * downstream; gaps are counted, not rejected.
 */
export function checkOwnedColumnar(data: ColumnarData, source: string, lineOf?: LineOf): NormalizedData {
  const { time, columns } = data;
  checkShape(time.length, columns, source);
  checkTimes(time, time, source, lineOf);
  const counts = Object.keys(columns).map((name) => checkValues(columns[name]!, columns[name]!, name, source));
  return { data, nonFinite: summarize(counts) };
}

/*
 * The checks copy as they go (`src` into `out`; the same array when checking in place): one
 * pass over memory instead of a memcpy and then a read, which matters at 10M rows, where the
 * time goes to memory traffic rather than to the comparisons.
 */

/**
 * Converts (non-numbers: see timeFromRaw) and copies times into `out` (null: only checks),
 * requiring them finite and strictly ascending.
 */
function checkTimes(src: ArrayLike<unknown>, out: Float64Array | null, source: string, lineOf?: LineOf): void {
  const n = src.length;
  let previous = -Infinity;
  for (let i = 0; i < n; i++) {
    const raw = src[i];
    const t = typeof raw === 'number' ? raw : timeFromRaw(raw, i, source);
    if (out) out[i] = t;
    // One comparison per row in the common case: `t > previous` already rules out NaN, and
    // -Infinity (`previous` starts at -Infinity, so row 0 passes whenever it is finite).
    if (t > previous && t !== Infinity) {
      previous = t;
      continue;
    }
    throw timeOrderError(t, previous, i, source, lineOf);
  }
}

function timeOrderError(t: number, previous: number, row: number, source: string, lineOf?: LineOf): DataError {
  const line = lineOf?.(row);
  const where = line === undefined ? `row ${row}` : `row ${row} (line ${line})`;
  const details = { row, ...(line === undefined ? {} : { line }), column: 'time', value: t, source };
  if (t - t !== 0) return new DataError(`time at ${where} is not a finite number: ${t}`, { code: 'invalid-time', ...details });
  if (t === previous) {
    return new DataError(`duplicate time at ${where}: ${describeTime(t)} equals the time of row ${row - 1}`, { code: 'duplicate-time', ...details });
  }
  return new DataError(`time is not ascending at ${where}: ${describeTime(t)} after ${describeTime(previous)}`, { code: 'unsorted-time', ...details });
}

interface NonFiniteCount {
  column: string;
  count: number;
  firstRow: number;
  /** Whether any of them is ±Infinity (NaN needs no rewrite; Infinity does). */
  infinite: boolean;
}

/**
 * Converts (non-numbers: see valueFromRaw) and copies values into `out`, where non-finite ones
 * become NaN; counts them. With `out` null it only counts (and says whether one is ±Infinity).
 */
function checkValues(src: ArrayLike<unknown>, out: Float64Array | null, column: string, source: string): NonFiniteCount {
  const n = src.length;
  let count = 0;
  let firstRow = -1;
  let infinite = false;
  for (let i = 0; i < n; i++) {
    const raw = src[i];
    const v = typeof raw === 'number' ? raw : valueFromRaw(raw, i, column, source);
    if (v - v === 0) {
      // x - x is 0 only for finite x
      if (out) out[i] = v;
    } else {
      if (out) out[i] = NaN;
      if (v === v) infinite = true;
      if (count++ === 0) firstRow = i;
    }
  }
  return { column, count, firstRow, infinite };
}

/** One report for all columns: the total, and the earliest row (first column in order on ties). */
function summarize(counts: NonFiniteCount[]): NonFiniteReport | null {
  let report: NonFiniteReport | null = null;
  for (const { column, count, firstRow } of counts) {
    if (count === 0) continue;
    if (!report) report = { count, firstRow, firstColumn: column };
    else {
      report.count += count;
      if (firstRow < report.firstRow) {
        report.firstRow = firstRow;
        report.firstColumn = column;
      }
    }
  }
  return report;
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
