import type { NormalizedData } from './columnar.js';
import { DataError, describeValue } from './data-error.js';
import { checkOwnedColumnar, numberFromText, timeFromRaw, validateColumnar, valueFromRaw } from './validate.js';

/** Names a time column may have, in order of preference; matched exactly first, then ignoring case. */
export const TIME_COLUMN_NAMES: readonly string[] = ['time', 'timestamp', 'date', 'datetime', 't'];
const TIME_NAMES_TEXT = `${TIME_COLUMN_NAMES.slice(0, -1).join(', ')} or ${TIME_COLUMN_NAMES.at(-1)}`;

const ACCEPTED_SHAPES =
  'expected columns like { time: [...], value: [...] } (typed or plain arrays) or records like [{ time, value }, ...]';

/**
 * Turns what a user assigns to `chart.data` (or appends) into validated columnar arrays:
 *
 * - columns: `{ time, <name>: array, ... }`, typed or plain arrays; every other array-valued key
 *   is a value column. Keys with non-array values are ignored as metadata (e.g. `name: 'AAPL'`).
 * - records: `[{ time, <name>: number, ... }, ...]`; the numeric keys of the first record are
 *   the columns (keys with text like `symbol: 'AAPL'` there are ignored as labels); a later record
 *   lacking one has a gap there.
 * - one record `{ time: 1700000000000, value: 3 }`, the natural argument of a streaming append.
 *
 * Times may be epoch ms, Dates or ISO-8601 strings; the time key may be any of
 * `TIME_COLUMN_NAMES`. On a numeric x axis (`xAxis` 'linear' or 'log', see KeyAxis) the key may
 * be named `x`, and data without one gets the row index (from `indexBase`) as its key. Throws
 * DataError with the place of the first problem.
 */
export function normalizeData(input: unknown, source = 'data', xAxis: KeyAxis = 'time', indexBase = 0): NormalizedData {
  const numeric = xAxis !== 'time';
  if (Array.isArray(input)) return fromRecords(input, source, numeric, indexBase);
  if (isObject(input) && !ArrayBuffer.isView(input)) {
    const timeKey = findKey(input, numeric);
    if (timeKey !== undefined) {
      const time = input[timeKey];
      if (isArrayLike(time)) {
        // A numeric x that is not strictly ascending (a scatter of x, y) is a value column, keyed by row.
        if (numeric && isXKey(timeKey) && !strictlyAscending(time)) return fromColumns(input, undefined, source, indexBase);
        return fromColumns(input, timeKey, source, indexBase);
      }
      if (isScalarTime(time)) return fromRecords([input], source, numeric, indexBase);
    } else if (Object.values(input).some(isArrayLike)) {
      if (numeric) return fromColumns(input, undefined, source, indexBase);
      throw new DataError(`columnar data needs a time column named ${TIME_NAMES_TEXT}; found ${describeKeys(input)}`, {
        code: 'missing-time',
        source,
      });
    }
  }
  throw new DataError(`unsupported data: ${ACCEPTED_SHAPES}; got ${describeShape(input)}`, { code: 'unsupported-format', source });
}

/**
 * What the x axis measures, as data intake sees it: on 'time' the key is a time column (epoch ms,
 * Date, ISO text); on numeric axes ('linear', 'log') it may also be named `x`, and data without
 * a key, or whose `x` is not strictly ascending, is keyed by row index (`x` stays a value column).
 */
export type KeyAxis = 'time' | 'linear' | 'log';

/** The row key of `object`: `x` first on numeric axes, then a time name. */
function findKey(object: Record<string, unknown>, numeric: boolean): string | undefined {
  if (numeric) {
    if ('x' in object) return 'x';
    const key = Object.keys(object).find((k) => k === 'X');
    if (key !== undefined) return key;
  }
  return findTimeKey(object);
}

function isXKey(key: string): boolean {
  return key === 'x' || key === 'X';
}

function strictlyAscending(values: ArrayLike<unknown>): boolean {
  let previous = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || !(v > previous)) return false;
    previous = v;
  }
  return true;
}

/** Row indices indexBase, indexBase + 1, … as the key. */
function rowIndices(n: number, indexBase: number): Float64Array {
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) time[i] = indexBase + i;
  return time;
}

