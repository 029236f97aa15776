import { nextMarkersKey, type Rgba } from '../../core/scene/frame-scene.js';
import { gridHeight, type Grid3d } from '../../core/three/data-3d.js';
import type { Surface3dLayer } from '../../core/scene/layers-3d.js';
import { pickNearest, pickStride } from '../../core/three/pick.js';
import type { WorldMap } from '../../core/three/world.js';
import { ColormapCache } from '../shared/colormap-cache.js';
import type { Series3dContext } from '../shared/series-3d.js';
import type { SeriesModule } from '../series-type.js';

/** World coordinates of a grid's columns and rows, kept while the grid and the map stay the same. */
export interface GridWorld {
  grid: Grid3d | null;
  /** The grid's ring version when computed (a streaming grid's columns move per append). */
  version: number;
  scale: number[];
  offset: number[];
  /** Room for every column of the window; `xs` is its first `cols`. */
  xsStore: Float32Array;
  xs: Float32Array;
  ys: Float32Array;
  key: number;
}

export function gridWorld(cache: GridWorld, grid: Grid3d, map: WorldMap): GridWorld {
  const version = grid.ring?.version ?? 0;
  if (cache.grid === grid && cache.version === version && cache.scale.every((s, i) => s === map.scale[i]) && cache.offset.every((o, i) => o === map.offset[i])) return cache;
  cache.grid = grid;
  cache.version = version;
  cache.scale = [...map.scale];
  cache.offset = [...map.offset];
  // A streaming grid refills its arrays in place (sized for the whole window): no garbage per append.
  const capacity = grid.ring?.capacity ?? grid.xs.length;
  if (cache.xsStore.length !== capacity) cache.xsStore = new Float32Array(capacity);
  const xs = (cache.xs = cache.xsStore.subarray(0, grid.xs.length));
  for (let i = 0; i < xs.length; i++) xs[i] = grid.xs[i]! * map.scale[0] + map.offset[0];
  if (cache.ys.length !== grid.ys.length) cache.ys = new Float32Array(grid.ys.length);
  for (let r = 0; r < grid.ys.length; r++) cache.ys[r] = grid.ys[r]! * map.scale[1] + map.offset[1];
  cache.key = nextMarkersKey();
  return cache;
}

export function emptyGridWorld(): GridWorld {
  return { grid: null, version: 0, scale: [], offset: [], xsStore: new Float32Array(0), xs: new Float32Array(0), ys: new Float32Array(0), key: 0 };
}

/** The colour range of heights: the series' fixed ends where given, else the grid's. */
export function heightRange(series: Series3dContext, grid: Grid3d): [number, number] {
  const [lo, hi] = grid.bounds.z;
  const min = series.spec.colorMin ?? lo;
  const max = series.spec.colorMax ?? hi;
  return max > min ? [min, max] : [min, min + 1];
}

/** Surface LOD: at most about one drawn vertex per LOD_PIXELS device px (6: software rasterizers choke on sub-pixel triangles; a real GPU draws lod="off" fast) across the pane's larger side. */
export const LOD_PIXELS = 6;

/** While the camera moves: one drawn vertex per MOVING_LOD_PIXELS device px (the settled frame refines to LOD_PIXELS). */
export const MOVING_LOD_PIXELS = 32;

/** The LOD stride of a rows × cols grid in a pane of this size ('off': 1); coarser while the camera moves. */
export function surfaceStride(rows: number, cols: number, paneWidth: number, paneHeight: number, detail: 'auto' | 'off', moving = false): number {
  if (detail === 'off') return 1;
  const side = Math.max(32, Math.ceil(Math.max(paneWidth, paneHeight) / (moving ? MOVING_LOD_PIXELS : LOD_PIXELS)));
  return Math.max(1, Math.ceil((Math.max(rows, cols) - 1) / side));
}

interface SurfaceState {
  layer: Surface3dLayer;
  world: GridWorld;
  colormap: ColormapCache;
}

const WIREFRAME: Rgba = [0, 0, 0, 0.45];
const CONTOUR: Rgba = [1, 1, 1, 0.9];

/**
 * `type="surface"`: a grid z = f(x, y) (the heatmap's grid input, or { x, y, z: rows }) drawn as
 * a lit mesh coloured by height through the colormap, with optional wireframe and contours. The
 * grid is uploaded once per data version; a frame writes the camera and the level of detail. A
 * streaming grid (`append({ columns })`, core/three/surface-ring.ts) passes its ring on: renderers
 * write only the appended columns, and the box's x range scrolls with the window.
 */
