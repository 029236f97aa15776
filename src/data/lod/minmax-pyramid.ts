/**
 * A min/max pyramid over one value column: the index of the smallest and largest finite value of
 * every aligned block, at block sizes 16, 64, 256, … (×4 per level).
 *
 * Why indices rather than values: the exact float64 value and its time are read back from the
 * column, so the pyramid costs 8 bytes per node (≈ 0.7 byte per point) and never loses precision.
 *
 * Only complete blocks get a node. A range query walks from its start, taking the largest aligned
 * complete block that fits, and scans single points at the edges (< one base block each), so a query over any
 * range costs O(levels) node reads. Appending completes blocks as they fill, so building is O(N)
 * once and O(1) amortized per appended point.
 *
 * Bounded streams (SeriesStore with `maxPoints`) drop their oldest rows by moving an origin
 * (`dropFront`): indices given to and returned by `rangeMinMax` are relative to it, while nodes
 * stay aligned to the start of the buffer. A query never takes a block that starts before the
 * origin (it starts at or after it and only takes aligned blocks inside the range), so the nodes
 * of dropped rows are simply never read again, and dropping costs nothing.
 */
export const BASE_BLOCK = 16;
/**
 * The base block of a coarse pyramid, for extents only (the y range of a window): building one
 * reads every value once like the fine one, but a random walk rarely sets a new extreme inside
 * 1024 points, so its compares almost never mispredict — about 3× faster to build than blocks of
 * 16 (whose level 0 dominates the build), for a query that scans ≤ 2 × 1024 edge points.
 */
export const EXTENT_BLOCK = 1024;
const BRANCH = 4;
/** Marks a block without any finite value. */
export const NO_INDEX = 0xffffffff;

/** A pyramid, or how to get one when it is first needed (building one reads the whole column). */
export type PyramidSource = MinMaxPyramid | (() => MinMaxPyramid);

export function resolvePyramid(source: PyramidSource): MinMaxPyramid {
  return typeof source === 'function' ? source() : source;
}

export class MinMaxPyramid {
  /** levels[k] covers blocks of BASE_BLOCK × BRANCH^k points. */
  private readonly mins: Uint32Array[] = [];
  private readonly maxs: Uint32Array[] = [];
  private readonly counts: number[] = [];
  private values: ArrayLike<number>;
  /** Points of `values` covered, from the buffer's start (the origin included). */
  private length = 0;
  /** Buffer index of point 0 (rows before it were dropped). */
  private origin = 0;

  /** Points per block of level 0 (BASE_BLOCK, or EXTENT_BLOCK for a coarse pyramid). */
  private readonly base: number;

  /**
   * `origin`: the buffer index of point 0 (nodes are still built from the buffer's start).
   * `baseBlock`: points per level-0 block (a power of 4 times 16 keeps levels aligned with the fine pyramid's).
   */
  constructor(values: ArrayLike<number>, length = values.length, origin = 0, baseBlock = BASE_BLOCK) {
    this.base = baseBlock;
    this.values = values;
    this.origin = Math.max(0, Math.min(origin, length));
    this.extend(values, length);
  }

  /** Points covered (complete or not), from the origin. */
  get size(): number {
    return this.length - this.origin;
  }

  /** Buffer index of point 0. */
  get start(): number {
    return this.origin;
  }

  /** The first `count` points were dropped: point `count` becomes point 0. O(1). */
  dropFront(count: number): void {
    this.origin = Math.min(this.length, this.origin + Math.max(0, count));
  }

  /** Bytes held by the node arrays. */
  get byteLength(): number {
    let bytes = 0;
    for (let k = 0; k < this.mins.length; k++) bytes += this.mins[k]!.byteLength * 2;
    return bytes;
  }

  /**
   * Takes the column after an append (the array may have been reallocated) and completes every
   * block that is now full. `length` counts from the buffer's start (the origin included).
   */
  extend(values: ArrayLike<number>, length: number): void {
    this.values = values;
    this.length = length;
    let blockSize = this.base;
    for (let level = 0; ; level++) {
      const complete = Math.floor(length / blockSize);
      if (complete === 0) break;
      const done = level < this.counts.length ? this.counts[level]! : 0;
      if (level >= this.mins.length) {
        this.mins.push(new Uint32Array(Math.max(complete, 4)));
        this.maxs.push(new Uint32Array(Math.max(complete, 4)));
        this.counts.push(0);
      }
      this.ensureCapacity(level, complete);
      for (let block = done; block < complete; block++) this.computeNode(level, block);
      this.counts[level] = complete;
      blockSize *= BRANCH;
    }
  }