function fromColumns(input: Record<string, unknown>, timeKey: string | undefined, source: string, indexBase: number): NormalizedData {
  const columns: Record<string, ArrayLike<number>> = {};
  for (const key of Object.keys(input)) {
    const column = input[key];
    if (key !== timeKey && isArrayLike(column)) columns[key] = column as ArrayLike<number>;
  }
  if (timeKey === undefined) {
    const n = Object.values(columns)[0]?.length ?? 0;
    return validateColumnar(rowIndices(n, indexBase), columns, source);
  }
  return validateColumnar(input[timeKey] as ArrayLike<number>, columns, source);
}

function fromRecords(records: readonly unknown[], source: string, numeric = false, indexBase = 0): NormalizedData {
  const n = records.length;
  if (n === 0) throw new DataError('the data is empty: it has no rows', { code: 'empty', source });
  const first = records[0];
  if (!isObject(first) || Array.isArray(first)) {
    throw new DataError(`unsupported data: ${ACCEPTED_SHAPES}; got an array whose row 0 is ${describeShape(first)}`, {
      code: 'unsupported-format',
      row: 0,
      value: first,
      source,
    });
  }
  let timeKey = findKey(first, numeric);
  if (timeKey === undefined && !numeric) {
    throw new DataError(`records need a time field named ${TIME_NAMES_TEXT}; row 0 has ${describeKeys(first)}`, {
      code: 'missing-time',
      row: 0,
      source,
    });
  }
  if (numeric && timeKey !== undefined && isXKey(timeKey) && !strictlyAscending(records.map((r) => (isObject(r) ? r[timeKey!] : undefined)))) timeKey = undefined;
  const names = Object.keys(first).filter((key) => key !== timeKey && isNumericValued(first[key]));
  if (names.length === 0) {
    throw new DataError(`the records have no numeric fields besides "${timeKey}" (row 0 has ${describeKeys(first)})`, { code: 'no-value-columns', row: 0, source });
  }

  const time = new Float64Array(n);
  const arrays = names.map(() => new Float64Array(n));
  const width = names.length;
  for (let i = 0; i < n; i++) {
    const record = records[i];
    if (!isObject(record) || Array.isArray(record)) {
      throw new DataError(`row ${i} is ${describeShape(record)}, not a record like { time, value }`, { code: 'unsupported-format', row: i, value: record, source });
    }
    if (timeKey === undefined) time[i] = indexBase + i;
    else {
      const t = record[timeKey];
      time[i] = typeof t === 'number' ? t : timeFromRaw(t, i, source, timeKey);
    }
    for (let j = 0; j < width; j++) {
      const name = names[j]!;
      const v = record[name];
      arrays[j]![i] = typeof v === 'number' ? v : valueFromRaw(v, i, name, source);
    }
  }
  const columns: Record<string, Float64Array> = {};
  names.forEach((name, j) => (columns[name] = arrays[j]!));
  // The arrays are ours, so they are checked in place rather than copied again.
  return checkOwnedColumnar({ time, columns }, source);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

function isScalarTime(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'string' || value instanceof Date;
}

/** A first-record field that makes a column: a number, numeric text, or null (a gap in row 0). */
function isNumericValued(value: unknown): boolean {
  if (typeof value === 'number' || typeof value === 'bigint' || value === null) return true;
  return typeof value === 'string' && numberFromText(value) !== undefined;
}

export function findTimeKey(object: Record<string, unknown>): string | undefined {
  for (const name of TIME_COLUMN_NAMES) if (name in object) return name;
  const keys = Object.keys(object);
  for (const name of TIME_COLUMN_NAMES) {
    const key = keys.find((k) => k.toLowerCase() === name);
    if (key !== undefined) return key;
  }
  return undefined;
}

function describeKeys(object: Record<string, unknown>): string {
  const keys = Object.keys(object);
  if (keys.length === 0) return 'no keys';
  const shown = keys.slice(0, 8).map((k) => JSON.stringify(k));
  return `keys ${shown.join(', ')}${keys.length > 8 ? `, … (${keys.length} in all)` : ''}`;
}

function describeShape(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `a string ${describeValue(value)} (for CSV or JSON text use parseCsv / parseJson)`;
  if (Array.isArray(value)) return value.length > 0 && Array.isArray(value[0]) ? 'an array of arrays' : 'an array';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} (put it in a column: { time, value })`;
  if (value instanceof Date) return 'a Date';
  if (typeof value === 'object') return `an object with ${describeKeys(value as Record<string, unknown>)}`;
  return `${typeof value} ${describeValue(value)}`;
}
