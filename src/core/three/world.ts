import { BOX_HEIGHT } from './camera.js';

/** Data ranges along the three axes: [min, max] each. */
export interface Bounds3 {
  x: [number, number];
  y: [number, number];
  z: [number, number];
}

export function emptyBounds(): Bounds3 {
  return { x: [Infinity, -Infinity], y: [Infinity, -Infinity], z: [Infinity, -Infinity] };
}

/** Half-extents of the world box along x, y, z. */
export const BOX: readonly [number, number, number] = [1, 1, BOX_HEIGHT];

/**
 * Data → world, per axis: world = value × scale + offset, so that each axis' range fills the box
 * ([-1, 1] for x and y, [-BOX_HEIGHT, BOX_HEIGHT] for z). An empty or flat range gets a unit span
 * around its value so that a plane still draws (in the middle of the box).
 */
export interface WorldMap {
  /** The ranges the box shows (after widening flat ones). */
  range: Bounds3;
  scale: [number, number, number];
  offset: [number, number, number];
}

function axisRange([lo, hi]: [number, number]): [number, number] {
  if (!(lo <= hi) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (lo === hi) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.5 : 0.5;
    return [lo - pad, hi + pad];
  }
  return [lo, hi];
}

export function worldMap(bounds: Bounds3): WorldMap {
  const range: Bounds3 = { x: axisRange(bounds.x), y: axisRange(bounds.y), z: axisRange(bounds.z) };
  const scale: [number, number, number] = [0, 0, 0];
  const offset: [number, number, number] = [0, 0, 0];
  (['x', 'y', 'z'] as const).forEach((axis, i) => {
    const [lo, hi] = range[axis];
    scale[i] = (2 * BOX[i]!) / (hi - lo);
    offset[i] = -BOX[i]! - lo * scale[i]!;
  });
  return { range, scale, offset };
}

/** The data value at world coordinate `w` along axis i (0 x, 1 y, 2 z). */
export function toData(map: WorldMap, i: number, w: number): number {
  return (w - map.offset[i]!) / map.scale[i]!;
}
