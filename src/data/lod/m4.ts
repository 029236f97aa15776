import { NO_INDEX, resolvePyramid, type PyramidSource } from './minmax-pyramid.js';
import { lowerBound, upperBound } from './search.js';

/** Marks a break in the line (a gap) in an index list. */
export const GAP = NO_INDEX;

export type LodMode = 'raw' | 'm4';

export interface LodResult {
  /** Indices into the series, ascending, with GAP where the line breaks. Valid up to `count`. */
  indices: Uint32Array;
  /**
   * For M4 output, the pixel column of each index (-1 for the neighbours outside the window and
   * for raw output). Drawing a column's points at the column's centre makes an antialiased 1 px
   * line cover whole pixel columns, as the dense full drawing does; at their exact sub-pixel x the
   * few M4 segments would leave lighter, stripy columns.
   */
  columns: Int32Array;
  count: number;
  mode: LodMode;
  /** Points of the series inside the time window (what a full drawing would draw). */
  visiblePoints: number;
}

/**
 * Range of indices worth drawing for the window [t0, t1]: every point inside it plus one neighbour
 * on each side, so that lines run to the edge of the plot instead of stopping at the last point.
 */
export function visibleRange(time: ArrayLike<number>, length: number, t0: number, t1: number): [number, number] {
  const first = lowerBound(time, length, t0);
  const end = upperBound(time, length, t1, first);
  return [Math.max(0, first - 1), Math.min(length, end + 1)];
}

/**
 * M4 decimation: for each of `columns` pixel columns of the window [t0, t1], keep the first, the
 * minimum, the maximum and the last point (in index order). Drawn as a polyline this rasterizes to
 * the same pixels as the full series (Jugel et al., "M4", VLDB 2014), with at most 4 points per
 * column. The min/max come from the pyramid, so a frame costs O(columns × log N), not O(N).
 *
 * When the window holds no more than 4 points per column the raw points are returned instead:
 * that is never more work and always exact.
 *
 * With `logX` (a log10 x axis, t0 > 0) the columns are uniform in log10(x), as pixel columns are.
 */
export class M4Decimator {
  private out = new Uint32Array(1024);
  private columnOut = new Int32Array(1024);
  private readonly pair = new Uint32Array(2);

  decimate(
    time: ArrayLike<number>,
    values: ArrayLike<number>,
    length: number,
    pyramidSource: PyramidSource,
    t0: number,
    t1: number,
    columns: number,
    logX = false,
  ): LodResult {
    const [start, end] = visibleRange(time, length, t0, t1);
    const inside = Math.max(0, Math.min(end, upperBound(time, length, t1, start)) - lowerBound(time, length, t0, start));
    columns = Math.max(1, Math.floor(columns));
    if (end - start <= columns * 4) return this.raw(values, start, end, inside);
    // Only now: a window drawn raw needs no pyramid (building one reads the whole column).
    const pyramid = resolvePyramid(pyramidSource);

    this.reserve(columns * 4 + 8);
    const out = this.out;
    const columnOut = this.columnOut;
    let n = 0;
    let column = -1;
    const pushGap = () => {
      if (n > 0 && out[n - 1] !== GAP) {
        columnOut[n] = -1;
        out[n++] = GAP;
      }
    };
    const pushIndex = (i: number) => {
      if (values[i] !== values[i]) pushGap();
      else {
        columnOut[n] = column;
        out[n++] = i;
      }
    };

    // The neighbour before the window, so the line enters from the left edge.
    column = -1;
    const firstInside = lowerBound(time, length, t0, start);
    if (firstInside > start) pushIndex(start);

    const log = logX && t0 > 0 && t1 > t0;
    const origin = log ? Math.log10(t0) : t0;
    const span = (log ? Math.log10(t1) : t1) - origin;
    let a = firstInside;
    for (let c = 0; c < columns && a < end; c++) {
      column = c;
      // Column c holds times in [t0 + c·span/columns, t0 + (c+1)·span/columns) (log10 x on a log
      // axis); the last column is closed so that a point exactly at t1 is kept.
      const edge = origin + ((c + 1) * span) / columns;
      const b = c === columns - 1 ? upperBound(time, length, t1, a) : lowerBound(time, length, log ? 10 ** edge : edge, a);
      if (b <= a) continue;
      if (b - a <= 4) {
        for (let i = a; i < b; i++) pushIndex(i);
      } else {
        // Indexed, not destructured: destructuring a typed array runs its iterator, per column.
        const pair = pyramid.rangeMinMax(a, b, this.pair);
        const minIndex = pair[0]!;
        const maxIndex = pair[1]!;
        if (minIndex === NO_INDEX) pushGap();
        else {
          // First and last only when finite: a NaN inside a column is narrower than a pixel. In
          // index order (first ≤ min, max ≤ last: only min and max need ordering, no sort), each once.
          const lowIndex = minIndex < maxIndex ? minIndex : maxIndex;
          const highIndex = minIndex < maxIndex ? maxIndex : minIndex;
          let previous = -1;
          if (values[a] === values[a]) {
            columnOut[n] = c;
            out[n++] = previous = a;
          }
          if (lowIndex !== previous) {
            columnOut[n] = c;
            out[n++] = previous = lowIndex;
          }
          if (highIndex !== previous) {
            columnOut[n] = c;
            out[n++] = previous = highIndex;
          }
          if (b - 1 !== previous && values[b - 1] === values[b - 1]) {
            columnOut[n] = c;
            out[n++] = b - 1;
          }
        }
      }
      a = b;
    }
    // The neighbour after the window.
    column = -1;
    if (a < end) pushIndex(end - 1);
    return { indices: out, columns: columnOut, count: n, mode: 'm4', visiblePoints: inside };
  }

  private raw(values: ArrayLike<number>, start: number, end: number, inside: number): LodResult {
    this.reserve(end - start + 1);
    const out = this.out;
    let n = 0;
    for (let i = start; i < end; i++) {
      if (values[i] !== values[i]) {
        if (n > 0 && out[n - 1] !== GAP) out[n++] = GAP;
      } else out[n++] = i;
    }
    this.columnOut.fill(-1, 0, n);
    return { indices: out, columns: this.columnOut, count: n, mode: 'raw', visiblePoints: inside };
  }

  private reserve(size: number): void {
    if (this.out.length < size) {
      this.out = new Uint32Array(Math.max(size, this.out.length * 2));
      this.columnOut = new Int32Array(this.out.length);
    }
  }
}