export const surfaceSeries: SeriesModule<SurfaceState> = {
  type: 'surface',
  columns: [],
  createState() {
    const colormap = new ColormapCache();
    return {
      colormap,
      world: emptyGridWorld(),
      layer: {
        kind: 'surface3d', id: 'surface', count: 0, camera: { viewProj: new Float32Array(16), light: [0, 0, 1] },
        heights: new Float32Array(0), cols: 0, rows: 0, xs: new Float32Array(0), ys: new Float32Array(0), zScale: 1, zOffset: 0,
        min: 0, max: 1, lut: colormap.colormap.lut, lutKey: colormap.key, stride: 1, wireframe: null, contours: 0, contourColor: CONTOUR, dataKey: 0,
      },
    };
  },
  extent() {},
  draw() {},
  tooltip() {},
  legendValue: () => NaN,
  three: {
    data: 'grid',
    bounds(series, out) {
      const grid = series.grid;
      if (!grid) return;
      const b = grid.bounds;
      out.x = [Math.min(out.x[0], b.x[0]), Math.max(out.x[1], b.x[1])];
      out.y = [Math.min(out.y[0], b.y[0]), Math.max(out.y[1], b.y[1])];
      out.z = [Math.min(out.z[0], b.z[0]), Math.max(out.z[1], b.z[1])];
    },
    draw(series, target) {
      const grid = series.grid;
      if (!grid) return;
      const { state, spec } = series;
      const world = gridWorld(state.world, grid, target.map);
      const colormap = state.colormap.get(spec.colormap ?? 'viridis');
      const [min, max] = heightRange(series, grid);
      const layer = state.layer;
      layer.id = `surface:${spec.id}`;
      layer.pane = target.pane;
      layer.count = 1;
      layer.camera = target.camera;
      layer.heights = grid.values;
      layer.ring = grid.ring ?? null;
      layer.cols = grid.cols;
      layer.rows = grid.rows;
      layer.xs = world.xs;
      layer.ys = world.ys;
      layer.zScale = target.map.scale[2];
      layer.zOffset = target.map.offset[2];
      layer.min = min;
      layer.max = max;
      layer.lut = colormap.lut;
      layer.lutKey = state.colormap.key;
      layer.stride = surfaceStride(grid.rows, grid.cols, target.pane.width, target.pane.height, target.detail, target.moving);
      layer.moving = target.moving && target.detail !== 'off';
      layer.wireframe = spec.wireframe ? (series.theme.background[0] < 0.5 ? [1, 1, 1, 0.35] : WIREFRAME) : null;
      layer.contours = Math.max(0, Math.min(64, Math.floor(spec.contours ?? 0)));
      layer.dataKey = world.key;
      target.layers.push(layer);
      const cells = grid.rows * grid.cols;
      target.lod.visiblePoints += cells;
      target.lod.drawnPoints += Math.ceil(grid.rows / layer.stride) * Math.ceil(grid.cols / layer.stride);
      target.colorBars.push({ id: spec.id, title: spec.name, colormap: colormap.name, lut: colormap.lut, min, max, scale: 'linear' });
    },
    pick(series, px, py, target) {
      const grid = series.grid;
      if (!grid) return null;
      const world = gridWorld(series.state.world, grid, target.map);
      const { cols, rows } = grid;
      const zs = target.map.scale[2];
      const zo = target.map.offset[2];
      const stride = pickStride(rows, cols);
      // Vertices on the picking lattice: index → (row, col) every `stride` rows and columns.
      const pc = Math.ceil(cols / stride);
      const pr = Math.ceil(rows / stride);
      const hit = pickNearest(pc * pr, (i, out) => {
        const c = Math.min(cols - 1, (i % pc) * stride);
        const r = Math.min(rows - 1, Math.floor(i / pc) * stride);
        out[0] = world.xs[c]!;
        out[1] = world.ys[r]!;
        out[2] = gridHeight(grid, r, c) * zs + zo;
      }, target.matrices.viewProj, target.pane.width, target.pane.height, px, py, target.radius * stride);
      if (!hit) return null;
      const c = Math.min(cols - 1, (hit.index % pc) * stride);
      const r = Math.min(rows - 1, Math.floor(hit.index / pc) * stride);
      return { ...hit, index: r * cols + c };
    },
    values(series, index) {
      const grid = series.grid!;
      const c = index % grid.cols;
      const r = Math.floor(index / grid.cols);
      return { x: grid.xs[c]!, y: grid.ys[r]!, z: gridHeight(grid, r, c), extra: [] };
    },
  },
};
