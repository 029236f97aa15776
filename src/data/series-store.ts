import type { ColumnarData } from './columnar.js';
import { DataError } from './data-error.js';
import { resized } from './typed-arrays.js';
import { EXTENT_BLOCK, MinMaxPyramid } from './lod/minmax-pyramid.js';
import { PrefixSum } from './lod/prefix-sum.js';
import { lowerBound } from './lod/search.js';

/**
 * How much of a stream a store keeps (config `streaming`): at most `maxPoints` rows, and/or rows
 * no older than `windowMs` before the newest. Null: no bound.
 */
export interface StreamBounds {
  maxPoints: number | null;
  windowMs: number | null;
}

export const UNBOUNDED: Readonly<StreamBounds> = { maxPoints: null, windowMs: null };

/** What an append did. */
export interface AppendResult {
  /** Rows added at the end. */
  appended: number;
  /** The first incoming row replaced the last stored one (same time). */
  updatedLast: boolean;
  /** Rows dropped from the front by the store's bounds (ring-buffer semantics). */
  dropped: number;
}

/**
 * The chart's CPU copy of its data: a time column and named value columns, growable for
 * streaming. The CPU copy is the source of truth: GPU resources are rebuilt from it after a
 * device loss, and the Canvas2D fallback draws from it.
 *
 * Columns keep spare capacity so that `append` is amortized O(1) per point; their min/max
 * pyramids are built lazily (first query) and then extended on append.
 *
 * Bounded streams (`bounds`: maxPoints and/or a time window) behave as ring buffers: the oldest
 * rows drop as new ones come, so a stream runs forever in flat memory. The valid rows are a
 * contiguous range [head, head + length) of each buffer (consumers keep getting plain subarrays);
 * dropping moves `head` and the pyramids' origins (O(1)), and when the end of the buffer is
 * reached the live rows are moved back to the start in place (`copyWithin`, once per `maxPoints`
 * appended rows with the 2 × maxPoints capacity, so O(1) amortized per row) and the pyramids are
 * rebuilt lazily. Buffers are allocated once and reused.
 */
/** Key prefix of the coarse extent pyramids (a NUL cannot start a column name from data). */
const EXTENT_KEY = '\u0000extent:';

export class SeriesStore {
  private timeBuffer: Float64Array;
  private readonly columnBuffers = new Map<string, Float64Array>();
  /**
   * Min/max pyramids by key: a column's name for its fine pyramid (M4), EXTENT_KEY + name for a
   * coarse one that only answers extents (kept until the fine one exists).
   */
  private readonly pyramids = new Map<string, { column: string; pyramid: MinMaxPyramid }>();
  /** `lazyPyramid`'s getters: the same function while the pyramids stand (LinePath compares it). */
  private readonly pyramidGetters = new Map<string, () => MinMaxPyramid>();
  private readonly prefixSums = new Map<string, PrefixSum>();
  private count: number;
  /** Buffer index of row 0 (rows before it were dropped). */
  private head = 0;
  private limits: StreamBounds = UNBOUNDED;
  /** Increases on every change, so consumers can cache derived state. */
  version = 0;
  /** Rows dropped from the front since the store was created. */
  droppedTotal = 0;

  /** Columns still the caller's arrays (see ColumnarData.borrowed): copied before any in-place write. */
  private readonly borrowed: Set<string>;

  constructor(data: ColumnarData, bounds: StreamBounds = UNBOUNDED) {
    this.count = data.time.length;
    this.timeBuffer = data.time;
    for (const [name, column] of Object.entries(data.columns)) this.columnBuffers.set(name, column);
    this.borrowed = new Set(data.borrowed ?? []);
    this.setBounds(bounds);
    // Data larger than the bound: keep the newest rows in the store's own ring right away (the
    // pyramids then cover only them).
    if (this.head > 0) this.compact(this.count);
    this.droppedTotal = 0;
  }

  /** The bounds in effect. */
  get bounds(): StreamBounds {
    return this.limits;
  }

  /**
   * Sets the bounds and drops what is now beyond them (returns how many rows). A chart that
   * sets data larger than `maxPoints` keeps the newest rows.
   */
  setBounds(bounds: StreamBounds): number {
    this.limits = { maxPoints: positiveOrNull(bounds.maxPoints), windowMs: positiveOrNull(bounds.windowMs) };
    const drop = this.rowsToDrop(this.count, this.lastTime());
    if (drop > 0) this.dropFront(drop);
    return drop;
  }

