import { DataError, describeValue, type DataErrorCode } from '../../data/data-error.js';
import { isGridInput, normalizeGrid } from '../../data/grid.js';
import { SurfaceRing } from './surface-ring.js';
import type { Bounds3 } from './world.js';

/**
 * Data of 3D charts, validated. Surfaces and 3D bars take a grid, points a set of columns:
 *
 * - grid, nested: `{ x: [...cols], y: [...rows], z: [[...cols], ...rows] }` (z[r][c] at x[c], y[r];
 *   x and y strictly increasing), or flat: `{ x, y, z: Float32Array(rows × cols) }` row-major;
 * - grid, the heatmap's shape `{ rows, cols, values, x0, dx, y0, dy }` (cell centres become x, y);
 * - points: `{ x: [...], y: [...], z: [...], <other columns>... }`, equal lengths; other numeric
 *   columns may size or colour the points.
 *
 * Every height and coordinate must be finite: a surface cannot be drawn through a hole. Problems
 * are DataErrors naming the field and index (`z[3]`: a ragged row; `z[2][5]`: a non-finite height).
 *
 * A grid may stream (surfaces: `appendGrid3d`): `maxColumns` (either shape) is the window, the
 * columns kept before the oldest drop; without it the window is the grid's own column count.
 */
export interface Grid3d {
  /** Changes when the data is replaced (renderers upload again); appends keep it (see `ring`). */
  key: number;
  rows: number;
  /** Columns shown. */
  cols: number;
  /**
   * Heights: row-major (`values[r * cols + c]`) until the grid streams, then `ring.values`
   * (column-major, a ring): read them through `gridHeight`.
   */
  values: Float32Array;
  /** Column centres shown (oldest first), row centres. */
  xs: Float64Array;
  ys: Float64Array;
  bounds: Bounds3;
  /** Spacing of appended columns along x (dx; for { x, y, z }: the last spacing of x). */
  step: number;
  /** The streaming window asked for (`maxColumns`), if any. */
  maxColumns?: number;
  /** Set by the first append: the heights' ring (surface-ring.ts); `version` bumps per append. */
  ring?: SurfaceRing;
}

/** The height of shown column c, row r (row-major or ring). */
export function gridHeight(grid: Grid3d, r: number, c: number): number {
  return grid.ring ? grid.ring.height(c, r) : grid.values[r * grid.cols + c]!;
}

export interface Points3d {
  /** Changes when the data is replaced; appends keep it (see `appendPoints3d`). */
  key: number;
  /** Points held: the first `count` of each column (columns may be longer: room for appends). */
  count: number;
  x: Float32Array;
  y: Float32Array;
  z: Float32Array;
  /** Other numeric columns (size, colour), each at least `count` long. */
  columns: Record<string, Float64Array>;
  bounds: Bounds3;
  /** Bumped by each append: the points past the count before it are new. */
  appends: number;
}

let nextKey = 1;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isArrayLike = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));

function fail(column: string, message: string, value?: unknown, code: DataErrorCode = 'invalid-grid'): never {
  throw new DataError(`${column}: ${message}${value === undefined ? '' : ` (got ${describeValue(value)})`}`, { code, column, ...(value === undefined ? {} : { value }), source: 'data' });
}

