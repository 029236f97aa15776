import { packColormapColor } from '../../core/colormap/index.js';
import { nextMarkersKey } from '../../core/scene/frame-scene.js';
import { gridHeight, type Grid3d } from '../../core/three/data-3d.js';
import { BAR3D_STRIDE, type Bars3dLayer } from '../../core/scene/layers-3d.js';
import { pickNearest } from '../../core/three/pick.js';
import type { WorldMap } from '../../core/three/world.js';
import { ColormapCache } from '../shared/colormap-cache.js';
import type { Series3dContext } from '../shared/series-3d.js';
import type { SeriesModule } from '../series-type.js';
import { heightRange } from '../surface/index.js';

interface BarsState {
  layer: Bars3dLayer;
  colormap: ColormapCache;
  builtFrom: string;
  builtGrid: Grid3d | null;
}

/** Share of the spacing between bar centres that a bar covers. */
const BAR_FILL = 0.8;

/** The smallest gap between consecutive coordinates (world units), or the box width for one. */
function spacing(coords: Float64Array, scale: number): number {
  let gap = Infinity;
  for (let i = 1; i < coords.length; i++) gap = Math.min(gap, (coords[i]! - coords[i - 1]!) * scale);
  return Number.isFinite(gap) ? gap : 2;
}

function build(series: Series3dContext<BarsState>, grid: Grid3d, map: WorldMap): void {
  const { state, spec } = series;
  const key = [map.scale, map.offset, JSON.stringify(spec.colormap), spec.colorMin, spec.colorMax].join('|');
  if (state.builtGrid === grid && state.builtFrom === key) return;
  const n = grid.rows * grid.cols;
  const layer = state.layer;
  if (layer.data.length < n * BAR3D_STRIDE) {
    layer.data = new Float32Array(n * BAR3D_STRIDE);
    layer.colors = new Uint32Array(n);
  }
  const colormap = state.colormap.get(spec.colormap ?? 'viridis');
  const [min, max] = heightRange(series, grid);
  const [sx, sy, sz] = map.scale;
  const [ox, oy, oz] = map.offset;
  // Bars stand on zero (or on the floor of the box when zero is outside it).
  const zLow = map.range.z[0];
  const base = Math.max(zLow, Math.min(map.range.z[1], 0)) * sz + oz;
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.cols; c++) {
      const i = r * grid.cols + c;
      // Through gridHeight: a grid streamed while the chart was a surface holds its heights in a ring.
      const h = gridHeight(grid, r, c);
      layer.data[i * 4] = grid.xs[c]! * sx + ox;
      layer.data[i * 4 + 1] = grid.ys[r]! * sy + oy;
      layer.data[i * 4 + 2] = base;
      layer.data[i * 4 + 3] = h * sz + oz;
      layer.colors[i] = packColormapColor(colormap, (h - min) / (max - min));
    }
  }
  layer.count = n;
  layer.halfWidth = [(spacing(grid.xs, sx) * BAR_FILL) / 2, (spacing(grid.ys, sy) * BAR_FILL) / 2];
  layer.dataKey = nextMarkersKey();
  state.builtGrid = grid;
  state.builtFrom = key;
}

/**
 * `type="bars3d"`: one bar per grid cell (the same grid input as a surface), standing on zero,
 * its height the cell's value, coloured by height through the colormap.
 */
export const bars3dSeries: SeriesModule<BarsState> = {
  type: 'bars3d',
  columns: [],
  createState() {
    return {
      colormap: new ColormapCache(),
      builtFrom: '',
      builtGrid: null,
      layer: { kind: 'bars3d', id: 'bars3d', count: 0, camera: { viewProj: new Float32Array(16), light: [0, 0, 1] }, data: new Float32Array(0), colors: new Uint32Array(0), halfWidth: [0.1, 0.1], dataKey: 0 },
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
      // Bars start at zero: zero is in range.
      out.z = [Math.min(out.z[0], b.z[0], 0), Math.max(out.z[1], b.z[1], 0)];
    },
    draw(series, target) {
      const grid = series.grid;
      if (!grid) return;
      build(series, grid, target.map);
      const { state, spec } = series;
      const layer = state.layer;
      layer.id = `bars3d:${spec.id}`;
      layer.pane = target.pane;
      layer.camera = target.camera;
      target.layers.push(layer);
      target.lod.visiblePoints += layer.count;
      target.lod.drawnPoints += layer.count;
      const [min, max] = heightRange(series, grid);
      const colormap = state.colormap.colormap;
      target.colorBars.push({ id: spec.id, title: spec.name, colormap: colormap.name, lut: colormap.lut, min, max, scale: 'linear' });
    },
    pick(series, px, py, target) {
      const grid = series.grid;
      if (!grid) return null;
      build(series, grid, target.map);
      const data = series.state.layer.data;
      // The top centre of each bar.
      return pickNearest(series.state.layer.count, (i, out) => {
        out[0] = data[i * 4]!;
        out[1] = data[i * 4 + 1]!;
        out[2] = data[i * 4 + 3]!;
      }, target.matrices.viewProj, target.pane.width, target.pane.height, px, py, target.radius * 3);
    },
    values(series, index) {
      const grid = series.grid!;
      const c = index % grid.cols;
      const r = Math.floor(index / grid.cols);
      return { x: grid.xs[c]!, y: grid.ys[r]!, z: gridHeight(grid, r, c), extra: [] };
    },
  },
};
