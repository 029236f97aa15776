import { resized } from '../typed-arrays.js';
import { visibleRange } from './m4.js';
import { type MinMaxPyramid, NO_INDEX } from './minmax-pyramid.js';
import type { PrefixSum } from './prefix-sum.js';
import { lowerBound, upperBound } from './search.js';

/**
 * The candlestick level of detail: when a window holds more bars than fit at `minBarPx` pixels
 * each, bars are merged into buckets (open of the first bar, max high, min low, close of the last,
 * summed volume), so a million-bar chart draws ~columns / minBarPx candles, not a million slivers.
 *
 * Cost per frame: O(buckets × log N). The high and low of a bucket come from the min/max pyramids
 * of the high and low columns, its volume from a prefix sum; nothing scans the bars of a bucket
 * (except malformed bars, see `aggregate`).
 *
 * Bucket grid, and why. Buckets hold k = 2^j consecutive bars and start at indices that are
 * multiples of k:
 * - the grid depends only on bar indices, so while panning at one zoom level the same bars stay
 *   together and candles do not "swim" (a grid anchored at the window's left edge would regroup
 *   every bar on every pixel of panning); appended bars only extend the last bucket;
 * - powers of two nest: zooming out by 2× merges neighbouring pairs of buckets instead of
 *   reshuffling bars;
 * - every bucket holds the same number of bars, whatever the spacing of the time stamps (sessions,
 *   weekends), so no candle is empty or lopsided;
 * - an aligned power-of-two range is one or two nodes of the ×4 pyramids, so each query is O(1)
 *   nodes plus the climb.
 * k is the smallest power of two with k ≥ (bars in window / columns) × minBarPx, with hysteresis
 * (it changes only once the ideal moves 25 % past a power of two), because the count of bars in
 * the window wobbles by one while panning and would flip k back and forth right at a threshold.
 * k = 1 is raw mode.
 *
 * Callers who want candles of equal duration (e.g. data with gaps drawn on a time axis) pass
 * `bucketMs`: buckets are then aligned on multiples of bucketMs × 2^j since the epoch (UTC ms),
 * the smallest such length spanning minBarPx pixels. Calendar units (days in a time zone, months)
 * are the job of `resample`.
 */

export type OhlcMode = 'raw' | 'aggregated';

export interface OhlcAggregate {
  /** Candles written; entries past `count` are stale. */
  count: number;
  /** Time of the bucket's first bar (the bar at its start index, or its first bar on a time grid). */
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  /** Sum of the finite volumes of the bucket's bars; NaN when it has none or no volume was given. */
  volume: Float64Array;
  /** Index of the first and last bar drawn into each candle (bars with NaN prices are skipped). */
  firstIndex: Uint32Array;
  lastIndex: Uint32Array;
  mode: OhlcMode;
  /** Bars per bucket on the index grid (1 in raw mode), 0 on a time grid. */
  bucketBars: number;
  /** Bucket length on a time grid, 0 otherwise. */
  bucketMs: number;
  /** Bars inside [t0, t1]. */
  visibleBars: number;
}

export interface OhlcAggregatorOptions {
  /** Narrowest candle worth drawing, in pixels (default 3): below it bars are merged. */
  minBarPx?: number;
}

/** How far past a power of two the ideal bucket may drift before k changes (hysteresis). */
const SLACK = 1.25;
const EMPTY = new Float64Array(0);

export class OhlcAggregator {
  minBarPx: number;
  /** log2 of the last bucket size, -1 before the first call (for hysteresis). */
  private exponent = -1;
  private readonly result: OhlcAggregate = {
    count: 0,
    time: new Float64Array(256),
    open: new Float64Array(256),
    high: new Float64Array(256),
    low: new Float64Array(256),
    close: new Float64Array(256),
    volume: new Float64Array(256),
    firstIndex: new Uint32Array(256),
    lastIndex: new Uint32Array(256),
    mode: 'raw',
    bucketBars: 1,
    bucketMs: 0,
    visibleBars: 0,
  };
  private readonly pair = new Uint32Array(2);
  private readonly probe = new Uint32Array(2);
  // The columns of the call in progress (cleared after it, so no data is kept alive).
  private open: ArrayLike<number> = EMPTY;
  private high: ArrayLike<number> = EMPTY;
  private low: ArrayLike<number> = EMPTY;
  private close: ArrayLike<number> = EMPTY;

  constructor(options: OhlcAggregatorOptions = {}) {
    this.minBarPx = options.minBarPx ?? 3;
  }

  /** Forgets the last bucket size, so the next call chooses without hysteresis. */
  reset(): void {
    this.exponent = -1;
  }

