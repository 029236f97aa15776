import { DataError, describeValue } from '../../data/data-error.js';
import { ringOffset, ringWrites } from '../../data/grid.js';

let nextRingId = 1;
/** Writes remembered for renderers that uploaded an older version (beyond: a full upload). */
const CHANGE_LOG = 64;

const isArrayLike = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));

function fail(column: string, message: string, value?: unknown): never {
  throw new DataError(`${column}: ${message}${value === undefined ? '' : ` (got ${describeValue(value)})`}`, { code: 'invalid-grid', column, ...(value === undefined ? {} : { value }), source: 'append' });
}

/**
 * The heights of a streaming surface (a live volatility surface, a 3D waterfall): a ring of
 * `capacity` columns of `rows` heights each, stored column after column, so that an appended column
 * is one contiguous range of `values` and of the GPU buffer that mirrors it. Shown column c (0 the
 * oldest) is physical column (offset + c) % capacity. Once `capacity` columns are held, each new
 * column overwrites the oldest: nothing is allocated or moved per append, on the CPU or the GPU.
 *
 * Every height must be finite (a surface cannot be drawn through a hole): `append` checks the
 * whole batch before writing any of it, so a refused batch leaves the ring as it was.
 */
export class SurfaceRing {
  readonly id = nextRingId++;
  readonly rows: number;
  readonly capacity: number;
  /** capacity × rows heights, column-major: physical column p is values[p·rows, (p+1)·rows). */
  readonly values: Float32Array;
  /** Column centres (data x) by physical column. */
  private readonly centres: Float64Array;
  /** Shown column centres, oldest first (rewritten per append; `xs` is a view of its first `count`). */
  private readonly shown: Float64Array;
  /** Finite min and max of each physical column. */
  private readonly colMin: Float32Array;
  private readonly colMax: Float32Array;
  /** Columns ever appended (the write position is total % capacity) and columns shown. */
  total = 0;
  count = 0;
  /** Bumped by each append that wrote columns. */
  version = 0;
  /** Spacing of appended columns along x, and the centre the next one gets. */
  readonly step: number;
  nextX: number;
  /** [version, start, count] of recent writes (a write that wraps logs two). */
  private readonly log: [number, number, number][] = [];

  constructor(rows: number, capacity: number, step: number, firstX: number) {
    this.rows = rows;
    this.capacity = capacity;
    this.values = new Float32Array(rows * capacity);
    this.centres = new Float64Array(capacity);
    this.shown = new Float64Array(capacity);
    this.colMin = new Float32Array(capacity);
    this.colMax = new Float32Array(capacity);
    this.step = step;
    this.nextX = firstX;
  }

  /**
   * A ring holding the newest min(cols, capacity) columns of a row-major grid (`values[r·cols + c]`
   * at x `xs[c]`); later columns follow every `step`, the first of them at `nextX`.
   */
  static fromRows(values: Float32Array, rows: number, cols: number, xs: ArrayLike<number>, capacity: number, step: number, nextX: number): SurfaceRing {
    const keep = Math.min(cols, capacity);
    const from = cols - keep;
    const ring = new SurfaceRing(rows, capacity, step, nextX);
    for (let i = 0; i < keep; i++) {
      for (let r = 0; r < rows; r++) ring.values[i * rows + r] = values[r * cols + from + i]!;
      ring.centres[i] = xs[from + i]!;
      ring.columnStats(i);
    }
    ring.total = ring.count = keep;
    ring.refreshShown();
    return ring;
  }

  /** Physical column of the oldest shown column. */
  get offset(): number {
    return ringOffset(this.total, this.capacity);
  }

  /** Shown column centres, oldest first (a view, valid until the next append). */
  get xs(): Float64Array {
    return this.shown.subarray(0, this.count);
  }

  /** The height of shown column c, row r. */
  height(c: number, r: number): number {
    return this.values[((this.offset + c) % this.capacity) * this.rows + r]!;
  }

  /**
   * The x range the box shows: the window `capacity` columns wide ending at the newest column (so a
   * filling ring grows in from the right and a full one scrolls by one step per column, its
   * columns keeping their place in the box), widened to the oldest column still shown.
   */
  xRange(): [number, number] {
    const newest = this.nextX - this.step;
    const start = newest - (this.capacity - 1) * this.step;
    return [this.count > 0 ? Math.min(start, this.shown[0]!) : start, newest];
  }

  /** Finite min and max of the shown heights ([Infinity, -Infinity] when none). */
  zRange(): [number, number] {
    let min = Infinity;
    let max = -Infinity;
    const offset = this.offset;
    for (let i = 0; i < this.count; i++) {
      const p = (offset + i) % this.capacity;
      if (this.colMin[p]! < min) min = this.colMin[p]!;
      if (this.colMax[p]! > max) max = this.colMax[p]!;
    }
    return [min, max];
  }

  /**
   * Appends k columns: `columns` holds k × rows heights, column after column, bottom row first
   * (the heatmap's append shape). Checked whole first (a DataError names `columns` or
   * `columns[i]`); then only the new columns are written, over the oldest once the ring is full.
   * Returns k.
   */
  append(columns: unknown): number {
    const rows = this.rows;
    if (!isArrayLike(columns)) fail('columns', 'must be a Float32Array or an array of numbers', columns);
    if (columns.length % rows !== 0) fail('columns', `has ${columns.length} values, not a multiple of the surface's rows (${rows}): each column needs one height per row`);
    for (let i = 0; i < columns.length; i++) {
      const v = columns[i];
      if (typeof v !== 'number' || v - v !== 0) fail(`columns[${i}]`, `height at row ${i % rows} of appended column ${Math.floor(i / rows)} must be a finite number (a surface cannot be drawn through a hole)`, v);
    }
    const k = columns.length / rows;
    if (k === 0) return 0;
    const source = columns as ArrayLike<number>;
    const values = this.values;
    this.version++;
    for (const [start, n, skip] of ringWrites(this.total, k, this.capacity)) {
      for (let j = 0; j < n; j++) {
        const p = start + j;
        const src = (skip + j) * rows;
        const dst = p * rows;
        for (let r = 0; r < rows; r++) values[dst + r] = source[src + r]!;
        this.centres[p] = this.nextX + (skip + j) * this.step;
        this.columnStats(p);
      }
      this.log.push([this.version, start, n]);
    }
    while (this.log.length > CHANGE_LOG) this.log.shift();
    this.nextX += k * this.step;
    this.total += k;
    this.count = Math.min(this.total, this.capacity);
    this.refreshShown();
    return k;
  }

  /** Physical column ranges [start, count] written since `version` ([] none; null: upload everything). */
  changesSince(version: number): [number, number][] | null {
    if (version >= this.version) return [];
    const log = this.log;
    if (version < 0 || log.length === 0 || log[0]![0] > version + 1) return null;
    const out: [number, number][] = [];
    for (const [v, start, count] of log) if (v > version) out.push([start, count]);
    return out;
  }

  /** Bytes held on the CPU. */
  get byteLength(): number {
    return this.values.byteLength + this.centres.byteLength + this.shown.byteLength + this.colMin.byteLength * 2;
  }

  private refreshShown(): void {
    const offset = this.offset;
    for (let i = 0; i < this.count; i++) this.shown[i] = this.centres[(offset + i) % this.capacity]!;
  }

  private columnStats(p: number): void {
    let min = Infinity;
    let max = -Infinity;
    for (let at = p * this.rows, end = at + this.rows; at < end; at++) {
      const v = this.values[at]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    this.colMin[p] = min;
    this.colMax[p] = max;
  }
}