  /**
   * The last point changed in place (an "update last bar"): recompute the complete blocks that
   * contain it.
   */
  refreshLast(values: ArrayLike<number>): void {
    this.values = values;
    const last = this.length - 1;
    if (last < 0) return;
    let blockSize = this.base;
    for (let level = 0; level < this.counts.length; level++) {
      const block = Math.floor(last / blockSize);
      if (block < this.counts[level]!) this.computeNode(level, block);
      blockSize *= BRANCH;
    }
  }

  /**
   * Index of the minimum and maximum finite values in [start, end), or NO_INDEX for both when the
   * range holds no finite value. Writes into `out` to stay allocation-free on the frame path.
   */
  rangeMinMax(start: number, end: number, out: Uint32Array): Uint32Array {
    const values = this.values;
    const origin = this.origin;
    let minIndex = NO_INDEX;
    let maxIndex = NO_INDEX;
    let minValue = Infinity;
    let maxValue = -Infinity;
    let i = Math.max(0, start) + origin;
    const stop = Math.min(end + origin, this.length);
    while (i < stop) {
      // The largest complete block aligned at i that fits inside [i, stop) (single points below a base block).
      let level = -1;
      let size = this.base;
      while (level + 1 < this.counts.length && i % size === 0 && i + size <= stop && i / size < this.counts[level + 1]!) {
        level++;
        size *= BRANCH;
      }
      if (level < 0) {
        const v = values[i]!;
        if (v < minValue) { minValue = v; minIndex = i; }
        if (v > maxValue) { maxValue = v; maxIndex = i; }
        i++;
        continue;
      }
      size /= BRANCH;
      const block = i / size;
      const lo = this.mins[level]![block]!;
      if (lo !== NO_INDEX) {
        const vLo = values[lo]!;
        if (vLo < minValue) { minValue = vLo; minIndex = lo; }
        const hi = this.maxs[level]![block]!;
        const vHi = values[hi]!;
        if (vHi > maxValue) { maxValue = vHi; maxIndex = hi; }
      }
      i += size;
    }
    out[0] = minIndex === NO_INDEX ? NO_INDEX : minIndex - origin;
    out[1] = maxIndex === NO_INDEX ? NO_INDEX : maxIndex - origin;
    return out;
  }

  private ensureCapacity(level: number, needed: number): void {
    const current = this.mins[level]!;
    if (current.length >= needed) return;
    const capacity = Math.max(needed, current.length * 2);
    const mins = new Uint32Array(capacity);
    const maxs = new Uint32Array(capacity);
    mins.set(current);
    maxs.set(this.maxs[level]!);
    this.mins[level] = mins;
    this.maxs[level] = maxs;
  }

  private computeNode(level: number, block: number): void {
    const values = this.values;
    let minIndex = NO_INDEX;
    let maxIndex = NO_INDEX;
    let minValue = Infinity;
    let maxValue = -Infinity;
    if (level === 0) {
      const start = block * this.base;
      for (let i = start; i < start + this.base; i++) {
        const v = values[i]!;
        // NaN fails both comparisons, so gaps never become a min or max.
        if (v < minValue) { minValue = v; minIndex = i; }
        if (v > maxValue) { maxValue = v; maxIndex = i; }
      }
    } else {
      const childMins = this.mins[level - 1]!;
      const childMaxs = this.maxs[level - 1]!;
      const first = block * BRANCH;
      for (let c = first; c < first + BRANCH; c++) {
        const lo = childMins[c]!;
        if (lo === NO_INDEX) continue;
        const vLo = values[lo]!;
        if (vLo < minValue) { minValue = vLo; minIndex = lo; }
        const hi = childMaxs[c]!;
        const vHi = values[hi]!;
        if (vHi > maxValue) { maxValue = vHi; maxIndex = hi; }
      }
    }
    this.mins[level]![block] = minIndex;
    this.maxs[level]![block] = maxIndex;
  }
}
