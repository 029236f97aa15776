import { DataError, describeValue } from './data-error.js';

/**
 * Gridded data (heatmaps, spectrograms): what users assign to `chart.data`, validated, and the
 * store the chart keeps (a CPU copy, and the ring of columns that a streaming spectrogram scrolls).
 *
 * Accepted shapes:
 *
 * - grid: `{ rows, cols, values, x0, dx, y0, dy, maxColumns? }`. `values` (Float32Array, any typed
 *   array or plain array of numbers) is row-major, `values[r * cols + c]`, rows × cols long; row 0
 *   is at the bottom. Cell (r, c) covers x in [x0 + c·dx, x0 + (c+1)·dx] and y in
 *   [y0 + r·dy, y0 + (r+1)·dy]: x0/y0 are the lower-left *edges*, not centres. x0/dx may be epoch
 *   ms (a spectrogram's time axis) or plain numbers. NaN (and ±Infinity) cells are allowed and
 *   drawn transparent. `maxColumns` (≥ cols): the column capacity of a streaming grid (see
 *   `GridStore.append`); `cols` may then be 0.
 * - long form: `{ x: [...], y: [...], value: [...] }`, one entry per cell on a regular lattice
 *   (x and y are cell *centres*; cells not listed are NaN). Recognised as a grid by `<gpu-chart
 *   type="heatmap">` (otherwise `{ x, y, ... }` is ordinary columnar data); `gridFromLong()`
 *   converts explicitly.
 *
 * Every problem is a DataError (code 'invalid-grid') whose `column` names the field.
 */
export interface GridInput {
  rows: number;
  cols: number;
  values: ArrayLike<number>;
  x0: number;
  dx: number;
  y0: number;
  dy: number;
  maxColumns?: number;
}

export interface LongGridInput {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  value: ArrayLike<number>;
}

/** Columns streamed into a grid: `columns` holds k columns of `rows` values each, column after column. */
export interface GridColumnsInput {
  columns: ArrayLike<number>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isArrayLike = (value: unknown): value is ArrayLike<number> => Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));

/** `{ rows, cols, values, … }`: a grid object. */
export function isGridInput(value: unknown): value is GridInput {
  return isObject(value) && 'values' in value && 'rows' in value && 'cols' in value;
}

/** `{ x, y, value }` arrays (the long form), without a time key. */
export function isLongGridInput(value: unknown): value is LongGridInput {
  return isObject(value) && isArrayLike(value.x) && isArrayLike(value.y) && isArrayLike(value.value) && !('time' in value);
}

/** `{ columns: [...] }`: columns for a streaming grid. */
export function isGridColumnsInput(value: unknown): value is GridColumnsInput {
  return isObject(value) && isArrayLike(value.columns) && Object.keys(value).length === 1;
}

function fail(field: string, message: string, value?: unknown): never {
  throw new DataError(`grid ${field}: ${message}${value === undefined ? '' : ` (got ${describeValue(value)})`}`, { code: 'invalid-grid', column: field, ...(value === undefined ? {} : { value }), source: 'data' });
}

function positiveInteger(input: Record<string, unknown>, field: string, allowZero = false): number {
  const value = input[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < (allowZero ? 0 : 1)) fail(field, `must be a ${allowZero ? 'non-negative' : 'positive'} integer`, value);
  return value;
}

function finite(input: Record<string, unknown>, field: string, positive: boolean): number {
  const value = input[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(field, 'must be a finite number', value);
  if (positive && value <= 0) fail(field, 'must be greater than 0', value);
  return value;
}

/** Values as a Float32Array (the caller's when it is one, else a copy); non-numbers are errors. */
function floatValues(values: unknown, field: string, length: number): Float32Array {
  if (!isArrayLike(values)) fail(field, 'must be a Float32Array or an array of numbers', values);
  if (values.length !== length) fail(field, `has ${values.length} values; rows × cols is ${length}`);
  if (values instanceof Float32Array) return values;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const v = values[i] as unknown;
    if (typeof v === 'number') out[i] = v;
    else if (v === null || v === undefined) out[i] = NaN;
    else fail(`${field}[${i}]`, 'must be a number (or null for a missing cell)', v);
  }
  return out;
}

