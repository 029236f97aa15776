// @ts-check
/**
 * The binary window format ("GCT1"): little-endian float64 columns behind a JSON header, so the
 * browser turns a response into typed arrays without parsing numbers (src/data/tiles/format.ts
 * reads it).
 *
 *   bytes 0–3   "GCT1"
 *   bytes 4–7   uint32 LE: header length H (JSON, UTF-8, space-padded so that 8 + H is a multiple of 8)
 *   8 … 8+H     header: { rows, columns: [names…], …window metadata }
 *   then        one float64 LE array of `rows` values per column, in header order
 */

export const MEDIA_TYPE = 'application/vnd.gpu-charts.columns';
const MAGIC = [0x47, 0x43, 0x54, 0x31];

/**
 * @param {Record<string, unknown>} meta
 * @param {Record<string, Float64Array>} columns
 */
export function encodeColumns(meta, columns) {
  const names = Object.keys(columns);
  const rows = names.length ? columns[names[0]].length : 0;
  for (const name of names) if (columns[name].length !== rows) throw new Error(`tile server: column ${name} has ${columns[name].length} rows, expected ${rows}`);
  let header = Buffer.from(JSON.stringify({ ...meta, rows, columns: names }), 'utf8');
  const pad = (8 - ((8 + header.length) % 8)) % 8;
  if (pad) header = Buffer.concat([header, Buffer.alloc(pad, 0x20)]);
  const out = Buffer.alloc(8 + header.length + names.length * rows * 8);
  out.set(MAGIC, 0);
  out.writeUInt32LE(header.length, 4);
  header.copy(out, 8);
  let offset = 8 + header.length;
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  for (const name of names) {
    const column = columns[name];
    if (little) out.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), offset);
    else for (let i = 0; i < rows; i++) out.writeDoubleLE(column[i], offset + i * 8);
    offset += rows * 8;
  }
  return out;
}

/**
 * JSON form of the same window: columns as arrays (NaN → null, as JSON has no NaN).
 * @param {Record<string, unknown>} meta
 * @param {Record<string, Float64Array>} columns
 */
export function jsonColumns(meta, columns) {
  const names = Object.keys(columns);
  const rows = names.length ? columns[names[0]].length : 0;
  /** @type {Record<string, (number | null)[]>} */
  const out = {};
  for (const name of names) out[name] = Array.from(columns[name], (x) => (Number.isFinite(x) ? x : null));
  return { ...meta, rows, columns: out };
}
