/**
 * Reads the tile server's binary window format ("GCT1", written by server/format/columns.mjs):
 *
 *   bytes 0–3   "GCT1"
 *   bytes 4–7   uint32 LE: header length H (JSON, UTF-8, space-padded so that 8 + H is a multiple of 8)
 *   8 … 8+H     header: { rows, columns: [names…], …window metadata }
 *   then        one float64 LE array of `rows` values per column, in header order
 *
 * Columns are views on the response's buffer on little-endian machines (no copy, no number
 * parsing); a big-endian machine gets copies read with DataView.
 */

export const TILE_MEDIA_TYPE = 'application/vnd.gpu-charts.columns';

/** The metadata every window carries (JSON and binary alike). */
export interface WindowHeader {
  series: string;
  agg: 'm4' | 'ohlc' | 'raw';
  /** What came back: m4 answers raw rows when the window holds ≤ 4 per column. */
  mode: 'm4' | 'raw' | 'ohlc';
  from: number;
  to: number;
  rows: number;
  pixels?: number;
  bucketMs?: number;
  /** The first row is the neighbour before the window / the last the neighbour after. */
  before?: boolean;
  after?: boolean;
  visibleRows?: number;
  immutable?: boolean;
}

export interface DecodedWindow {
  header: WindowHeader;
  columns: Record<string, Float64Array>;
}

/** A response that is not a window: says what is wrong with it. */
export class TileFormatError extends Error {
  override name = 'TileFormatError';
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Decodes a binary window. Throws TileFormatError on anything malformed (truncated, bad magic, bad header). */
export function decodeWindow(buffer: ArrayBuffer): DecodedWindow {
  if (buffer.byteLength < 8) throw new TileFormatError(`tile response of ${buffer.byteLength} bytes is shorter than its 8-byte preamble`);
  const bytes = new Uint8Array(buffer);
  if (bytes[0] !== 0x47 || bytes[1] !== 0x43 || bytes[2] !== 0x54 || bytes[3] !== 0x31) throw new TileFormatError('tile response does not start with "GCT1" (not the binary window format)');
  const view = new DataView(buffer);
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > buffer.byteLength) throw new TileFormatError(`tile header of ${headerLength} bytes runs past the response (${buffer.byteLength} bytes)`);
  if ((8 + headerLength) % 8 !== 0) throw new TileFormatError('tile header is not padded to 8 bytes');
  let header: WindowHeader & { columns?: unknown };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as WindowHeader & { columns?: unknown };
  } catch (error) {
    throw new TileFormatError(`tile header is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const names = header.columns;
  const rows = header.rows;
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) throw new TileFormatError('tile header has no "columns" list of names');
  if (!Number.isInteger(rows) || rows < 0) throw new TileFormatError(`tile header has a bad "rows": ${String(rows)}`);
  const expected = 8 + headerLength + names.length * rows * 8;
  if (buffer.byteLength !== expected) throw new TileFormatError(`tile response is ${buffer.byteLength} bytes, its header promises ${expected}`);
  const columns: Record<string, Float64Array> = {};
  let offset = 8 + headerLength;
  for (const name of names as string[]) {
    if (LITTLE_ENDIAN) columns[name] = new Float64Array(buffer, offset, rows);
    else {
      const column = new Float64Array(rows);
      for (let i = 0; i < rows; i++) column[i] = view.getFloat64(offset + i * 8, true);
      columns[name] = column;
    }
    offset += rows * 8;
  }
  const { columns: _names, ...meta } = header;
  return { header: meta as WindowHeader, columns };
}

/** The JSON form of a window ({ …header, columns: { name: (number | null)[] } }) as typed arrays (null → NaN). */
export function windowFromJson(json: unknown): DecodedWindow {
  if (typeof json !== 'object' || json === null) throw new TileFormatError('tile JSON is not an object');
  const { columns, ...header } = json as WindowHeader & { columns?: unknown };
  if (typeof columns !== 'object' || columns === null) throw new TileFormatError('tile JSON has no "columns" object');
  const out: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(columns as Record<string, unknown>)) {
    if (!Array.isArray(values)) throw new TileFormatError(`tile JSON column "${name}" is not an array`);
    out[name] = Float64Array.from(values as (number | null)[], (x) => (typeof x === 'number' ? x : NaN));
    if (out[name]!.length !== header.rows) throw new TileFormatError(`tile JSON column "${name}" has ${out[name]!.length} rows, its header says ${header.rows}`);
  }
  return { header: header as WindowHeader, columns: out };
}