/** Checks a grid object; returns the store that draws it. */
export function normalizeGrid(input: unknown): GridStore {
  if (!isObject(input)) fail('data', 'expected { rows, cols, values, x0, dx, y0, dy }', input);
  const maxColumns = input.maxColumns === undefined ? undefined : positiveInteger(input, 'maxColumns');
  const rows = positiveInteger(input, 'rows');
  const cols = positiveInteger(input, 'cols', maxColumns !== undefined);
  if (maxColumns !== undefined && maxColumns < cols) fail('maxColumns', `must be at least cols (${cols})`, maxColumns);
  const x0 = finite(input, 'x0', false);
  const dx = finite(input, 'dx', true);
  const y0 = finite(input, 'y0', false);
  const dy = finite(input, 'dy', true);
  const values = floatValues(input.values, 'values', rows * cols);
  const store = new GridStore({ rows, cols, values, x0, dx, y0, dy });
  if (maxColumns !== undefined) store.toRing(maxColumns);
  return store;
}

/** Converts the long form (cell centres on a regular lattice) to a grid; see the module comment. */
export function gridFromLong(input: LongGridInput): GridStore {
  const { x, y, value } = input;
  const n = x.length;
  if (n === 0) fail('x', 'is empty');
  if (y.length !== n) fail('y', `has ${y.length} entries; x has ${n}`);
  if (value.length !== n) fail('value', `has ${value.length} entries; x has ${n}`);
  const xs = lattice(x, 'x');
  const ys = lattice(y, 'y');
  const rows = ys.count;
  const cols = xs.count;
  const values = new Float32Array(rows * cols).fill(NaN);
  const seen = new Uint8Array(rows * cols);
  for (let i = 0; i < n; i++) {
    const c = Math.round((x[i]! - xs.first) / xs.step);
    const r = Math.round((y[i]! - ys.first) / ys.step);
    const at = r * cols + c;
    if (seen[at]) fail(`x[${i}], y[${i}]`, `cell (${x[i]}, ${y[i]}) is given twice`);
    seen[at] = 1;
    const v = value[i] as unknown;
    values[at] = typeof v === 'number' ? v : NaN;
  }
  return new GridStore({ rows, cols, values, x0: xs.first - xs.step / 2, dx: xs.step, y0: ys.first - ys.step / 2, dy: ys.step });
}