/** A strictly increasing finite coordinate array. */
function coordinates(value: unknown, field: string): Float64Array {
  if (!isArrayLike(value) || value.length === 0) fail(field, 'must be a non-empty array of numbers', value);
  const out = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${field}[${i}]`, 'must be a finite number', v);
    if (i > 0 && !(v > out[i - 1]!)) fail(`${field}[${i}]`, `must be greater than ${field}[${i - 1}] (${out[i - 1]}): coordinates increase strictly`, v);
    out[i] = v;
  }
  return out;
}

function range(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Checks every height is finite; names the first that is not by row and column. */
function checkFinite(values: Float32Array, cols: number, field: string, nested: boolean): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v !== 0) {
      const r = Math.floor(i / cols);
      const c = i % cols;
      fail(nested ? `${field}[${r}][${c}]` : `${field}[${i}]`, `height at row ${r}, column ${c} must be a finite number`, v);
    }
  }
}

/** A grid for a surface or 3D bars (see the module comment). */
export function parseGrid3d(input: unknown): Grid3d {
  if (isGridInput(input)) {
    const grid = normalizeGrid(input);
    const xs = Float64Array.from({ length: grid.count }, (_, i) => grid.xStart + (i + 0.5) * grid.dx);
    const ys = Float64Array.from({ length: grid.rows }, (_, r) => grid.y0 + (r + 0.5) * grid.dy);
    const values = new Float32Array(grid.rows * grid.count);
    for (let r = 0; r < grid.rows; r++) for (let c = 0; c < grid.count; c++) values[r * grid.count + c] = grid.value(c, r);
    checkFinite(values, grid.count, 'values', false);
    const maxColumns = input.maxColumns;
    // An empty streaming grid (cols 0, maxColumns n, as a spectrogram starts) spans its window.
    const x: [number, number] = xs.length > 0 ? [xs[0]!, xs[xs.length - 1]!] : [grid.xStart + grid.dx / 2, grid.xStart + ((maxColumns ?? 1) - 0.5) * grid.dx];
    return { key: nextKey++, rows: grid.rows, cols: grid.count, values, xs, ys, bounds: { x, y: [ys[0]!, ys[ys.length - 1]!], z: range(values) }, step: grid.dx, ...(maxColumns === undefined ? {} : { maxColumns }) };
  }
  if (!isObject(input) || !('z' in input)) fail('data', 'a 3D grid needs { x: [...], y: [...], z: [[...], ...] } or { rows, cols, values, x0, dx, y0, dy }', input);
  const xs = coordinates(input.x, 'x');
  const ys = coordinates(input.y, 'y');
  const cols = xs.length;
  const rows = ys.length;
  if (cols < 2 || rows < 2) fail(cols < 2 ? 'x' : 'y', `a surface needs at least 2 columns and 2 rows; got ${cols} × ${rows}`);
  const z = input.z;
  const values = new Float32Array(rows * cols);
  let nested = false;
  if (isArrayLike(z) && z.length > 0 && isArrayLike(z[0])) {
    nested = true;
    if (z.length !== rows) fail('z', `has ${z.length} rows; y has ${rows} values`);
    for (let r = 0; r < rows; r++) {
      const row = z[r];
      if (!isArrayLike(row)) fail(`z[${r}]`, 'must be an array of numbers', row);
      if (row.length !== cols) fail(`z[${r}]`, `has ${row.length} values; x has ${cols} (a ragged grid: every row needs one height per x)`);
      for (let c = 0; c < cols; c++) {
        const v = row[c];
        if (typeof v !== 'number') fail(`z[${r}][${c}]`, 'must be a number', v);
        values[r * cols + c] = v;
      }
    }
  } else if (isArrayLike(z)) {
    if (z.length !== rows * cols) fail('z', `has ${z.length} values; rows × cols (y × x) is ${rows * cols}`);
    for (let i = 0; i < z.length; i++) {
      const v = z[i];
      if (typeof v !== 'number') fail(`z[${i}]`, 'must be a number', v);
      values[i] = v;
    }
  } else {
    fail('z', 'must be an array of rows (arrays of numbers) or a flat row-major array', z);
  }
  checkFinite(values, cols, 'z', nested);
  const maxColumns = windowOf(input.maxColumns, cols);
  return { key: nextKey++, rows, cols, values, xs, ys, bounds: { x: [xs[0]!, xs[cols - 1]!], y: [ys[0]!, ys[rows - 1]!], z: range(values) }, step: xs[cols - 1]! - xs[cols - 2]!, ...(maxColumns === undefined ? {} : { maxColumns }) };
}

/** `maxColumns` of a { x, y, z } grid: absent, or an integer ≥ its columns. */
function windowOf(value: unknown, cols: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < cols) fail('maxColumns', `must be an integer of at least the grid's columns (${cols})`, value);
  return value;
}

/**
 * Appends columns to a surface's grid (`append({ columns })` on a surface chart, the heatmap's
 * shape: k × rows heights, column after column, bottom row first). The first append turns the grid
 * into a ring of `maxColumns` (else its own column count) columns; from then on the oldest drop and
 * x advances by `step` per column. Checked whole before anything changes: on a problem a DataError
 * names the field (`columns`, `columns[7]`) and the grid stays as it was. Returns the columns added.
 */
export function appendGrid3d(grid: Grid3d, input: unknown): number {
  if (!isObject(input) || !('columns' in input) || Object.keys(input).length !== 1) {
    fail('columns', `a surface appends { columns: Float32Array(${grid.rows} × k) }: k columns of one height per row each`, input);
  }
  // The first appended column follows the last one by `step` (an empty grid: its first centre).
  const nextX = grid.cols > 0 ? grid.xs[grid.cols - 1]! + grid.step : grid.bounds.x[0];
  const ring = grid.ring ?? SurfaceRing.fromRows(grid.values, grid.rows, grid.cols, grid.xs, grid.maxColumns ?? Math.max(2, grid.cols), grid.step, nextX);
  const added = ring.append(input.columns);
  if (added === 0) return 0;
  grid.ring = ring;
  grid.values = ring.values;
  grid.cols = ring.count;
  grid.xs = ring.xs;
  grid.bounds = { x: ring.xRange(), y: grid.bounds.y, z: ring.zRange() };
  return added;
}

