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
  /** Points of `builtPoints` written into the layer (fewer than its count after an append). */
  builtCount: number;
  /** The colour column's range, kept up to date by appends (and the key of a rebuild), and its column. */
  colorRange: [number, number];
  colorBy: string | undefined;
  /** The progressive order of `orderOf`, `orderCount` points long (see points-lod.ts). */
  order: PointsOrder | null;
  orderOf: Points3d | null;
  orderCount: number;
}

/**
 * The progressive order of the points: computed once per data version; points appended later
 * follow it in the order they came (drawn once the camera settles), so an append costs O(appended).
 */
function orderOf(state: PointsState, points: Points3d, fresh: boolean): PointsOrder {
  const n = points.count;
  if (fresh || state.orderOf !== points || !state.order) {
    state.order = progressiveOrder(points.x, points.y, points.z, n, points.bounds);
    state.orderOf = points;
    state.orderCount = n;
  } else if (state.orderCount < n) {
    let order = state.order.order;
    if (order.length < n) {
      const grown = new Uint32Array(Math.max(n, Math.ceil(order.length * 1.5)));
      grown.set(order.subarray(0, state.orderCount));
      order = grown;
    }
    for (let i = state.orderCount; i < n; i++) order[i] = i;
    state.order = { order, levelEnds: state.order.levelEnds };
    state.orderCount = n;
  }
  return state.order;
}

/** Packed straight RGBA8 of a colour. */
function pack([r, g, b, a]: Rgba): number {
  const c = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 255);
  return (c(r) | (c(g) << 8) | (c(b) << 16) | (c(a) << 24)) >>> 0;
}

function columnRange(values: ArrayLike<number>, from = 0, to = values.length): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (v - v !== 0) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** The colour column's range over the held points: widened by an append's rows only. */
function colorRangeOf(state: PointsState, points: Points3d, column: Float64Array | null, name: string | undefined): [number, number] {
  if (!column) return [0, 1];
  const incremental = state.builtPoints === points && state.colorBy === name && state.builtCount > 0 && state.builtCount <= points.count;
  if (!incremental) return columnRange(column, 0, points.count);
  if (state.builtCount === points.count) return state.colorRange;
  const [lo, hi] = columnRange(column, state.builtCount, points.count);
  return [Math.min(state.colorRange[0], lo), Math.max(state.colorRange[1], hi)];
}

/**
 * Fills the layer's world positions, diameters and colours: once per data version, map, ratio and
 * option set (a rotation reuses them; the renderer then uploads nothing but the camera). After an
 * append that leaves the box and the colour range as they were, only the new points are written
 * (and the renderer uploads only them: `appendFrom`); otherwise everything is built again.
 */
function build(series: Series3dContext<PointsState>, points: Points3d, map: WorldMap): void {
  const { state, spec, pixelRatio } = series;
  const sizeColumn = spec.size && points.columns[spec.size] ? points.columns[spec.size]! : null;
  const colorColumn = spec.colorBy && points.columns[spec.colorBy] ? points.columns[spec.colorBy]! : null;
  const [cmin, cmax] = colorRangeOf(state, points, colorColumn, spec.colorBy);
  const key = [points.key, map.scale, map.offset, pixelRatio, spec.size, spec.colorBy, spec.markerSize, JSON.stringify(spec.colormap), series.color.join(), cmin, cmax].join('|');
  const n = points.count;
  if (state.builtPoints === points && state.builtFrom === key && state.builtCount === n) return;
  const layer = state.layer;
  // Appended points only: the same cloud, box and colours, more points.
  const from = state.builtPoints === points && state.builtFrom === key && state.builtCount < n ? state.builtCount : 0;
  if (layer.data.length < n * POINT3D_STRIDE) {
    // Room for appends (half again), the points already written kept.
    const capacity = from > 0 ? Math.ceil(n * 1.5) : n;
    const data = new Float32Array(capacity * POINT3D_STRIDE);
    const colors = new Uint32Array(capacity);
    if (from > 0) {
      data.set(layer.data.subarray(0, from * POINT3D_STRIDE));
      colors.set(layer.colors.subarray(0, from));
    }
    layer.data = data;
    layer.colors = colors;
  }
  const data = layer.data;
  const colors = layer.colors;
  const diameter = (spec.markerSize ?? 4) * pixelRatio;
  const [sx, sy, sz] = map.scale;
  const [ox, oy, oz] = map.offset;
  const colormap = colorColumn ? state.colormap.get(spec.colormap ?? 'viridis') : null;
  const span = cmax - cmin || 1;
  const plain = pack(series.color);
  // Written in progressive order: element k is data point order[k] (a prefix is the moving LOD).
  const { order } = orderOf(state, points, from === 0);
  for (let k = from; k < n; k++) {
    const i = order[k]!;
    data[k * 4] = points.x[i]! * sx + ox;
    data[k * 4 + 1] = points.y[i]! * sy + oy;
    data[k * 4 + 2] = points.z[i]! * sz + oz;
    const size = sizeColumn ? sizeColumn[i]! : NaN;
    data[k * 4 + 3] = size > 0 ? size * pixelRatio : diameter;
    colors[k] = colormap ? packColormapColor(colormap, (colorColumn![i]! - cmin) / span) : plain;
  }
  const previous = layer.dataKey;
  layer.count = n;
  layer.ids = order;
  layer.dataKey = nextMarkersKey();
  layer.appendFrom = from > 0 ? { from, dataKey: previous } : undefined;
  state.builtPoints = points;
  state.builtFrom = key;
  state.builtCount = n;
  state.colorRange = [cmin, cmax];
  state.colorBy = spec.colorBy;
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
      builtCount: 0,
      colorRange: [0, 1],
      colorBy: undefined,
      order: null,
      orderOf: null,
      orderCount: 0,
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
      layer.moving = target.moving && target.detail !== 'off';
      layer.drawCount = pointsToDraw(points.count, layer.moving);
      target.layers.push(layer);
      target.lod.visiblePoints += points.count;
      target.lod.drawnPoints += layer.drawCount;
      if (spec.colorBy && points.columns[spec.colorBy]) {
        const [min, max] = state.colorRange;
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
