import { DataError, describeValue } from '../../data/data-error.js';
import { parseGrid3d, parsePoints3d, type Grid3d, type Points3d } from './data-3d.js';

/**
 * 3D data from the text of a file (`src` on a 3D chart): JSON or CSV.
 *
 * - JSON: the shapes `data` takes (`{ x, y, z, ... }` columns for points; `{ x, y, z: rows }` or
 *   the heatmap's grid for surfaces and bars), or an array of records `[{ x, y, z, ... }]`.
 * - CSV: a header naming the columns (`x,y,z[,others]`; separated by `,`, `;` or a tab), then one
 *   row per point; for surfaces and bars one row per cell (`x,y,z`: long form), in any order,
 *   every (x, y) pair once.
 *
 * Problems are DataErrors naming the URL, line and column (`line 4, column "z": "abc" is not a
 * number`), like the 2D loaders.
 */
export function parseData3dText(text: string, format: 'csv' | 'json', source: string, kind: 'grid' | 'points'): Grid3d | Points3d {
  const value = format === 'json' ? jsonValue(text, source) : csvColumns(text, source);
  const shaped = Array.isArray(value) ? recordsToColumns(value, source) : value;
  try {
    if (kind === 'points') return parsePoints3d(shaped);
    if (format === 'csv' || isLongColumns(shaped)) return parseGrid3d(longToGrid(shaped as Record<string, Float64Array>, source));
    return parseGrid3d(shaped);
  } catch (error) {
    if (error instanceof DataError && error.source === 'data') throw new DataError(`${source}: ${error.message}`, { code: error.code, ...(error.column === undefined ? {} : { column: error.column }), source });
    throw error;
  }
}

function jsonValue(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new DataError(`${source} is not valid JSON: ${(cause as Error).message}`, { code: 'malformed-json', source, cause });
  }
}

/** `[{ x, y, z, ... }]` → columns; every record needs the first one's keys, numbers. */
function recordsToColumns(records: unknown[], source: string): Record<string, Float64Array> {
  if (records.length === 0) throw new DataError(`${source}: no records`, { code: 'empty', source });
  const first = records[0];
  if (typeof first !== 'object' || first === null) throw new DataError(`${source}: record 0 must be an object like { "x": 1, "y": 2, "z": 3 }`, { code: 'malformed-json', row: 0, value: first, source });
  const names = Object.keys(first);
  const columns: Record<string, Float64Array> = {};
  for (const name of names) columns[name] = new Float64Array(records.length);
  records.forEach((record, row) => {
    for (const name of names) {
      const v = (record as Record<string, unknown>)?.[name];
      if (typeof v !== 'number') throw new DataError(`${source}: record ${row}, "${name}": ${describeValue(v)} is not a number`, { code: 'invalid-number', row, column: name, value: v, source });
      columns[name]![row] = v;
    }
  });
  return columns;
}

/** A CSV of numbers with a header → named columns. */
function csvColumns(text: string, source: string): Record<string, Float64Array> {
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) throw new DataError(`${source}: the file is empty`, { code: 'empty', source });
  const header = lines[headerAt]!;
  const delimiter = [',', ';', '\t'].reduce((best, d) => (header.split(d).length > header.split(best).length ? d : best), ',');
  const names = header.split(delimiter).map((n) => n.trim().replace(/^"(.*)"$/, '$1'));
  if (names.some((n) => n === '')) throw new DataError(`${source}, line ${headerAt + 1}: an empty column name in the header`, { code: 'malformed-csv', line: headerAt + 1, source });
  const rows: number[][] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cells = line.split(delimiter);
    if (cells.length !== names.length) throw new DataError(`${source}, line ${i + 1}: ${cells.length} cells; the header names ${names.length}`, { code: 'malformed-csv', line: i + 1, row: rows.length, source });
    rows.push(
      cells.map((cell, c) => {
        const trimmed = cell.trim();
        const v = trimmed === '' ? NaN : Number(trimmed);
        if (!Number.isFinite(v)) throw new DataError(`${source}, line ${i + 1}, column "${names[c]}": ${describeValue(trimmed)} is not a finite number`, { code: 'invalid-number', line: i + 1, row: rows.length, column: names[c]!, value: trimmed, source });
        return v;
      }),
    );
  }
  const columns: Record<string, Float64Array> = {};
  names.forEach((name, c) => (columns[name] = Float64Array.from(rows, (r) => r[c]!)));
  return columns;
}

function isLongColumns(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const z = v.z as ArrayLike<unknown> | undefined;
  const x = v.x as ArrayLike<unknown> | undefined;
  return !!z && !!x && typeof z.length === 'number' && z.length > 0 && typeof z[0] === 'number' && x.length === z.length && !('rows' in v);
}

/** Cells `x[i], y[i], z[i]` in any order → `{ x, y, z: rows }`; every (x, y) once. */
function longToGrid(columns: Record<string, Float64Array>, source: string): { x: number[]; y: number[]; z: number[][] } {
  const { x, y, z } = columns;
  for (const name of ['x', 'y', 'z']) if (!columns[name]) throw new DataError(`${source}: a grid needs columns x, y and z (one row per cell)`, { code: 'no-value-columns', column: name, source });
  const xs = [...new Set(x!)].sort((a, b) => a - b);
  const ys = [...new Set(y!)].sort((a, b) => a - b);
  const xi = new Map(xs.map((v, i) => [v, i]));
  const yi = new Map(ys.map((v, i) => [v, i]));
  const grid = ys.map(() => new Array<number>(xs.length).fill(NaN));
  const seen = ys.map(() => new Uint8Array(xs.length));
  for (let i = 0; i < z!.length; i++) {
    const r = yi.get(y![i]!)!;
    const c = xi.get(x![i]!)!;
    if (seen[r]![c]) throw new DataError(`${source}: row ${i} repeats the cell x = ${x![i]}, y = ${y![i]}`, { code: 'duplicate-time', row: i, column: 'x', source });
    seen[r]![c] = 1;
    grid[r]![c] = z![i]!;
  }
  for (let r = 0; r < ys.length; r++) {
    const c = seen[r]!.indexOf(0);
    if (c >= 0) throw new DataError(`${source}: the cell x = ${xs[c]}, y = ${ys[r]} is missing (a grid needs every x at every y)`, { code: 'length-mismatch', column: 'z', source });
  }
  return { x: xs, y: ys, z: grid };
}