/** The distinct values of a coordinate, checked to be evenly spaced. */
function lattice(coords: ArrayLike<number>, field: string): { first: number; step: number; count: number } {
  const distinct = new Set<number>();
  for (let i = 0; i < coords.length; i++) {
    const v = coords[i] as unknown;
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${field}[${i}]`, 'must be a finite number', v);
    distinct.add(v);
  }
  const sorted = Float64Array.from(distinct).sort();
  const count = sorted.length;
  if (count === 1) return { first: sorted[0]!, step: 1, count };
  const step = (sorted[count - 1]! - sorted[0]!) / (count - 1);
  const tolerance = step * 1e-6;
  for (let i = 1; i < count; i++) {
    if (Math.abs(sorted[i]! - (sorted[0]! + i * step)) > tolerance) fail(field, `values are not on a regular lattice (step ${step}; ${sorted[i]} is off it)`);
  }
  return { first: sorted[0]!, step, count };
}

/**
 * Physical column ranges written when `count` columns are appended after `total` columns into a
 * ring of `capacity`: one range, or two when the write wraps; only the last `capacity` columns of
 * an oversized batch are written. Returns [start, count, sourceSkip] triples (sourceSkip: columns
 * of the batch before this range's first).
 */
export function ringWrites(total: number, count: number, capacity: number): [number, number, number][] {
  if (count <= 0 || capacity <= 0) return [];
  const skip = Math.max(0, count - capacity);
  const n = count - skip;
  const start = (total + skip) % capacity;
  const first = Math.min(n, capacity - start);
  const writes: [number, number, number][] = [[start, first, skip]];
  if (first < n) writes.push([0, n - first, skip + first]);
  return writes;
}

/** The physical column of the oldest shown column after `total` columns went into a ring of `capacity`. */
export function ringOffset(total: number, capacity: number): number {
  if (capacity <= 0) return 0;
  return (total - Math.min(total, capacity)) % capacity;
}

let nextId = 1;
/** Changes remembered for renderers that uploaded an older version. */
const CHANGE_LOG = 64;

/**
 * A grid the chart draws: a GridSource (core/scene) for the renderers, plus its placement and
 * value statistics. A static grid is row-major; `toRing` (called for `maxColumns`, or by the first
 * `append`) turns it into a ring of columns of fixed capacity: appends then write only the new
 * columns, overwrite the oldest, and never allocate.
 */
export class GridStore {
  id = nextId++;
  version = 0;
  layout: 'rows' | 'columns' = 'rows';
  values: Float32Array;
  /** Row-major: the columns; ring: its capacity. */
  width: number;
  readonly rows: number;
  /** Columns shown (≤ width) and columns ever held (the ring's write position is total % width). */
  count: number;
  total: number;
  /** Left edge of column 0 ever held (`total - count` columns before the oldest shown one). */
  x0: number;
  readonly dx: number;
  readonly y0: number;
  readonly dy: number;
  /** Finite min and max of each physical column (NaN when it has none). */
  private colMin: Float32Array;
  private colMax: Float32Array;
  /** [version, start, count] of recent writes (a write that wraps logs two). */
  private readonly log: [number, number, number][] = [];
  /** Version of the last full replacement: renderers older than it upload everything. */
  private fullVersion = 0;
  private keyTime = new Float64Array(0);
  private keyPeak = new Float64Array(0);

  constructor(grid: { rows: number; cols: number; values: Float32Array; x0: number; dx: number; y0: number; dy: number }) {
    this.rows = grid.rows;
    this.width = grid.cols;
    this.count = grid.cols;
    this.total = grid.cols;
    this.values = grid.values;
    this.x0 = grid.x0;
    this.dx = grid.dx;
    this.y0 = grid.y0;
    this.dy = grid.dy;
    this.colMin = new Float32Array(grid.cols).fill(Infinity);
    this.colMax = new Float32Array(grid.cols).fill(-Infinity);
    // One row-major pass (a strided pass per column would miss the cache on a 4096² grid).
    const { colMin, colMax, values } = this;
    const cols = grid.cols;
    for (let r = 0, at = 0; r < grid.rows; r++) {
      for (let c = 0; c < cols; c++, at++) {
        const v = values[at]!;
        if (v - v === 0) {
          if (v < colMin[c]!) colMin[c] = v;
          if (v > colMax[c]!) colMax[c] = v;
        }
      }
    }
    for (let c = 0; c < cols; c++) {
      if (!(colMin[c]! <= colMax[c]!)) colMin[c] = colMax[c] = NaN;
    }
  }

  /** Physical column of the oldest shown column. */
  get ringOffset(): number {
    return this.layout === 'rows' ? 0 : ringOffset(this.total, this.width);
  }

  /** Left edge of the oldest shown column, and right edge of the newest. */
  get xStart(): number {
    return this.x0 + (this.total - this.count) * this.dx;
  }

  get xEnd(): number {
    return this.x0 + this.total * this.dx;
  }

  /**
   * Where the chart's x range starts: the oldest column, or for a ring the place its oldest column
   * will have once full (a spectrogram's window is its capacity wide from the start, new columns
   * entering at the right).
   */
  get windowStart(): number {
    return this.layout === 'columns' ? this.xEnd - this.width * this.dx : this.xStart;
  }

  get yEnd(): number {
    return this.y0 + this.rows * this.dy;
  }

  /** Bytes held on the CPU. */
  get byteLength(): number {
    return this.values.byteLength + this.colMin.byteLength * 2 + this.keyTime.byteLength + this.keyPeak.byteLength;
  }

  /** The value of shown column i, row r. */
  value(i: number, r: number): number {
    if (this.layout === 'rows') return this.values[r * this.width + i]!;
    return this.values[((this.ringOffset + i) % this.width) * this.rows + r]!;
  }

  /** Finite min and max of the shown columns [first, end) (NaN, NaN when none). */
  range(first = 0, end = this.count): [number, number] {
    let min = Infinity;
    let max = -Infinity;
    const offset = this.ringOffset;
    for (let i = Math.max(0, first); i < Math.min(end, this.count); i++) {
      const p = (offset + i) % this.width;
      const lo = this.colMin[p]!;
      if (lo === lo) {
        if (lo < min) min = lo;
        const hi = this.colMax[p]!;
        if (hi > max) max = hi;
      }
    }
    return min <= max ? [min, max] : [NaN, NaN];
  }

  /** Changed physical column ranges since `version` (null: upload everything). */
  changesSince(version: number): [number, number][] | null {
    if (version >= this.version) return [];
    if (version < this.fullVersion) return null;
    const log = this.log;
    if (log.length === 0 || log[0]![0] > version + 1) return null;
    const out: [number, number][] = [];
    for (const [v, start, count] of log) if (v > version) out.push([start, count]);
    return out;
  }

  /** Turns the grid into a ring of `capacity` columns (column-major), keeping its columns. */
  toRing(capacity: number): void {
    if (this.layout === 'columns' && capacity === this.width) return;
    const rows = this.rows;
    const values = new Float32Array(rows * capacity).fill(NaN);
    const keep = Math.min(this.count, capacity);
    const from = this.count - keep;
    for (let i = 0; i < keep; i++) {
      for (let r = 0; r < rows; r++) values[i * rows + r] = this.value(from + i, r);
    }
    this.values = values;
    this.layout = 'columns';
    this.width = capacity;
    // Shown columns now start at physical 0: total is chosen so that ringOffset is 0.
    this.count = keep;
    const base = this.total - keep;
    this.total = keep;
    this.x0 += base * this.dx;
    this.colMin = new Float32Array(capacity).fill(NaN);
    this.colMax = new Float32Array(capacity).fill(NaN);
    for (let p = 0; p < keep; p++) this.columnStats(p);
    this.version++;
    this.fullVersion = this.version;
    this.log.length = 0;
  }

  /**
   * Appends k columns (`columns`: k × rows values, column after column, bottom row first). A
   * row-major grid becomes a ring of its own column count first. The oldest columns scroll out
   * once the ring is full; only the new columns are written (and logged for the GPU upload).
   * Returns k. Checks the input before changing anything.
   */
  append(columns: ArrayLike<number>): number {
    const rows = this.rows;
    if (!isArrayLike(columns)) fail('columns', 'must be a Float32Array or an array of numbers', columns);
    if (columns.length % rows !== 0) fail('columns', `has ${columns.length} values, not a multiple of rows (${rows})`);
    const k = columns.length / rows;
    if (k === 0) return 0;
    for (let i = 0; i < columns.length; i++) {
      const v = columns[i] as unknown;
      if (typeof v !== 'number') fail(`columns[${i}]`, 'must be a number', v);
    }
    if (this.layout === 'rows') this.toRing(Math.max(1, this.width));
    const capacity = this.width;
    const values = this.values;
    this.version++;
    for (const [start, n, skip] of ringWrites(this.total, k, capacity)) {
      for (let j = 0; j < n; j++) {
        const src = (skip + j) * rows;
        const dst = (start + j) * rows;
        for (let r = 0; r < rows; r++) values[dst + r] = columns[src + r]!;
        this.columnStats(start + j);
      }
      this.log.push([this.version, start, n]);
    }
    while (this.log.length > CHANGE_LOG) this.log.shift();
    this.total += k;
    this.count = Math.min(this.total, capacity);
    return k;
  }

  /**
   * The column centres (the chart's row keys: hover snaps to a column) as ColumnarData with one
   * value column, `name`, holding each column's finite maximum (what the legend shows).
   */
  keyData(name: string): { time: Float64Array; columns: Record<string, Float64Array> } {
    const n = this.count;
    // Reused buffers (a streamed append builds new keys each time; nothing else keeps the old ones).
    if (this.keyTime.length < this.width) {
      this.keyTime = new Float64Array(this.width);
      this.keyPeak = new Float64Array(this.width);
    }
    const time = this.keyTime.subarray(0, n);
    const peak = this.keyPeak.subarray(0, n);
    const first = this.total - n;
    const offset = this.ringOffset;
    for (let i = 0; i < n; i++) {
      time[i] = this.x0 + (first + i + 0.5) * this.dx;
      peak[i] = this.colMax[(offset + i) % this.width]!;
    }
    return { time, columns: { [name]: peak } };
  }

  /** Min and max of physical column p of the ring. */
  private columnStats(p: number): void {
    let min = Infinity;
    let max = -Infinity;
    const values = this.values;
    for (let at = p * this.rows, end = at + this.rows; at < end; at++) {
      const v = values[at]!;
      if (v - v === 0) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    this.colMin[p] = min <= max ? min : NaN;
    this.colMax[p] = min <= max ? max : NaN;
  }
}