function floats(value: unknown, field: string, length: number | null, finiteOnly: boolean): Float64Array {
  if (!isArrayLike(value)) fail(field, 'must be an array of numbers', value);
  if (length !== null && value.length !== length) fail(field, `has ${value.length} values; x has ${length}`, undefined, 'length-mismatch');
  const out = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v !== 'number' || (finiteOnly && !Number.isFinite(v))) fail(`${field}[${i}]`, 'must be a finite number', v, 'invalid-number');
    out[i] = v as number;
  }
  return out;
}

/** Columns of a point cloud (see the module comment). */
export function parsePoints3d(input: unknown): Points3d {
  if (!isObject(input) || !isArrayLike(input.x) || !isArrayLike(input.y) || !isArrayLike(input.z)) fail('data', 'a 3D point cloud needs columns { x: [...], y: [...], z: [...] }', input);
  const n = input.x.length;
  if (n === 0) fail('x', 'is empty', undefined, 'empty');
  const x64 = floats(input.x, 'x', null, true);
  const y64 = floats(input.y, 'y', n, true);
  const z64 = floats(input.z, 'z', n, true);
  const columns: Record<string, Float64Array> = {};
  for (const [name, column] of Object.entries(input)) {
    if (name === 'x' || name === 'y' || name === 'z' || !isArrayLike(column)) continue;
    columns[name] = floats(column, name, n, false);
  }
  return { key: nextKey++, count: n, x: Float32Array.from(x64), y: Float32Array.from(y64), z: Float32Array.from(z64), columns, bounds: { x: range(x64), y: range(y64), z: range(z64) }, appends: 0 };
}

function grow<T extends Float32Array | Float64Array>(column: T, count: number, needed: number): T {
  if (column.length >= needed) return column;
  const next = new (column.constructor as new (n: number) => T)(Math.max(needed, Math.ceil(column.length * 1.5), 1024));
  next.set(column.subarray(0, count));
  return next;
}

/**
 * Appends points to a cloud in place (`append()` on a points3d chart): the same columns as the
 * cloud holds (x, y, z and each of its other columns, no more, no fewer), checked whole before
 * anything changes: on a problem a DataError names the column and index (`append.z[3]`) and the
 * cloud stays as it was. Columns grow by half again when full (amortised O(appended)); the
 * bounds widen. Returns how many points were added.
 */
export function appendPoints3d(points: Points3d, input: unknown): number {
  if (!isObject(input) || !isArrayLike(input.x) || !isArrayLike(input.y) || !isArrayLike(input.z)) fail('append', 'a 3D point cloud appends columns { x: [...], y: [...], z: [...] }', input);
  const n = input.x.length;
  if (n === 0) return 0;
  const x64 = floats(input.x, 'append.x', null, true);
  const y64 = floats(input.y, 'append.y', n, true);
  const z64 = floats(input.z, 'append.z', n, true);
  const extra: Record<string, Float64Array> = {};
  for (const name of Object.keys(points.columns)) {
    if (!isArrayLike(input[name])) fail(`append.${name}`, `is missing: the cloud has a column "${name}", so every append needs it`);
    extra[name] = floats(input[name], `append.${name}`, n, false);
  }
  for (const name of Object.keys(input)) {
    if (name !== 'x' && name !== 'y' && name !== 'z' && !(name in points.columns)) fail(`append.${name}`, `is not a column of this cloud (its columns: x, y, z${Object.keys(points.columns).map((c) => `, ${c}`).join('')})`);
  }
  const from = points.count;
  const to = from + n;
  points.x = grow(points.x, from, to);
  points.y = grow(points.y, from, to);
  points.z = grow(points.z, from, to);
  for (let i = 0; i < n; i++) {
    points.x[from + i] = x64[i]!;
    points.y[from + i] = y64[i]!;
    points.z[from + i] = z64[i]!;
  }
  for (const [name, values] of Object.entries(extra)) {
    const column = (points.columns[name] = grow(points.columns[name]!, from, to));
    column.set(values, from);
  }
  const widen = (b: [number, number], values: Float64Array): [number, number] => {
    const [lo, hi] = range(values);
    return [Math.min(b[0], lo), Math.max(b[1], hi)];
  };
  points.bounds = { x: widen(points.bounds.x, x64), y: widen(points.bounds.y, y64), z: widen(points.bounds.z, z64) };
  points.count = to;
  points.appends++;
  return n;
}

/** A fresh data key (for data built in place). */
export function nextDataKey(): number {
  return nextKey++;
}
