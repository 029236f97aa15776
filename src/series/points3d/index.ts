import { packColormapColor } from '../../core/colormap/index.js';
import { nextMarkersKey, type Rgba } from '../../core/scene/frame-scene.js';
import type { Points3d } from '../../core/three/data-3d.js';
import { POINT3D_STRIDE, type Points3dLayer } from '../../core/scene/layers-3d.js';
import { pickNearest } from '../../core/three/pick.js';
import { pointsToDraw, progressiveOrder, type PointsOrder } from '../../core/three/points-lod.js';
import type { WorldMap } from '../../core/three/world.js';
import { ColormapCache } from '../shared/colormap-cache.js';
import type { Series3dContext } from '../shared/series-3d.js';
import type { SeriesModule } from '../series-type.js';

interface PointsState {
  layer: Points3dLayer;
  colormap: ColormapCache;
  /** What `layer.data` / `colors` were built from (rebuilt when any changes). */
  builtFrom: string;
  builtPoints: Points3d | null;
  /** The progressive order of `orderOf` (once per data version). */
  order: PointsOrder | null;
  orderOf: Points3d | null;
}

/** The progressive order of the points (computed once per data version, see points-lod.ts). */
function orderOf(state: PointsState, points: Points3d): PointsOrder {
  if (state.orderOf !== points || !state.order) {
    state.order = progressiveOrder(points.x, points.y, points.z, points.count, points.bounds);
    state.orderOf = points;
  }
  return state.order;
}

/** Packed straight RGBA8 of a colour. */
function pack([r, g, b, a]: Rgba): number {
  const c = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 255);
  return (c(r) | (c(g) << 8) | (c(b) << 16) | (c(a) << 24)) >>> 0;
}

function columnRange(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v !== 0) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/**
 * Fills the layer's world positions, diameters and colours: once per data version, map, ratio and
 * option set (a rotation reuses them; the renderer then uploads nothing but the camera).
 */
function build(series: Series3dContext<PointsState>, points: Points3d, map: WorldMap): void {
  const { state, spec, pixelRatio } = series;
  const sizeColumn = spec.size && points.columns[spec.size] ? points.columns[spec.size]! : null;
  const colorColumn = spec.colorBy && points.columns[spec.colorBy] ? points.columns[spec.colorBy]! : null;
  const key = [map.scale, map.offset, pixelRatio, spec.size, spec.colorBy, spec.markerSize, JSON.stringify(spec.colormap), series.color.join()].join('|');
  if (state.builtPoints === points && state.builtFrom === key) return;
  const n = points.count;
  const layer = state.layer;
  if (layer.data.length < n * POINT3D_STRIDE) {
    layer.data = new Float32Array(n * POINT3D_STRIDE);
    layer.colors = new Uint32Array(n);
  }
  const data = layer.data;
  const colors = layer.colors;
  const diameter = (spec.markerSize ?? 4) * pixelRatio;
  const [sx, sy, sz] = map.scale;
  const [ox, oy, oz] = map.offset;
  const colormap = colorColumn ? state.colormap.get(spec.colormap ?? 'viridis') : null;
  const [cmin, cmax] = colorColumn ? columnRange(colorColumn) : [0, 1];
  const span = cmax - cmin || 1;
  const plain = pack(series.color);
  // Written in progressive order: element k is data point order[k] (a prefix is the moving LOD).
  const { order } = orderOf(state, points);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    data[k * 4] = points.x[i]! * sx + ox;
    data[k * 4 + 1] = points.y[i]! * sy + oy;
    data[k * 4 + 2] = points.z[i]! * sz + oz;
    const size = sizeColumn ? sizeColumn[i]! : NaN;
    data[k * 4 + 3] = size > 0 ? size * pixelRatio : diameter;
    colors[k] = colormap ? packColormapColor(colormap, (colorColumn![i]! - cmin) / span) : plain;
  }
  layer.count = n;
  layer.ids = order;
  layer.dataKey = nextMarkersKey();
  state.builtPoints = points;
  state.builtFrom = key;
}

/**
 * `type="points3d"`: a point cloud from columns x, y, z (other columns may size and colour the
 * points: `size`, `colorBy` with `colormap`). World positions are computed once per data version
 * and uploaded once; rotating a million points changes only the camera uniform.
 */
export const points3dSeries: SeriesModule<PointsState> = {
  type: 'points3d',
  columns: [],
  createState() {
    return {
      colormap: new ColormapCache(),
      builtFrom: '',
      builtPoints: null,
      order: null,
      orderOf: null,
      layer: { kind: 'points3d', id: 'points3d', count: 0, camera: { viewProj: new Float32Array(16), light: [0, 0, 1] }, data: new Float32Array(0), colors: new Uint32Array(0), dataKey: 0 },
    };
  },
  extent() {},
  draw() {},
  tooltip() {},
  legendValue: () => NaN,
  three: {
    data: 'points',
    bounds(series, out) {
      const points = series.points;
      if (!points) return;
      const b = points.bounds;
      out.x = [Math.min(out.x[0], b.x[0]), Math.max(out.x[1], b.x[1])];
      out.y = [Math.min(out.y[0], b.y[0]), Math.max(out.y[1], b.y[1])];
      out.z = [Math.min(out.z[0], b.z[0]), Math.max(out.z[1], b.z[1])];
    },
    draw(series, target) {
      const points = series.points;
      if (!points) return;
      build(series, points, target.map);
      const { state, spec } = series;
      const layer = state.layer;
      layer.id = `points3d:${spec.id}`;
      layer.pane = target.pane;
      layer.camera = target.camera;
      // While the camera moves a large cloud draws an even sample (a prefix of the progressive
      // order); the settled frame draws every point.
      layer.drawCount = pointsToDraw(points.count, target.moving && target.detail !== 'off');
      target.layers.push(layer);
      target.lod.visiblePoints += points.count;
      target.lod.drawnPoints += layer.drawCount;
      if (spec.colorBy && points.columns[spec.colorBy]) {
        const [min, max] = columnRange(points.columns[spec.colorBy]!);
        const colormap = state.colormap.colormap;
        target.colorBars.push({ id: spec.id, title: spec.colorBy, colormap: colormap.name, lut: colormap.lut, min, max, scale: 'linear' });
      }
    },
    pick(series, px, py, target) {
      const points = series.points;
      if (!points) return null;
      build(series, points, target.map);
      const { data, ids } = series.state.layer;
      // Every point (the settled picture), in layer order; the hit names the data index.
      const hit = pickNearest(points.count, (k, out) => {
        out[0] = data[k * 4]!;
        out[1] = data[k * 4 + 1]!;
        out[2] = data[k * 4 + 2]!;
      }, target.matrices.viewProj, target.pane.width, target.pane.height, px, py, target.radius);
      return hit && ids ? { ...hit, index: ids[hit.index]! } : hit;
    },
    values(series, index) {
      const points = series.points!;
      const extra: [string, number][] = [];
      for (const name of [series.spec.size, series.spec.colorBy]) if (name && points.columns[name] && !extra.some(([n]) => n === name)) extra.push([name, points.columns[name]![index]!]);
      return { x: points.x[index]!, y: points.y[index]!, z: points.z[index]!, extra };
    },
  },
};