  /**
   * Candles for the window [t0, t1] drawn over `columns` pixel columns. Covers the bars inside the
   * window plus one neighbour on each side (as M4 does, so candles run to the plot edges); edge
   * buckets are whole, not clipped, so they do not change while panning.
   *
   * A bar with a NaN open, high, low or close is skipped; a bucket without any complete bar is
   * omitted. Whole-row gaps are skipped through the pyramids in O(log² N); bars with only some
   * prices NaN (malformed data) cost a scan of their bucket.
   *
   * The returned object and its arrays are reused: valid until the next call.
   */
  aggregate(
    time: ArrayLike<number>,
    open: ArrayLike<number>,
    high: ArrayLike<number>,
    low: ArrayLike<number>,
    close: ArrayLike<number>,
    volume: ArrayLike<number> | null,
    length: number,
    highPyramid: MinMaxPyramid,
    lowPyramid: MinMaxPyramid,
    volumeSums: PrefixSum | null,
    t0: number,
    t1: number,
    columns: number,
    bucketMs?: number,
  ): OhlcAggregate {
    const result = this.result;
    result.count = 0;
    columns = Math.max(1, Math.floor(columns) || 1);
    const [start, end] = visibleRange(time, length, t0, t1);
    const firstInside = lowerBound(time, length, t0);
    const visibleBars = Math.max(0, upperBound(time, length, t1, firstInside) - firstInside);
    result.visibleBars = visibleBars;
    const exponent = this.chooseExponent((visibleBars * this.minBarPx) / columns);

    this.open = open;
    this.high = high;
    this.low = low;
    this.close = close;
    try {
      if (exponent === 0) {
        result.mode = 'raw';
        result.bucketBars = 1;
        result.bucketMs = 0;
        for (let i = start; i < end; i++) {
          if (this.valid(i)) this.emit(time[i]!, open[i]!, high[i]!, low[i]!, close[i]!, volume ? volume[i]! : NaN, i, i);
        }
        return result;
      }
      result.mode = 'aggregated';
      if (bucketMs !== undefined && bucketMs > 0 && Number.isFinite(bucketMs)) {
        // Smallest bucketMs × 2^j at least minBarPx pixels wide: fixed for a zoom level.
        const needed = (this.minBarPx * (t1 - t0)) / columns;
        let duration = bucketMs;
        // Bounded: a non-finite window must not loop forever.
        for (let j = 0; j < 64 && duration < needed; j++) duration *= 2;
        result.bucketBars = 0;
        result.bucketMs = duration;
        if (start >= end) return result;
        let a = lowerBound(time, length, gridStart(time[start]!, duration));
        while (a < end) {
          const b = lowerBound(time, length, gridStart(time[a]!, duration) + duration, a + 1);
          this.bucket(time, a, b, highPyramid, lowPyramid, volumeSums);
          a = b;
        }
        return result;
      }
      const k = 2 ** exponent;
      result.bucketBars = k;
      result.bucketMs = 0;
      for (let a = Math.floor(start / k) * k; a < end; a += k) {
        this.bucket(time, a, Math.min(a + k, length), highPyramid, lowPyramid, volumeSums);
      }
      return result;
    } finally {
      this.open = this.high = this.low = this.close = EMPTY;
    }
  }

  /** log2 of the bucket size for an ideal of `ideal` bars per candle, with hysteresis. */
  private chooseExponent(ideal: number): number {
    const previous = this.exponent;
    if (previous >= 0) {
      const keepsUp = ideal <= 2 ** previous * SLACK;
      const keepsDown = previous === 0 || ideal > 2 ** (previous - 1) / SLACK;
      if (keepsUp && keepsDown) return previous;
    }
    const fresh = ideal > 1 ? Math.ceil(Math.log2(ideal)) : 0;
    this.exponent = fresh;
    return fresh;
  }

