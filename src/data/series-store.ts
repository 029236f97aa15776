import type { ColumnarData } from './columnar.js';
import { DataError } from './data-error.js';
import { resized } from './typed-arrays.js';
import { MinMaxPyramid } from './lod/minmax-pyramid.js';
import { PrefixSum } from './lod/prefix-sum.js';

/**
 * The chart's CPU copy of its data: a time column and named value columns, growable for
 * streaming. The CPU copy is the source of truth: GPU resources are rebuilt from it after a
 * device loss, and the Canvas2D fallback draws from it.
 *
 * Columns keep spare capacity so that `append` is amortized O(1) per point; their min/max
 * pyramids are built lazily (first query) and then extended on append.
 */
export class SeriesStore {
  private timeBuffer: Float64Array;
  private readonly columnBuffers = new Map<string, Float64Array>();
  private readonly pyramids = new Map<string, MinMaxPyramid>();
  private readonly prefixSums = new Map<string, PrefixSum>();
  private count: number;
  /** Increases on every change, so consumers can cache derived state. */
  version = 0;

  /** Columns still the caller's arrays (see ColumnarData.borrowed): copied before any in-place write. */
  private readonly borrowed: Set<string>;

  constructor(data: ColumnarData) {
    this.count = data.time.length;
    this.timeBuffer = data.time;
    for (const [name, column] of Object.entries(data.columns)) this.columnBuffers.set(name, column);
    this.borrowed = new Set(data.borrowed ?? []);
  }

  /** A column's buffer, ready to be written in place: a borrowed one is copied first (once). */
  private writable(name: string): Float64Array {
    let buffer = this.columnBuffers.get(name)!;
    if (this.borrowed.delete(name)) {
      buffer = resized(buffer.subarray(0, this.count), Math.max(this.count + 1024, Math.ceil(this.count * 1.5)));
      this.columnBuffers.set(name, buffer);
    }
    return buffer;
  }

  get length(): number {
    return this.count;
  }

  /** The time column (a view of the valid part). */
  get time(): Float64Array {
    return this.timeBuffer.subarray(0, this.count);
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
    return buffer.subarray(0, this.count);
  }

  /** The min/max pyramid of a column, built on first use. */
  pyramid(name: string): MinMaxPyramid {
    let pyramid = this.pyramids.get(name);
    if (!pyramid) {
      pyramid = new MinMaxPyramid(this.columnBuffers.get(name) ?? this.column(name), this.count);
      this.pyramids.set(name, pyramid);
    }
    return pyramid;
  }

  /** Running sums of a column (volume per candle in O(1)), built on first use. */
  prefixSum(name: string): PrefixSum {
    let sums = this.prefixSums.get(name);
    if (!sums) {
      sums = new PrefixSum(this.columnBuffers.get(name) ?? this.column(name), this.count);
      this.prefixSums.set(name, sums);
    }
    return sums;
  }

  firstTime(): number {
    return this.count > 0 ? this.timeBuffer[0]! : NaN;
  }

  lastTime(): number {
    return this.count > 0 ? this.timeBuffer[this.count - 1]! : NaN;
  }

  /** Bytes held on the CPU, pyramids included. */
  get byteLength(): number {
    let bytes = this.timeBuffer.byteLength;
    for (const column of this.columnBuffers.values()) bytes += column.byteLength;
    for (const pyramid of this.pyramids.values()) bytes += pyramid.byteLength;
    for (const sums of this.prefixSums.values()) bytes += sums.byteLength;
    return bytes;
  }

  /**
   * Streams new rows in. A first row whose time equals the last stored time replaces that row
   * (the "update the last bar" of live charts); every other row must be later than the last.
   * Validates everything before changing anything, so a bad batch leaves the store untouched.
   * Returns how many rows were appended and whether the last row was updated.
   */
  append(data: ColumnarData): { appended: number; updatedLast: boolean } {
    const incoming = data.time;
    if (incoming.length === 0) return { appended: 0, updatedLast: false };
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
      const at = this.count - 1;
      for (const [name, column] of Object.entries(data.columns)) this.writable(name)[at] = column[0]!;
      for (const [name, pyramid] of this.pyramids) pyramid.refreshLast(this.columnBuffers.get(name)!);
      for (const [name, sums] of this.prefixSums) sums.refreshLast(this.columnBuffers.get(name)!);
      from = 1;
    }
    const added = incoming.length - from;
    if (added > 0) {
      const newCount = this.count + added;
      // Growing allocates a new buffer when capacity runs out; a borrowed one has none spare, so
      // it is never written (grow copies it, and it stops being borrowed).
      this.timeBuffer = grow(this.timeBuffer, this.count, newCount);
      this.borrowed.delete('time');
      this.timeBuffer.set(incoming.subarray(from), this.count);
      for (const [name, column] of Object.entries(data.columns)) {
        const buffer = this.borrowed.delete(name) ? grow(this.columnBuffers.get(name)!.subarray(0, this.count), this.count, newCount) : grow(this.columnBuffers.get(name)!, this.count, newCount);
        buffer.set(column.subarray(from), this.count);
        this.columnBuffers.set(name, buffer);
      }
      this.count = newCount;
      for (const [name, pyramid] of this.pyramids) pyramid.extend(this.columnBuffers.get(name)!, newCount);
      for (const [name, sums] of this.prefixSums) sums.extend(this.columnBuffers.get(name)!, newCount);
    }
    this.version++;
    return { appended: added, updatedLast: updatesLast };
  }
}

/** Returns a buffer with room for `needed` entries, doubling capacity so appends stay amortized O(1). */
function grow(buffer: Float64Array, used: number, needed: number): Float64Array {
  if (buffer.length >= needed) return buffer;
  return resized(buffer.subarray(0, used), Math.max(needed, Math.ceil(buffer.length * 1.5), 1024));
}
