import { isGapY } from './frame-scene.js';

/** The run is joined to the previous run's last point by a segment (no gap between them). */
export const RUN_JOINED = 1;
/** The run has more than one point: it is drawn as one vertical segment from `lo` to `hi`. */
export const RUN_SPAN = 2;

/**
 * A level-of-detail polyline as runs: the points sharing one x (M4 puts a pixel column's first,
 * min, max and last points at the column's centre), each run drawn as one vertical segment from
 * its lowest to its highest point, and consecutive runs joined by a segment from the last point
 * of one to the first point of the next. Gap points (GAP_Y) end a run and leave the next one
 * unjoined. Struct of arrays, reused from frame to frame (`findPolylineRuns(…, into)`); f32 like
 * the scene's points they are read from (a line layer's points are a Float32Array), so nothing is
 * rounded and a chart of five splatted lines keeps half the bytes.
 */
export class PolylineRuns {
  count = 0;
  x = new Float32Array(0);
  lo = new Float32Array(0);
  hi = new Float32Array(0);
  first = new Float32Array(0);
  last = new Float32Array(0);
  /** RUN_JOINED | RUN_SPAN bits. */
  flags = new Uint8Array(0);

  /** Room for `n` runs (contents are not kept). */
  reserve(n: number): void {
    if (this.x.length >= n) return;
    const capacity = Math.max(n, Math.ceil(this.x.length * 1.5), 256);
    this.x = new Float32Array(capacity);
    this.lo = new Float32Array(capacity);
    this.hi = new Float32Array(capacity);
    this.first = new Float32Array(capacity);
    this.last = new Float32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }
}

/** The runs of `count` (x, y) points (see PolylineRuns), written into `into`. */
export function findPolylineRuns(points: ArrayLike<number>, count: number, into: PolylineRuns = new PolylineRuns()): PolylineRuns {
  into.reserve(count);
  let runs = 0;
  let joined = false;
  let i = 0;
  while (i < count) {
    const x = points[i * 2]!;
    const y = points[i * 2 + 1]!;
    if (isGapY(y)) {
      joined = false;
      i++;
      continue;
    }
    let lo = y;
    let hi = y;
    let j = i + 1;
    while (j < count && points[j * 2] === x) {
      const yj = points[j * 2 + 1]!;
      if (isGapY(yj)) break;
      if (yj < lo) lo = yj;
      else if (yj > hi) hi = yj;
      j++;
    }
    into.x[runs] = x;
    into.lo[runs] = lo;
    into.hi[runs] = hi;
    into.first[runs] = y;
    into.last[runs] = points[(j - 1) * 2 + 1]!;
    into.flags[runs] = (joined ? RUN_JOINED : 0) | (j - i > 1 ? RUN_SPAN : 0);
    runs++;
    joined = true;
    i = j;
  }
  into.count = runs;
  return into;
}

/**
 * Emits the segments of runs [start, end): for each run, the joining segment from the previous
 * run's last point (when joined), then its vertical span (when it has more than one point). The
 * segments of consecutive ranges concatenate to those of the whole, and a range's first segment
 * starts where the previous range's last one ended (the shared endpoint): stroking pieces one by
 * one covers the same union of square-capped segments as one path.
 */
export function runSegments(runs: PolylineRuns, start: number, end: number, emit: (ax: number, ay: number, bx: number, by: number) => void): void {
  const { x, lo, hi, first, last, flags } = runs;
  for (let r = start; r < end; r++) {
    const f = flags[r]!;
    if (f & RUN_JOINED) emit(x[r - 1]!, last[r - 1]!, x[r]!, first[r]!);
    if (f & RUN_SPAN) emit(x[r]!, lo[r]!, x[r]!, hi[r]!);
  }
}

/** The widest step (device px) between joined runs of a line that counts as dense. */
export const DENSE_MAX_STEP = 3;

/**
 * Whether a line is dense: its runs left to right (x never decreasing, across gaps too), each at
 * most DENSE_MAX_STEP px after the one it joins (level of detail leaves one run per pixel column).
 * Then every segment is a vertical span or a join a few pixels wide, whose boxes stay small however
 * steep, and the runs near any x are found by bisection (what core/scene/line-splat.ts and its
 * strips rely on); a line with long segments in both directions is not dense.
 */
export function isDenseRuns(runs: PolylineRuns): boolean {
  if (runs.count < 16) return false;
  const { x, flags } = runs;
  for (let r = 1; r < runs.count; r++) {
    const step = x[r]! - x[r - 1]!;
    if (!(step >= 0)) return false;
    if (step > DENSE_MAX_STEP && (flags[r]! & RUN_JOINED) !== 0) return false;
  }
  return true;
}

/** The first run at or after x (runs in x order, as in a dense line), by bisection. */
export function firstRunAtOrAfter(runs: PolylineRuns, x: number): number {
  let lo = 0;
  let hi = runs.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (runs.x[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Runs per piece when an opaque polyline is stroked piece by piece. Skia's stroke of one path
 * costs more than the sum of its parts' (its rasterization grows faster than the path: a dense
 * line's thousands of overlapping square-capped subpaths), so a 1,130-column line is stroked
 * ~42 % faster in pieces of 32 runs than as one path (bench/canvas2d-line-raster.mjs); smaller
 * pieces gain little more and cost a stroke call each.
 */
export const RUNS_PER_PIECE = 32;

/**
 * Where the pieces of `runCount` runs start, and the end: [0, size, 2 × size, …, runCount]. A
 * size ≤ 0 or not finite gives one piece.
 */
export function pieceBounds(runCount: number, size: number): number[] {
  const bounds = [0];
  if (size > 0 && Number.isFinite(size)) for (let at = size; at < runCount; at += size) bounds.push(at);
  if (runCount > 0) bounds.push(runCount);
  return bounds;
}
