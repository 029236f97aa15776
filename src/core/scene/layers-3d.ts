
/**
 * Scene layers of 3D charts. Geometry is in WORLD space (the chart's box: x, y in [-1, 1], z in
 * [-BOX_HEIGHT, BOX_HEIGHT]), computed once per data version; `viewProj` maps world to the pane's
 * clip space (WebGPU's: z in [0, 1]) and is all that a rotation, zoom or pan changes. Renderers keep
 * what they uploaded while `dataKey` and `count` stay the same (see PrimitiveKind.uploadKey), so
 * rotating a 1000×1000 surface or a million points uploads one uniform per layer.
 *
 * Lighting is the same in both renderers (see `shade`): ambient plus two-sided Lambert from the
 * `light` direction, a headlight that moves with the camera.
 */
/** Straight RGBA 0..1 (frame-scene's Rgba; repeated so that this file imports nothing). */
type Rgba = readonly [number, number, number, number];

/** Where a layer is drawn (frame-scene's LayerPlacement): its pane, device px. */
interface LayerPlacement {
  pane?: { x: number; y: number; width: number; height: number };
  /** Custom WGSL hooks colour 2D series only (see frame-scene's LayerPlacement). */
  shaderHook?: undefined;
}

export interface Layer3dCamera {
  /** World → pane clip space, column-major (16 floats). */
  viewProj: Float32Array;
  /** Unit direction towards the light, world space. */
  light: readonly [number, number, number];
}

/**
 * A surface z = f(x, y) on a grid: `heights` row-major (`heights[r * cols + c]`), data units;
 * vertex (r, c) sits at world (xs[c], ys[r], heights[r * cols + c] × zScale + zOffset). Coloured
 * through `lut` by height (`min` → entry 0, `max` → 255), lit per vertex normal. `stride` > 1 draws
 * every stride-th row and column (level of detail; the last row and column always). Optional
 * wireframe (the drawn grid's lines) and `contours` iso-height lines evenly spaced over [min, max].
 */
export interface Surface3dLayer extends LayerPlacement {
  kind: 'surface3d';
  id: string;
  /** 1 when there is something to draw, else 0. */
  count: number;
  camera: Layer3dCamera;
  heights: Float32Array;
  cols: number;
  rows: number;
  /** World x of each column, world y of each row. */
  xs: Float32Array;
  ys: Float32Array;
  zScale: number;
  zOffset: number;
  min: number;
  max: number;
  /** 256 RGBA8 entries; `lutKey` names them. */
  lut: Uint8Array;
  lutKey: string;
  stride: number;
  /** Colour of the wireframe, or null for none. */
  wireframe: Rgba | null;
  /** Number of contour levels (0: none) and their colour. */
  contours: number;
  contourColor: Rgba;
  /** Changes whenever heights, xs or ys change (nextMarkersKey()). */
  dataKey: number;
  /**
   * The camera is moving (and the level of detail is not 'off'): a renderer may draw less detail
   * than `stride` asks for, chosen from its own frame time (the Canvas2D path does; see
   * core/scene/detail-budget.ts). Absent or false: full detail.
   */
  moving?: boolean;
  /**
   * A streaming surface: `heights` is this ring of `capacity` columns of `rows` heights each,
   * column-major, shown column c at physical column (offset + c) % capacity (read through
   * `surfaceHeightIndex`); `cols` ≤ capacity are shown. `dataKey` then changes with every append
   * (xs move), the heights only where the ring says: a renderer holding version v of the ring
   * (same `id`) writes just `changesSince(v)`. Absent or null: `heights` is row-major.
   */
  ring?: HeightRing | null;
}

/** What a surface layer reads of a streaming surface's ring (core/three/surface-ring.ts). */
export interface HeightRing {
  readonly id: number;
  readonly version: number;
  readonly capacity: number;
  readonly offset: number;
  /** Physical column ranges [start, count] written since `version` ([]: none; null: everything). */
  changesSince(version: number): [number, number][] | null;
}

/** Index in `heights` of row r, shown column c (row-major, or the ring's column-major layout). */
export function surfaceHeightIndex(layer: Pick<Surface3dLayer, 'cols' | 'rows' | 'ring'>, r: number, c: number): number {
  const ring = layer.ring;
  return ring ? ((ring.offset + c) % ring.capacity) * layer.rows + r : r * layer.cols + c;
}

/** Floats per point in Points3dLayer.data: world x, y, z, diameter (device px). */
export const POINT3D_STRIDE = 4;

/** Points (a point cloud), each a disc facing the camera with its own diameter and colour. */
export interface Points3dLayer extends LayerPlacement {
  kind: 'points3d';
  id: string;
  count: number;
  camera: Layer3dCamera;
  /** x, y, z (world), diameter (device px) per point. */
  data: Float32Array;
  /** Straight RGBA8 per point (r | g << 8 | b << 16 | a << 24). */
  colors: Uint32Array;
  dataKey: number;
  /**
   * Points drawn this frame, the first `drawCount` of `count` (level of detail while the camera
   * moves: the data is in progressive order, so a prefix is an even sample; see
   * core/three/points-lod.ts). Absent: all `count`. Renderers keep the upload while only this changes.
   */
  drawCount?: number;
  /**
   * The camera is moving (and the level of detail is not 'off'): a renderer may draw a prefix
   * shorter or longer than `drawCount`, chosen from its own frame time (Canvas2D; see
   * core/scene/detail-budget.ts). Absent or false: `drawCount` (all of them once settled).
   */
  moving?: boolean;
  /** The data index of element k (the progressive order), for picking; absent: k itself. */
  ids?: Uint32Array;
  /**
   * Set when this version differs from version `dataKey` only by elements appended from `from` on
   * (`append()` on a points3d chart): a renderer holding that version uploads only the new ones.
   */
  appendFrom?: { from: number; dataKey: number };
}

/** Floats per bar in Bars3dLayer.data: world x, y of its centre, z of its base and top. */
export const BAR3D_STRIDE = 4;

/** Bars (columns standing on the floor of the box), lit per face. */
export interface Bars3dLayer extends LayerPlacement {
  kind: 'bars3d';
  id: string;
  count: number;
  camera: Layer3dCamera;
  data: Float32Array;
  colors: Uint32Array;
  /** Half the bar's footprint along x and y, world units. */
  halfWidth: readonly [number, number];
  dataKey: number;
}

/** Line segments in world space (the axes box, ticks, grid planes), depth-tested. */
export interface Lines3dLayer extends LayerPlacement {
  kind: 'lines3d';
  id: string;
  /** Segments in use; `points` holds 6 floats (x0, y0, z0, x1, y1, z1) per segment. */
  count: number;
  camera: Layer3dCamera;
  points: Float32Array;
  color: Rgba;
  /** Width in device px. */
  width: number;
  dataKey: number;
}

export type Layer3d = Surface3dLayer | Points3dLayer | Bars3dLayer | Lines3dLayer;

/** Ambient share of the lighting; the rest is two-sided Lambert. */
export const AMBIENT = 0.38;

/** The lighting factor both renderers apply to a colour: ambient + (1 − ambient)·|n·l|. */
export function shade(nx: number, ny: number, nz: number, light: readonly [number, number, number]): number {
  const len = Math.hypot(nx, ny, nz) || 1;
  const d = Math.abs((nx * light[0] + ny * light[1] + nz * light[2]) / len);
  return AMBIENT + (1 - AMBIENT) * d;
}
