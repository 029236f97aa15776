import type { Bounds3 } from './world.js';

/**
 * Level of detail of point clouds while the camera moves (progressive refinement, as in point-cloud
 * viewers such as Potree): the points are put once per data version into an order in which every
 * prefix is a spatially even sample of the whole cloud. A moving frame draws a prefix (a fixed
 * budget), the settled frame draws all of them; both draw from the same uploaded buffers, so
 * switching costs no upload.
 *
 * The order: first the points holding the extremes of each axis (the box the cloud spans), then,
 * for octree levels of LEVELS[0], LEVELS[1], … cells per axis, one point per cell not yet holding
 * a chosen point, then the rest. A lone outlier sits in a cell of its own at a coarse level, so it
 * is in every prefix past that level: the decimation keeps the shape and the outliers, and thins
 * only where points crowd. Within a level the points are visited in a scrambled order (a stride
 * coprime with the count), so that a prefix cut in the middle of a level is still spread over the
 * whole cloud rather than over the first rows of the data.
 */
export interface PointsOrder {
  /** order[k]: the index (in the data) of the k-th point drawn. */
  order: Uint32Array;
  /** Points in the order after each level (the extremes first, then each of LEVELS). */
  levelEnds: number[];
}

/** Cells per axis of the octree levels. */
export const LEVELS: readonly number[] = [4, 8, 16, 32, 64, 128];

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** A stride near n × 0.618… coprime with n: i → (i × stride) mod n visits every index once, scattered. */
export function scatterStride(n: number): number {
  if (n <= 2) return 1;
  let s = Math.max(1, Math.round(n * 0.6180339887)) % n || 1;
  while (gcd(s, n) !== 1) s = (s + 1) % n || 1;
  return s;
}

/**
 * The progressive order of `count` points (columns x, y, z; `bounds` their ranges). Runs in
 * O(count × LEVELS.length), once per data version (about 40 ms for a million points).
 */
export function progressiveOrder(x: ArrayLike<number>, y: ArrayLike<number>, z: ArrayLike<number>, count: number, bounds: Bounds3): PointsOrder {
  const order = new Uint32Array(count);
  const taken = new Uint8Array(count);
  const levelEnds: number[] = [];
  let n = 0;
  const take = (i: number): void => {
    if (taken[i]) return;
    taken[i] = 1;
    order[n++] = i;
  };
  // The extremes along each axis.
  if (count > 0) {
    const ext = [0, 0, 0, 0, 0, 0];
    const cols = [x, y, z];
    for (let i = 1; i < count; i++) {
      for (let a = 0; a < 3; a++) {
        const v = cols[a]![i]!;
        if (v < cols[a]![ext[a * 2]!]!) ext[a * 2] = i;
        if (v > cols[a]![ext[a * 2 + 1]!]!) ext[a * 2 + 1] = i;
      }
    }
    for (const i of ext) take(i);
  }
  levelEnds.push(n);
  // Finest cell of each point (7 bits per axis at 128 cells): coarser levels shift it.
  const finest = LEVELS[LEVELS.length - 1]!;
  const bits = Math.log2(finest);
  const cell = new Uint32Array(count);
  const axis = (v: number, [lo, hi]: [number, number]): number => {
    const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    return Math.min(finest - 1, Math.max(0, Math.floor(t * finest)));
  };
  for (let i = 0; i < count; i++) cell[i] = (axis(x[i]!, bounds.x) << (2 * bits)) | (axis(y[i]!, bounds.y) << bits) | axis(z[i]!, bounds.z);
  const stride = scatterStride(count);
  for (const cells of LEVELS) {
    const shift = bits - Math.log2(cells);
    const mask = (1 << (bits - shift)) - 1;
    const key = (c: number): number => {
      const cx = (c >>> (2 * bits + shift)) & mask;
      const cy = (c >>> (bits + shift)) & mask;
      const cz = (c >>> shift) & mask;
      return (cx * cells + cy) * cells + cz;
    };
    const occupied = new Uint8Array(cells * cells * cells);
    for (let k = 0; k < n; k++) occupied[key(cell[order[k]!]!)] = 1;
    for (let j = 0, i = 0; j < count; j++, i = (i + stride) % count) {
      if (taken[i]) continue;
      const k = key(cell[i]!);
      if (occupied[k]) continue;
      occupied[k] = 1;
      take(i);
    }
    levelEnds.push(n);
  }
  for (let j = 0, i = 0; j < count; j++, i = (i + stride) % count) take(i);
  return { order, levelEnds };
}

/** Points a moving frame draws at most (a prefix of the progressive order). */
export const MOVING_POINTS = 30_000;

/** Points drawn this frame: all when settled (or few), else the moving budget. */
export function pointsToDraw(count: number, moving: boolean, budget = MOVING_POINTS): number {
  return moving && count > budget ? budget : count;
}
