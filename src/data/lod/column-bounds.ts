import { lowerBound, lowerBoundNear, upperBound } from './search.js';
import { visibleRange } from './m4.js';

/**
 * Where each M4 pixel column of the window [t0, t1] starts and ends in the data: the part of M4
 * that needs the float64 time column (binary searches, O(columns × log N)). The reduction over
 * the values (first, min, max, last per column) is then independent per column, which is what
 * lets the GPU do it (shaders/m4.wgsl) while the CPU only sends these bounds.
 *
 * The columns are exactly M4Decimator's: column c holds the rows [bounds[c], bounds[c + 1]),
 * uniform in x (or log10 x), the last one closed at t1.
 */
export interface ColumnBounds {
  /** columns + 1 row indices, ascending. */
  bounds: Uint32Array;
  columns: number;
  /** The rows worth drawing: the window plus one neighbour each side (see visibleRange). */
  start: number;
  end: number;
  /** The neighbour before the window (start), when there is one. */
  hasBefore: boolean;
  /** The neighbour after the window (end − 1), when there is one. */
  hasAfter: boolean;
  /** Rows inside [t0, t1]. */
  inside: number;
}

/** Computes the bounds into `out` (grown when too small; pass the previous result's array to reuse it). */
export function columnBounds(
  time: ArrayLike<number>,
  length: number,
  t0: number,
  t1: number,
  columns: number,
  logX = false,
  out: Uint32Array = new Uint32Array(0),
): ColumnBounds {
  columns = Math.max(1, Math.floor(columns));
  const bounds = out.length >= columns + 1 ? out : new Uint32Array(columns + 1);
  const [start, end] = visibleRange(time, length, t0, t1);
  const firstInside = lowerBound(time, length, t0, start);
  const inside = Math.max(0, Math.min(end, upperBound(time, length, t1, start)) - firstInside);
  const log = logX && t0 > 0 && t1 > t0;
  const origin = log ? Math.log10(t0) : t0;
  const span = (log ? Math.log10(t1) : t1) - origin;
  let a = firstInside;
  bounds[0] = a;
  // Rows per column if they were spread evenly: where each search starts galloping.
  const step = Math.max(1, (end - firstInside) / columns);
  for (let c = 0; c < columns; c++) {
    if (a < end) {
      // The same edges as M4Decimator.decimate, so both paths pick the same rows.
      const edge = origin + ((c + 1) * span) / columns;
      const b = c === columns - 1 ? upperBound(time, length, t1, a) : lowerBoundNear(time, length, log ? 10 ** edge : edge, a, step);
      if (b > a) a = b;
    }
    bounds[c + 1] = a;
  }
  return { bounds, columns, start, end, hasBefore: firstInside > start, hasAfter: a < end, inside };
}

/** The last column holding rows, or -1. */
export function lastFilledColumn(result: ColumnBounds): number {
  const { bounds, columns } = result;
  for (let c = columns - 1; c >= 0; c--) if (bounds[c + 1]! > bounds[c]!) return c;
  return -1;
}