  /** A column's buffer, ready to be written in place: a borrowed one is copied first (once). */
  private writable(name: string): Float64Array {
    if (this.borrowed.has(name) && this.head > 0) this.compact(this.count + 1);
    let buffer = this.columnBuffers.get(name)!;
    if (this.borrowed.delete(name)) {
      buffer = resized(buffer.subarray(0, this.head + this.count), this.capacityFor(this.head + this.count + 1));
      this.columnBuffers.set(name, buffer);
    }
    return buffer;
  }

  get length(): number {
    return this.count;
  }

  /** The time column (a view of the valid part). */
  get time(): Float64Array {
    return this.timeBuffer.subarray(this.head, this.head + this.count);
  }

  get columnNames(): string[] {
    return [...this.columnBuffers.keys()];
  }

  hasColumn(name: string): boolean {
    return this.columnBuffers.has(name);
  }

  /** A value column (a view of the valid part). */
  column(name: string): Float64Array {
    const buffer = this.columnBuffers.get(name);
    if (!buffer) throw new DataError(`no column "${name}" (columns: ${this.columnNames.join(', ')})`, { code: 'no-value-columns', column: name });
    return buffer.subarray(this.head, this.head + this.count);
  }

  /** The min/max pyramid of a column, built on first use (indices relative to row 0). */
  pyramid(name: string): MinMaxPyramid {
    let entry = this.pyramids.get(name);
    if (!entry) {
      this.column(name); // throws for an unknown column
      entry = { column: name, pyramid: new MinMaxPyramid(this.columnBuffers.get(name)!, this.head + this.count, this.head) };
      this.pyramids.set(name, entry);
      // The fine pyramid answers extents too.
      this.pyramids.delete(EXTENT_KEY + name);
    }
    return entry.pyramid;
  }

  /** A getter of the column's pyramid that builds it only when called (a frame may not need it). */
  lazyPyramid(name: string): () => MinMaxPyramid {
    let getter = this.pyramidGetters.get(name);
    if (!getter) {
      getter = () => this.pyramid(name);
      this.pyramidGetters.set(name, getter);
    }
    return getter;
  }

  /**
   * A pyramid good for extents (the min and max of a window): the fine one when it exists, else a
   * coarse one (EXTENT_BLOCK), ~3× cheaper to build. For frames whose level of detail runs on the
   * GPU, which need no fine pyramid: their first frame then does not pay for building one.
   */
  extentPyramid(name: string): MinMaxPyramid {
    const fine = this.pyramids.get(name);
    if (fine) return fine.pyramid;
    let entry = this.pyramids.get(EXTENT_KEY + name);
    if (!entry) {
      this.column(name);
      entry = { column: name, pyramid: new MinMaxPyramid(this.columnBuffers.get(name)!, this.head + this.count, this.head, EXTENT_BLOCK) };
      this.pyramids.set(EXTENT_KEY + name, entry);
    }
    return entry.pyramid;
  }

  /** Running sums of a column (volume per candle in O(1)), built on first use. */
  prefixSum(name: string): PrefixSum {
    let sums = this.prefixSums.get(name);
    if (!sums) {
      this.column(name);
      sums = new PrefixSum(this.columnBuffers.get(name)!, this.head + this.count, this.head);
      this.prefixSums.set(name, sums);
    }
    return sums;
  }

  firstTime(): number {
    return this.count > 0 ? this.timeBuffer[this.head]! : NaN;
  }

  lastTime(): number {
    return this.count > 0 ? this.timeBuffer[this.head + this.count - 1]! : NaN;
  }

  /** Bytes held on the CPU, pyramids included. */
  get byteLength(): number {
    let bytes = this.timeBuffer.byteLength;
    for (const column of this.columnBuffers.values()) bytes += column.byteLength;
    for (const { pyramid } of this.pyramids.values()) bytes += pyramid.byteLength;
    for (const sums of this.prefixSums.values()) bytes += sums.byteLength;
    return bytes;
  }