  /** Merges the bars [a, b) into one candle, or none when no bar is complete. */
  private bucket(time: ArrayLike<number>, a: number, b: number, highPyramid: MinMaxPyramid, lowPyramid: MinMaxPyramid, volumeSums: PrefixSum | null): void {
    const pair = this.pair;
    const maxIndex = highPyramid.rangeMinMax(a, b, pair)[1]!;
    if (maxIndex === NO_INDEX) return; // no finite high, so no complete bar
    const minIndex = lowPyramid.rangeMinMax(a, b, pair)[0]!;
    if (minIndex === NO_INDEX) return;
    const first = this.firstValid(a, b, highPyramid);
    if (first < 0) return;
    const last = this.lastValid(first, b, highPyramid);
    let high: number;
    let low: number;
    if (this.valid(maxIndex) && this.valid(minIndex)) {
      high = this.high[maxIndex]!;
      low = this.low[minIndex]!;
    } else {
      // An extreme sits on a malformed bar (some prices NaN), which must not count: scan.
      high = -Infinity;
      low = Infinity;
      for (let i = first; i <= last; i++) {
        if (!this.valid(i)) continue;
        if (this.high[i]! > high) high = this.high[i]!;
        if (this.low[i]! < low) low = this.low[i]!;
      }
    }
    const volume = volumeSums && volumeSums.count(a, b) > 0 ? volumeSums.sum(a, b) : NaN;
    this.emit(time[a]!, this.open[first]!, high, low, this.close[last]!, volume, first, last);
  }

  /** A bar is drawn only when all four prices are numbers. */
  private valid(i: number): boolean {
    const o = this.open[i]!;
    const h = this.high[i]!;
    const l = this.low[i]!;
    const c = this.close[i]!;
    return o === o && h === h && l === l && c === c;
  }

  /** First complete bar in [a, b), or -1. Runs of NaN highs (gap rows) are skipped via the pyramid. */
  private firstValid(a: number, b: number, pyramid: MinMaxPyramid): number {
    const high = this.high;
    let i = a;
    while (i < b) {
      if (this.valid(i)) return i;
      i = high[i] === high[i] ? i + 1 : this.nextFinite(pyramid, i + 1, b);
    }
    return -1;
  }

  /** Last complete bar in [from, b), or -1. */
  private lastValid(from: number, b: number, pyramid: MinMaxPyramid): number {
    const high = this.high;
    let i = b - 1;
    while (i >= from) {
      if (this.valid(i)) return i;
      i = high[i] === high[i] ? i - 1 : this.previousFinite(pyramid, from, i);
    }
    return -1;
  }

  /** First index in [from, end) whose value is finite, or `end`: galloping, then bisecting. */
  private nextFinite(pyramid: MinMaxPyramid, from: number, end: number): number {
    let lo = from; // [from, lo) holds no finite value
    let step = 1;
    while (lo < end) {
      let hi = Math.min(end, lo + step);
      if (this.hasFinite(pyramid, lo, hi)) {
        while (hi - lo > 1) {
          const mid = (lo + hi) >>> 1;
          if (this.hasFinite(pyramid, lo, mid)) hi = mid;
          else lo = mid;
        }
        return lo;
      }
      lo = hi;
      step *= 2;
    }
    return end;
  }

  /** Last index in [from, end) whose value is finite, or from − 1. */
  private previousFinite(pyramid: MinMaxPyramid, from: number, end: number): number {
    let hi = end; // [hi, end) holds no finite value
    let step = 1;
    while (hi > from) {
      let lo = Math.max(from, hi - step);
      if (this.hasFinite(pyramid, lo, hi)) {
        while (hi - lo > 1) {
          const mid = (lo + hi) >>> 1;
          if (this.hasFinite(pyramid, mid, hi)) lo = mid;
          else hi = mid;
        }
        return lo;
      }
      hi = lo;
      step *= 2;
    }
    return from - 1;
  }

  private hasFinite(pyramid: MinMaxPyramid, start: number, end: number): boolean {
    return pyramid.rangeMinMax(start, end, this.probe)[0] !== NO_INDEX;
  }

  private emit(t: number, open: number, high: number, low: number, close: number, volume: number, first: number, last: number): void {
    const r = this.result;
    if (r.count === r.time.length) this.grow();
    const n = r.count++;
    r.time[n] = t;
    r.open[n] = open;
    r.high[n] = high;
    r.low[n] = low;
    r.close[n] = close;
    r.volume[n] = volume;
    r.firstIndex[n] = first;
    r.lastIndex[n] = last;
  }

  private grow(): void {
    const r = this.result;
    const size = r.time.length * 2;
    r.time = resized(r.time, size);
    r.open = resized(r.open, size);
    r.high = resized(r.high, size);
    r.low = resized(r.low, size);
    r.close = resized(r.close, size);
    r.volume = resized(r.volume, size);
    r.firstIndex = resized(r.firstIndex, size);
    r.lastIndex = resized(r.lastIndex, size);
  }
}

/** Start of the grid cell of length `duration` holding t, exact even where t / duration rounds. */
function gridStart(t: number, duration: number): number {
  let start = Math.floor(t / duration) * duration;
  if (start > t) start -= duration;
  else if (start + duration <= t) start += duration;
  return start;
}
