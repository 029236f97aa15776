/** Why data was rejected. Stable strings: they reach users through `gpu-data-error` events. */
export type DataErrorCode =
  | 'empty'
  | 'length-mismatch'
  | 'unsorted-time'
  | 'duplicate-time'
  | 'invalid-time'
  | 'missing-time'
  | 'invalid-number'
  | 'no-value-columns'
  | 'malformed-csv'
  | 'malformed-json'
  | 'http'
  | 'network'
  | 'aborted'
  | 'unsupported-format'
  /** A heatmap grid's shape, spacing or values are unusable (`column` names the field). */
  | 'invalid-grid';

/** Where and what: every field is optional except the code, because not every error has a place. */
export interface DataErrorDetails {
  code: DataErrorCode;
  /** 0-based index of the data point (record / CSV data row). */
  row?: number;
  /** 1-based line in a CSV file, counting the header. */
  line?: number;
  /** The column (or record key) involved. */
  column?: string;
  /** The offending raw value. */
  value?: unknown;
  /** A URL, or 'data' for data set in code. */
  source?: string;
  cause?: unknown;
}

/** Long strings (a whole garbled line, a data URL) would drown the message, so values are clipped. */
const MAX_VALUE_CHARS = 40;

/** Clips a string to at most 40 characters (the last one an ellipsis); other values pass through. */
export function shortValue(value: unknown): unknown {
  if (typeof value !== 'string' || value.length <= MAX_VALUE_CHARS) return value;
  return `${value.slice(0, MAX_VALUE_CHARS - 1)}…`;
}

/** A value as it should read inside a message: strings quoted, Dates as ISO, the rest as is. */
export function describeValue(value: unknown): string {
  const short = shortValue(value);
  if (typeof short === 'string') return JSON.stringify(short);
  if (short instanceof Date) return Number.isNaN(short.getTime()) ? 'Invalid Date' : short.toISOString();
  if (typeof short === 'number' || typeof short === 'boolean' || typeof short === 'bigint' || short == null) return String(short);
  if (Array.isArray(short)) return 'an array';
  return typeof short === 'object' ? 'an object' : typeof short;
}

/**
 * Data that cannot be charted. The message says what and where; the fields say the same for code
 * (the chart copies them into its `gpu-data-error` event).
 */
export class DataError extends Error {
  readonly code: DataErrorCode;
  readonly row?: number;
  readonly line?: number;
  readonly column?: string;
  readonly value?: unknown;
  readonly source?: string;

  constructor(message: string, details: DataErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'DataError';
    this.code = details.code;
    // Only set what is known, so `'row' in error` and JSON output stay honest.
    if (details.row !== undefined) this.row = details.row;
    if (details.line !== undefined) this.line = details.line;
    if (details.column !== undefined) this.column = details.column;
    if ('value' in details) this.value = shortValue(details.value);
    if (details.source !== undefined) this.source = details.source;
  }
}