  /**
   * Streams new rows in. A first row whose time equals the last stored time replaces that row
   * (the "update the last bar" of live charts); every other row must be later than the last.
   * Validates everything before changing anything, so a bad batch leaves the store untouched.
   * Rows beyond the bounds drop from the front. Returns how many rows were appended and dropped
   * and whether the last row was updated.
   */
  append(data: ColumnarData): AppendResult {
    const incoming = data.time;
    if (incoming.length === 0) return { appended: 0, updatedLast: false, dropped: 0 };
    for (const name of Object.keys(data.columns)) {
      if (!this.columnBuffers.has(name)) {
        throw new DataError(`appended column "${name}" is not in the chart's data (columns: ${this.columnNames.join(', ')})`, { code: 'length-mismatch', column: name });
      }
    }
    for (const name of this.columnBuffers.keys()) {
      if (!(name in data.columns)) throw new DataError(`appended data lacks column "${name}"`, { code: 'length-mismatch', column: name });
    }
    const last = this.lastTime();
    const updatesLast = this.count > 0 && incoming[0] === last;
    if (this.count > 0 && incoming[0]! < last) {
      throw new DataError(`appended time ${incoming[0]} at row 0 is before the last time ${last}`, { code: 'unsorted-time', row: 0, value: incoming[0] });
    }

    let from = 0;
    if (updatesLast) {
      const at = this.head + this.count - 1;
      for (const [name, column] of Object.entries(data.columns)) this.writable(name)[at] = column[0]!;
      for (const { column, pyramid } of this.pyramids.values()) pyramid.refreshLast(this.columnBuffers.get(column)!);
      for (const [name, sums] of this.prefixSums) sums.refreshLast(this.columnBuffers.get(name)!);
      from = 1;
    }
    let added = incoming.length - from;
    let dropped = 0;
    if (added > 0) {
      // Bounded: what will not be kept is not even copied (a batch longer than maxPoints keeps its tail).
      const drop = this.rowsToDrop(this.count + added, incoming[incoming.length - 1]!, incoming, from);
      if (drop > this.count) {
        const skip = drop - this.count;
        from += skip;
        added -= skip;
      }
      // Stored rows that go; incoming rows skipped above were never stored.
      dropped = Math.min(drop, this.count);
      this.dropFront(dropped);
      if (!this.extendBorrowed(data, from, added)) this.write(data, from, added);
    }
    this.version++;
    return { appended: added, updatedLast: updatesLast, dropped };
  }

  /** Rows to drop so that `total` rows ending at `lastTime` fit the bounds. */
  private rowsToDrop(total: number, lastTime: number, incoming?: Float64Array, from = 0): number {
    const { maxPoints, windowMs } = this.limits;
    let drop = maxPoints !== null ? Math.max(0, total - maxPoints) : 0;
    if (windowMs !== null && total > 0) {
      const oldest = lastTime - windowMs;
      // Rows strictly older than the window: first among the stored rows, then among the incoming ones.
      let old = lowerBound(this.time, this.count, oldest);
      if (old === this.count && incoming) old += lowerBound(incoming.subarray(from), incoming.length - from, oldest);
      drop = Math.max(drop, old);
    }
    return Math.min(drop, total);
  }

  /** Drops the first `n` stored rows: O(1) (the head and the pyramids' origins move). */
  private dropFront(n: number): void {
    if (n <= 0) return;
    this.head += n;
    this.count -= n;
    this.droppedTotal += n;
    for (const { pyramid } of this.pyramids.values()) pyramid.dropFront(n);
    for (const sums of this.prefixSums.values()) sums.dropFront(n);
  }

  /**
   * Zero-copy streaming: when every stored column is still the caller's array and every incoming
   * column continues it in the same ArrayBuffer (the caller preallocated its columns and appends
   * views of the next rows, uPlot's way of streaming), the store's columns just become longer
   * views: nothing is copied. A bounded store then moves the start of its views past dropped
   * rows once they outnumber the kept ones (the pyramids are rebuilt lazily over the new views),
   * so its own memory stays flat. False (nothing changed) when the columns do not line up.
   */
  private extendBorrowed(data: ColumnarData, from: number, added: number): boolean {
    const end = this.head + this.count;
    const continues = (stored: Float64Array, name: string, incoming: Float64Array): boolean =>
      this.borrowed.has(name) && stored.buffer === incoming.buffer && stored.byteOffset + end * 8 === incoming.byteOffset + from * 8 && stored.byteOffset + (end + added) * 8 <= stored.buffer.byteLength;
    if (!continues(this.timeBuffer, 'time', data.time)) return false;
    for (const [name, column] of Object.entries(data.columns)) if (!continues(this.columnBuffers.get(name)!, name, column)) return false;
    const longer = (stored: Float64Array) => new Float64Array(stored.buffer, stored.byteOffset, end + added);
    this.timeBuffer = longer(this.timeBuffer);
    for (const [name, buffer] of this.columnBuffers) this.columnBuffers.set(name, longer(buffer));
    this.count += added;
    const bounded = this.limits.maxPoints !== null || this.limits.windowMs !== null;
    if (bounded && this.head > this.count) {
      const rebase = (stored: Float64Array) => new Float64Array(stored.buffer, stored.byteOffset + this.head * 8, this.count);
      this.timeBuffer = rebase(this.timeBuffer);
      for (const [name, buffer] of this.columnBuffers) this.columnBuffers.set(name, rebase(buffer));
      this.head = 0;
      this.pyramids.clear();
      this.pyramidGetters.clear();
      this.prefixSums.clear();
      return true;
    }
    for (const { column, pyramid } of this.pyramids.values()) pyramid.extend(this.columnBuffers.get(column)!, end + added);
    for (const [name, sums] of this.prefixSums) sums.extend(this.columnBuffers.get(name)!, end + added);
    return true;
  }

