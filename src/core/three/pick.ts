import type { Mat4 } from './mat4.js';

/** A hit of 3D picking: the element's index, its pane px position and depth (0 near … 1 far). */
export interface Pick3dHit {
  index: number;
  x: number;
  y: number;
  depth: number;
  /** Screen distance from the pointer, px. */
  distance: number;
}

/**
 * The front-most of the world points within `radius` px of the pointer (px, py) once projected
 * by `viewProj` into a pane `width` × `height`; among points at nearly the same depth the nearer
 * to the pointer wins. `at(i, out)` writes point i's world x, y, z into out[0..2]. `step` skips
 * points (level of detail, ≥ 1). Returns null when nothing is within reach.
 *
 * Depth first, then distance: the point the user sees under the pointer is the one in front, not
 * one behind it that happens to project a pixel closer.
 */
export function pickNearest(
  count: number,
  at: (i: number, out: number[]) => void,
  viewProj: Mat4 | Float32Array,
  width: number,
  height: number,
  px: number,
  py: number,
  radius: number,
  step = 1,
): Pick3dHit | null {
  const m = viewProj;
  const p = [0, 0, 0];
  let best: Pick3dHit | null = null;
  const r2 = radius * radius;
  for (let i = 0; i < count; i += step) {
    at(i, p);
    const x = p[0]!;
    const y = p[1]!;
    const z = p[2]!;
    const w = m[3]! * x + m[7]! * y + m[11]! * z + m[15]!;
    if (!(w > 1e-9)) continue;
    const sx = (((m[0]! * x + m[4]! * y + m[8]! * z + m[12]!) / w + 1) / 2) * width;
    const sy = ((1 - (m[1]! * x + m[5]! * y + m[9]! * z + m[13]!) / w) / 2) * height;
    const dx = sx - px;
    const dy = sy - py;
    const d2 = dx * dx + dy * dy;
    if (d2 > r2) continue;
    const depth = (m[2]! * x + m[6]! * y + m[10]! * z + m[14]!) / w;
    if (depth < 0 || depth > 1) continue;
    const distance = Math.sqrt(d2);
    // A clearly nearer point wins; at about the same depth, the one closer to the pointer.
    if (!best || depth < best.depth - 1e-3 || (Math.abs(depth - best.depth) <= 1e-3 && distance < best.distance)) best = { index: i, x: sx, y: sy, depth, distance };
  }
  return best;
}

/** Picking a grid: the stride that keeps at most `maxVertices` vertices checked per hover. */
export function pickStride(rows: number, cols: number, maxVertices = 250_000): number {
  return Math.max(1, Math.ceil(Math.sqrt((rows * cols) / maxVertices)));
}

// GPU picking's read-back maths lives with the scene contract (renderers may import only core/scene).
export { nearestIdPixel, type IdPixel } from '../scene/id-pixels.js';