  /** Writes rows [from, from + added) of `data` after the stored rows, compacting or growing buffers as needed. */
  private write(data: ColumnarData, from: number, added: number): void {
    const needed = this.head + this.count + added;
    if (needed > this.capacity()) {
      if (this.head > 0 && this.limits.maxPoints !== null) this.compact(this.count + added);
      else if (this.head > this.count) this.compact(this.count + added);
    }
    const at = this.head + this.count;
    const end = at + added;
    // Grows allocate a new buffer when capacity runs out; a borrowed one has none spare, so it is
    // never written (grow copies it, and it stops being borrowed).
    this.timeBuffer = this.grow(this.timeBuffer, 'time', end);
    this.timeBuffer.set(data.time.subarray(from, from + added), at);
    for (const [name, column] of Object.entries(data.columns)) {
      const buffer = this.grow(this.columnBuffers.get(name)!, name, end);
      buffer.set(column.subarray(from, from + added), at);
      this.columnBuffers.set(name, buffer);
    }
    this.count += added;
    for (const { column, pyramid } of this.pyramids.values()) pyramid.extend(this.columnBuffers.get(column)!, end);
    for (const [name, sums] of this.prefixSums) sums.extend(this.columnBuffers.get(name)!, end);
  }

  /** The smallest capacity of the buffers (they grow together). */
  private capacity(): number {
    let capacity = this.borrowed.has('time') ? 0 : this.timeBuffer.length;
    for (const [name, buffer] of this.columnBuffers) capacity = Math.min(capacity, this.borrowed.has(name) ? 0 : buffer.length);
    return capacity;
  }

  /**
   * Moves the live rows to the start of the buffers (in place when the buffers are the store's
   * own and large enough for `needed` rows, else into fresh ones of the ring's capacity). The
   * pyramids are dropped and rebuilt on their next use, with their blocks aligned to the new start.
   */
  private compact(needed: number): void {
    const capacity = this.capacityFor(needed);
    const move = (buffer: Float64Array, name: string): Float64Array => {
      if (!this.borrowed.delete(name) && buffer.length >= capacity) {
        buffer.copyWithin(0, this.head, this.head + this.count);
        return buffer;
      }
      const fresh = new Float64Array(capacity);
      fresh.set(buffer.subarray(this.head, this.head + this.count));
      return fresh;
    };
    this.timeBuffer = move(this.timeBuffer, 'time');
    for (const [name, buffer] of this.columnBuffers) this.columnBuffers.set(name, move(buffer, name));
    this.head = 0;
    this.pyramids.clear();
    this.pyramidGetters.clear();
    this.prefixSums.clear();
  }

  /** Capacity for `needed` rows: a bounded store's ring (2 × maxPoints), else 1.5× growth. */
  private capacityFor(needed: number): number {
    const max = this.limits.maxPoints;
    if (max !== null) return Math.max(needed, 2 * max, 1024);
    return Math.max(needed, 1024);
  }

  /** A buffer with room for `needed` entries from its start, doubling capacity so appends stay amortized O(1). */
  private grow(buffer: Float64Array, name: string, needed: number): Float64Array {
    const borrowed = this.borrowed.delete(name);
    if (!borrowed && buffer.length >= needed) return buffer;
    const used = this.head + this.count;
    const max = this.limits.maxPoints;
    const capacity = max !== null ? Math.max(needed, 2 * max, 1024) : Math.max(needed, Math.ceil(buffer.length * 1.5), 1024);
    return resized(buffer.subarray(0, used), capacity);
  }
}

function positiveOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}
